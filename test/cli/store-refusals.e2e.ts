import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { Client } from 'pg';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import { registerBackupCommand } from '../../apps/cli/src/commands/backup.command';
import { registerMigrateStoreCommand } from '../../apps/cli/src/commands/migrate-store.command';
import { registerRebuildCommand } from '../../apps/cli/src/commands/rebuild.command';
import { registerReplayCommands } from '../../apps/cli/src/commands/replay.command';
import { registerVerifyStoreCommand } from '../../apps/cli/src/commands/verify-store.command';

/**
 * A command that reads a store, pointed at a place holding none (a mistyped path or schema), says so
 * and fails, and leaves nothing behind: no new, empty store that then "verifies" or exports nothing.
 */
describe('CLI commands that read a store refuse one that is not there', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'caretrail-cli-store-'));
    for (const name of Object.keys(process.env)) if (name.startsWith('CARETRAIL_')) delete process.env[name];
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `caretrail <args>` in process with `env` as its environment; what it prints to the console is returned. */
  async function caretrail(env: Record<string, string>, ...args: string[]): Promise<string> {
    Object.assign(process.env, env);
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
    jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
    const program = new Command().name('caretrail').exitOverride();
    registerVerifyStoreCommand(program);
    registerReplayCommands(program);
    registerRebuildCommand(program);
    registerMigrateStoreCommand(program);
    registerBackupCommand(program);
    await program.parseAsync(['node', 'caretrail', ...args]);
    return lines.join('\n');
  }

  const sqlite = (file: string) => ({ CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: file });

  it('verify-store: a mistyped SQLite path is refused, naming it and its variable, and no file or folder is made', async () => {
    const mistyped = join(dir, 'data', 'caretrial.db');
    await expect(caretrail(sqlite(mistyped), 'verify-store')).rejects.toThrow(
      `There is no CareTrail store at ${mistyped} (set by CARETRAIL_SQLITE_FILE): check the path. Nothing was created`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('verify-store: a file that holds no CareTrail store is refused and left as it was', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    await expect(caretrail(sqlite(empty), 'verify-store')).rejects.toThrow(
      `${empty} (set by CARETRAIL_SQLITE_FILE) holds no CareTrail store (no events table)`,
    );
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'not a database at all');
    await expect(caretrail(sqlite(text), 'verify-store')).rejects.toThrow(`${text} (set by CARETRAIL_SQLITE_FILE) is not a SQLite database`);
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)').close();
    await expect(caretrail(sqlite(other), 'verify-store')).rejects.toThrow(/other\.db \(set by CARETRAIL_SQLITE_FILE\) holds no CareTrail store/);
    expect(readdirSync(dir).sort()).toEqual(['empty.db', 'notes.db', 'other.db']);
    const tables = new Database(other, { readonly: true }).prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
    expect(tables).toEqual([{ name: 't' }]);
  });

  it('verify-store still checks a store that is there, even an empty one, without changing it', async () => {
    const file = join(dir, 'caretrail.db');
    const store = new SqliteEventStore({ filename: file });
    await store.init();
    await store.append(
      'concern-1',
      [
        {
          eventId: randomUUID(),
          type: 'CommentRecorded',
          schemaVersion: 1,
          data: { n: 1 },
          occurredAt: '2025-01-02T10:00:00.000Z',
          actor: { userId: 'u', organisationId: 'o', role: 'qa_officer' },
          correlationId: randomUUID(),
          causationId: null,
          commandId: null,
        },
      ],
      'no_stream',
    );
    await store.close();
    const before = readFileSync(file);
    expect(await caretrail(sqlite(file), 'verify-store')).toBe('1 events in 1 streams checked: every hash chain verifies');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(process.exitCode ?? 0).toBe(0);
    const empty = new SqliteEventStore({ filename: join(dir, 'empty-store.db') });
    await empty.init();
    await empty.close();
    expect(await caretrail(sqlite(join(dir, 'empty-store.db')), 'verify-store')).toBe('0 events in 0 streams checked: every hash chain verifies');
  });

  it('timeline, measures and rebuild refuse a mistyped path, and make no store and no read models', async () => {
    const mistyped = join(dir, 'caretrial.db');
    const refusal = `There is no CareTrail store at ${mistyped} (set by CARETRAIL_SQLITE_FILE)`;
    await expect(caretrail(sqlite(mistyped), 'timeline', '--scope', 'concern', '--id', 'c-1')).rejects.toThrow(refusal);
    await expect(caretrail(sqlite(mistyped), 'measures', '--scope', 'service', '--id', 's-1')).rejects.toThrow(refusal);
    await expect(caretrail(sqlite(mistyped), 'rebuild')).rejects.toThrow(refusal);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("timeline and measures take --as-of by the API's rule: a real day from 2000-01-01 to tomorrow, else refused before any store is opened", async () => {
    const file = join(dir, 'never.db');
    const concern = ['--scope', 'concern', '--id', randomUUID()];
    await expect(caretrail(sqlite(file), 'timeline', ...concern, '--as-of', '9999-12-31')).rejects.toThrow(
      /--as-of <date>' argument '9999-12-31' is invalid\. a day written YYYY-MM-DD: must be a date between 1900 and 2999/,
    );
    await expect(caretrail(sqlite(file), 'timeline', ...concern, '--as-of', '2999-12-31')).rejects.toThrow(
      /'2999-12-31' is invalid\. a day written YYYY-MM-DD: must be a day from 2000-01-01 to \d{4}-\d{2}-\d{2} \(tomorrow/,
    );
    await expect(caretrail(sqlite(file), 'measures', ...concern, '--as-of', '2025-02-30')).rejects.toThrow(
      /'2025-02-30' is invalid\. a day written YYYY-MM-DD: /,
    );
    await expect(caretrail(sqlite(file), 'timeline', ...concern, '--as-of', '1999-12-31')).rejects.toThrow(/must be a day from 2000-01-01/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('migrate-store refuses a --from store that is not there, and creates neither store', async () => {
    const from = join(dir, 'old.db');
    const to = join(dir, 'new.db');
    await expect(caretrail({}, 'migrate-store', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`)).rejects.toThrow(
      `There is no CareTrail store at ${from} (set by --from): check the path`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('backup refuses a file that holds no CareTrail store, naming it rather than its copy', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    await expect(caretrail(sqlite(empty), 'backup', '--to', join(dir, 'backup.db'))).rejects.toThrow(
      `${empty} (set by CARETRAIL_SQLITE_FILE) holds no CareTrail store`,
    );
    expect(readdirSync(dir)).toEqual(['empty.db']);
  });

  const pgUrl = process.env.CARETRAIL_TEST_PG_URL;
  (pgUrl ? describe : describe.skip)('on PostgreSQL', () => {
    const schema = `ct_cli_${randomBytes(4).toString('hex')}`;
    const postgres = (name: string) => ({ CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: pgUrl!, CARETRAIL_PG_SCHEMA: name });
    async function schemaExists(name: string): Promise<boolean> {
      const client = new Client({ connectionString: pgUrl });
      await client.connect();
      try {
        return (await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [name])).rowCount === 1;
      } finally {
        await client.end();
      }
    }
    afterAll(async () => {
      const client = new Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    it('verify-store, timeline and migrate-store --from refuse a schema with no store, and create none', async () => {
      const mistyped = `${schema}_typo`;
      const refusal = `Schema ${mistyped} at ${pgUrl} (set by CARETRAIL_PG_URL and CARETRAIL_PG_SCHEMA) holds no CareTrail store (no ${mistyped}.events table)`;
      await expect(caretrail(postgres(mistyped), 'verify-store')).rejects.toThrow(refusal);
      await expect(caretrail(postgres(mistyped), 'timeline', '--scope', 'concern', '--id', 'c-1')).rejects.toThrow(refusal);
      await expect(caretrail({}, 'migrate-store', '--from', `postgres:${pgUrl}#schema=${mistyped}`, '--to', `sqlite:${join(dir, 'copy.db')}`)).rejects.toThrow(
        `Schema ${mistyped} at ${pgUrl} (set by --from) holds no CareTrail store`,
      );
      expect(await schemaExists(mistyped)).toBe(false);
      expect(await schemaExists(`${mistyped}_read`)).toBe(false);
      expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    });

    it('verify-store checks a schema that holds a store', async () => {
      const store = new PostgresEventStore({ connectionString: pgUrl!, schema, poolSize: 1 });
      await store.init();
      await store.close();
      expect(await caretrail(postgres(schema), 'verify-store')).toBe('0 events in 0 streams checked: every hash chain verifies');
    });
  });
});
