import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { Client } from 'pg';
import { CommandExecutor } from '@caretrail/application';
import { createEventStore, loadConfig, type AppConfig } from '@caretrail/config';
import { DEMO_IDS, seedDemo, storyClock } from '@caretrail/demo';
import type { EventStore, RecordedEvent } from '@caretrail/event-store';
import { loadScopeEvents, organisationKindMap, readTimeline, type ReadDb, type RecordScope } from '@caretrail/projections';
import { replayTimeline, toLondonDate, type TimelineEntry } from '@caretrail/timeline';
import { openReadSide, type ReadSide } from '../../apps/cli/src/commands/read-side';
import { registerRebuildCommand } from '../../apps/cli/src/commands/rebuild.command';
import { registerVerifyStoreCommand } from '../../apps/cli/src/commands/verify-store.command';

const pgUrl = process.env.CARETRAIL_TEST_PG_URL;
const run = promisify(execFile);
/** The client tools of the server's major version when installed there, otherwise those on PATH. */
const pgTool = (name: string) => (existsSync(`/usr/lib/postgresql/15/bin/${name}`) ? `/usr/lib/postgresql/15/bin/${name}` : name);

const SCOPES: RecordScope[] = [
  { kind: 'concern', concernId: DEMO_IDS.documentationConcern },
  { kind: 'concern', concernId: DEMO_IDS.missedCallsConcern },
  { kind: 'service', serviceId: DEMO_IDS.mapleCourt },
  { kind: 'provider', providerId: DEMO_IDS.provider },
  { kind: 'council', councilId: DEMO_IDS.council },
];

async function readFeed(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: 500 });
    all.push(...page.events);
    after = page.nextAfter;
    if (page.isEnd) return all;
  }
}

async function replayed(db: ReadDb, scope: RecordScope): Promise<TimelineEntry[]> {
  const events = await loadScopeEvents(db, scope);
  return replayTimeline(events, {
    asOf: toLondonDate(new Date()),
    basis: 'recorded',
    organisationKinds: await organisationKindMap(
      db,
      events.map((e) => e.actor.organisationId),
    ),
  }).entries;
}

async function cli(args: string[], config: AppConfig): Promise<string> {
  const saved = { ...process.env };
  Object.assign(process.env, { CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: config.CARETRAIL_PG_URL, CARETRAIL_PG_SCHEMA: config.CARETRAIL_PG_SCHEMA });
  let out = '';
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  const err = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const program = new Command().exitOverride();
    registerVerifyStoreCommand(program);
    registerRebuildCommand(program);
    await program.parseAsync(['node', 'caretrail', ...args]);
    return out;
  } finally {
    log.mockRestore();
    err.mockRestore();
    progress.mockRestore();
    process.env = saved;
  }
}

async function sql(url: string, text: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

if (!pgUrl) {
  const reason = 'CARETRAIL_TEST_PG_URL is not set (e.g. postgres://root@127.0.0.1:5432/test)';
  console.warn(`pg_dump / pg_restore tests skipped: ${reason}`);
  describe.skip(`pg_dump and pg_restore of a PostgreSQL store (skipped: ${reason})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('pg_dump -Fc and pg_restore of a PostgreSQL store, as docs/operations.md "Backup and restore" says', () => {
    const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
    const schema = `backup_${suffix}`;
    const database = `caretrail_restore_${suffix}`;
    const restoredUrl = Object.assign(new URL(pgUrl), { pathname: `/${database}` }).toString();
    const original = loadConfig({ CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: pgUrl, CARETRAIL_PG_SCHEMA: schema });
    const restored = loadConfig({ CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: restoredUrl, CARETRAIL_PG_SCHEMA: schema });
    let dir: string;
    const sides: ReadSide[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'caretrail-pgdump-'));
      const clock = storyClock();
      const store = await createEventStore(original, clock.now);
      await seedDemo(new CommandExecutor(store), clock);
      await store.close();
      const side = await openReadSide(original);
      sides.push(side);
      await side.host.catchUp();
      await side.read.db
        .insertInto('read_audit')
        .values({
          read_at: '2025-05-01T09:00:00.000Z',
          provider_id: DEMO_IDS.provider,
          user_id: 'u-auditor',
          organisation_id: DEMO_IDS.regulator,
          organisation_kind: 'regulator',
          role: 'inspector',
          action: 'timeline',
          scope_kind: 'concern',
          scope_id: DEMO_IDS.documentationConcern,
          correlation_id: null,
        })
        .execute();
    });

    afterAll(async () => {
      await Promise.allSettled(sides.splice(0).map((s) => s.close()));
      if (dir) rmSync(dir, { recursive: true, force: true });
      await sql(pgUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await sql(pgUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
    });

    it('dumps both schemas, restores them into another database, and the copy verifies and serves the same timelines', async () => {
      const dump = join(dir, 'caretrail.dump');
      await run(pgTool('pg_dump'), ['--format=custom', `--schema=${schema}`, `--schema=${schema}_read`, `--file=${dump}`, `--dbname=${pgUrl}`]);
      expect(statSync(dump).size).toBeGreaterThan(0);
      await sql(pgUrl, `CREATE DATABASE "${database}"`);
      await run(pgTool('pg_restore'), ['--exit-on-error', '--no-owner', `--dbname=${restoredUrl}`, dump]);

      // The restored database is in the same cluster, whose transaction ids only grow: every restored
      // position is below what the next append gets (docs/operations.md explains the check for another cluster).
      const [xid] = (await sql(
        restoredUrl,
        `SELECT (SELECT max(global_position) >> 16 FROM "${schema}".events) AS needed, pg_current_xact_id()::text::bigint AS current`,
      )) as { needed: string; current: string }[];
      expect(BigInt(xid.current)).toBeGreaterThan(BigInt(xid.needed));

      const originalSide = sides[0];
      const copy = await openReadSide(restored);
      sides.push(copy);
      const originalFeed = await readFeed(originalSide.store);
      expect(originalFeed.length).toBeGreaterThan(0);
      expect(await readFeed(copy.store)).toEqual(originalFeed);
      expect(await cli(['verify-store'], restored)).toBe(
        `${originalFeed.length} events in ${new Set(originalFeed.map((e) => e.streamId)).size} streams checked: every hash chain verifies\n`,
      );

      // The read models came along at the events' position, with the read audit.
      expect((await copy.host.status()).map((s) => [s.name, s.position])).toEqual((await originalSide.host.status()).map((s) => [s.name, s.position]));
      expect(await copy.read.db.selectFrom('read_audit').select(['user_id', 'scope_id']).execute()).toEqual([
        { user_id: 'u-auditor', scope_id: DEMO_IDS.documentationConcern },
      ]);
      for (const scope of SCOPES) {
        const entries = (await readTimeline(originalSide.read.db, scope)).entries;
        expect(entries.length).toBeGreaterThan(0);
        expect((await readTimeline(copy.read.db, scope)).entries).toEqual(entries);
        expect(await replayed(copy.read.db, scope)).toEqual(await replayed(originalSide.read.db, scope));
      }

      // And `caretrail rebuild` on the restored database gives the same timelines again.
      expect(await cli(['rebuild', 'timeline'], restored)).toMatch(/^timeline: rebuilt to position \d+ in [\d.]+ s$/m);
      for (const scope of SCOPES) expect((await readTimeline(copy.read.db, scope)).entries).toEqual((await readTimeline(originalSide.read.db, scope)).entries);
      // All of them (built together, one read of the feed): a line each, and the same timelines again.
      const all = await cli(['rebuild'], restored);
      expect(all.match(/^[a-z-]+(?=: rebuilt to position \d+ in [\d.]+ s$)/gm)).toEqual(['scope-events', 'timeline', 'dashboard', 'due-items']);
      for (const scope of SCOPES) expect((await readTimeline(copy.read.db, scope)).entries).toEqual((await readTimeline(originalSide.read.db, scope)).entries);
    });
  });
}
