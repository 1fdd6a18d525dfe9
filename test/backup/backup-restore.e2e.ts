import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { CommandExecutor } from '@caretrail/application';
import { createEventStore, loadConfig, sqliteReadDatabaseFile } from '@caretrail/config';
import { DEMO_IDS, demoIdentityByToken, seedDemo, storyClock } from '@caretrail/demo';
import { verifyStoreChains, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { loadScopeEvents, organisationKindMap, readTimeline, type ReadDb, type RecordScope } from '@caretrail/projections';
import { endOfLondonDay, replayTimeline, toLondonDate, type TimelineEntry } from '@caretrail/timeline';
import { backupSqliteStore, registerBackupCommand, type BackupSummary } from '../../apps/cli/src/commands/backup.command';
import { openReadSide, type ReadSide } from '../../apps/cli/src/commands/read-side';
import { registerReplayCommands } from '../../apps/cli/src/commands/replay.command';
import { registerRestoreCommand, restoreSqliteStore } from '../../apps/cli/src/commands/restore.command';
import { checkReadModels, checkSqliteBackup } from '../../apps/cli/src/commands/sqlite-backup.check';
import { BackupRestoreError } from '../../apps/cli/src/commands/sqlite-store-files';

const CONCERN = DEMO_IDS.documentationConcern;
const SCOPES: RecordScope[] = [
  { kind: 'concern', concernId: DEMO_IDS.documentationConcern },
  { kind: 'concern', concernId: DEMO_IDS.missedCallsConcern },
  { kind: 'service', serviceId: DEMO_IDS.mapleCourt },
  { kind: 'service', serviceId: DEMO_IDS.kestrelHomecare },
  { kind: 'provider', providerId: DEMO_IDS.provider },
  { kind: 'provider', providerId: DEMO_IDS.otherProvider },
  { kind: 'council', councilId: DEMO_IDS.council },
  { kind: 'council', councilId: DEMO_IDS.otherCouncil },
];
const AUDIT_ROW = {
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
};
const idOf = (scope: RecordScope) => Object.values(scope)[1] as string;

const sqliteConfig = (file: string) => loadConfig({ CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: file });
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function readFeed(store: Pick<EventStore, 'readAll'>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: 500 });
    all.push(...page.events);
    after = page.nextAfter;
    if (page.isEnd) return all;
  }
}

async function withStore<T>(file: string, use: (store: SqliteEventStore) => Promise<T>): Promise<T> {
  const store = new SqliteEventStore({ filename: file, readonly: true });
  await store.init();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * A scope's timeline today as the CLI and the API's as-of view compute it (loadScopeEvents, then the
 * pure replayTimeline), from the events up to `position` only when one is given.
 */
async function replayedTimeline(db: ReadDb, scope: RecordScope, position = Number.MAX_SAFE_INTEGER, asOf = toLondonDate(new Date())): Promise<TimelineEntry[]> {
  const events = (await loadScopeEvents(db, scope, { recordedBy: endOfLondonDay(asOf) })).filter((e) => e.globalPosition <= position);
  const organisationKinds = await organisationKindMap(
    db,
    events.map((e) => e.actor.organisationId),
  );
  return replayTimeline(events, { asOf, basis: 'recorded', organisationKinds }).entries;
}

/** Runs CLI commands as `caretrail ...` would, on the environment given; returns what they printed. */
async function cli(args: string[], env: Record<string, string>): Promise<string> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let out = '';
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    const program = new Command().exitOverride();
    registerBackupCommand(program);
    registerRestoreCommand(program);
    registerReplayCommands(program);
    await program.parseAsync(['node', 'caretrail', ...args]);
    return out;
  } finally {
    log.mockRestore();
    write.mockRestore();
    process.env = saved;
  }
}

interface Commit {
  position: number;
  at: number;
}

/** The appending loop: a worker thread recording comments through the command path on its own connection. */
function startWriter(filename: string) {
  const commits: Commit[] = [];
  const errors: string[] = [];
  const worker = new Worker(join(__dirname, 'support/append-commands.worker.js'), { workerData: { filename, concernId: CONCERN } });
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const waiters: { count: number; resolve: () => void }[] = [];
  worker.on('message', (m: { kind: string; position?: number; at?: number; message?: string }) => {
    if (m.kind === 'commit') commits.push({ position: m.position!, at: m.at! });
    if (m.kind === 'error') errors.push(m.message!);
    if (m.kind === 'stopped' || m.kind === 'error') stopped();
    for (const w of waiters.filter((w) => commits.length >= w.count || errors.length > 0)) w.resolve();
  });
  worker.on('error', (error) => {
    errors.push(String(error));
    stopped();
  });
  worker.on('exit', () => stopped());
  return {
    commits,
    errors,
    /** Resolves once `count` commands more than now have committed. */
    more(count: number): Promise<void> {
      return new Promise((resolve) => waiters.push({ count: commits.length + count, resolve }));
    },
    async stop(): Promise<void> {
      worker.postMessage('stop');
      await done;
      await worker.terminate();
    },
  };
}

describe('caretrail backup and restore (SQLite)', () => {
  let dir: string;
  let live: string;
  let liveSide: ReadSide;
  let backup: BackupSummary;
  let backupOutput: string;
  let commitsDuringBackup: Commit[];
  let backupWindow: { from: number; to: number };
  let writerCommits: Commit[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caretrail-backup-'));
    live = join(dir, 'live', 'caretrail.db');
    const clock = storyClock();
    const seeding = await createEventStore(sqliteConfig(live), clock.now);
    await seedDemo(new CommandExecutor(seeding), clock);
    await seeding.close();

    // The service's side of it: projections following the feed into the read-model file...
    liveSide = await openReadSide(sqliteConfig(live));
    await liveSide.host.catchUp();
    await liveSide.host.start();
    // Who looked: the one record in the read-model file that exists nowhere else.
    await liveSide.read.db.insertInto('read_audit').values(AUDIT_ROW).execute();
    // ...and commands being recorded, in another thread on another connection, all through the backup.
    const writer = startWriter(live);
    try {
      await writer.more(20);
      const started = Date.now();
      backupOutput = await cli(['backup', '--to', join(dir, 'backups', 'caretrail.db')], { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: live });
      const ended = Date.now();
      await writer.more(20);
      backupWindow = { from: started, to: ended };
      commitsDuringBackup = writer.commits.filter((c) => c.at >= started && c.at <= ended);
    } finally {
      await writer.stop();
    }
    if (writer.errors.length > 0) throw new Error(`the appending loop failed: ${writer.errors.join('\n')}`);
    writerCommits = writer.commits;
    await liveSide.host.catchUp();
    const position = Number(/last global position (\d+)/.exec(backupOutput)?.[1]);
    backup = {
      source: live,
      target: join(dir, 'backups', 'caretrail.db'),
      readTarget: join(dir, 'backups', 'caretrail-read.db'),
      check: await checkSqliteBackup(join(dir, 'backups', 'caretrail.db'), join(dir, 'backups', 'caretrail-read.db')),
      bytes: { events: 0, readModels: 0 },
      seconds: 0,
    };
    expect(backup.check.chains.lastPosition).toBe(position);
    console.info(
      `${backupOutput}(${writerCommits.length} commands recorded by the appending loop, ${commitsDuringBackup.length} of them while the backup ran for ${backupWindow.to - backupWindow.from} ms)`,
    );
  });

  afterAll(async () => {
    await liveSide?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes an online backup while commands keep being recorded: it completes, is consistent and verifies', async () => {
    expect(backupOutput).toMatch(/^Backed up .*caretrail\.db to .*backups\/caretrail\.db$/m);
    expect(backupOutput).toMatch(/events: +\d+ in \d+ streams, last global position \d+, \d+ bytes/);
    expect(backupOutput).toMatch(/checked: +integrity ok; .* every hash chain verifies; read models at .* match the events/);
    expect(backupOutput).toMatch(/took \d+\.\d\d s/);
    expect(backupOutput).toContain('; 1 read-audit rows;');

    // Writes went on during the backup and after it: the copy was taken while the store was in use.
    expect(commitsDuringBackup.length).toBeGreaterThan(0);
    const position = backup.check.chains.lastPosition;
    const liveFeed = await readFeed(liveSide.store);
    expect(liveFeed[liveFeed.length - 1].globalPosition).toBeGreaterThan(position);
    expect(writerCommits.some((c) => c.position > position)).toBe(true);
    expect(writerCommits.some((c) => c.position <= position)).toBe(true);

    // Consistent: exactly the live store's feed up to one commit, nothing missing, nothing half-written.
    const backupFeed = await withStore(backup.target, readFeed);
    expect(backupFeed).toEqual(liveFeed.filter((e) => e.globalPosition <= position));
    expect(backup.check.integrity.every((i) => i.problems.length === 0)).toBe(true);
    expect(backup.check.chains.problems).toEqual([]);
    // Its read models never run ahead of its events, and every row names the event it came from.
    expect(backup.check.readModels?.problems).toEqual([]);
    for (const c of backup.check.readModels!.checkpoints) expect(c.position).toBeLessThanOrEqual(position);

    // One self-contained file each: nothing in a -wal beside them.
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['caretrail-read.db', 'caretrail.db']);
  });

  it('restores into a new path: the chains verify and it serves the same timelines as the original at the backup position', async () => {
    const target = join(dir, 'restored', 'caretrail.db');
    const output = await cli(['restore', '--from', backup.target, '--to', target], {});
    const position = backup.check.chains.lastPosition;
    expect(output).toContain(`Restored ${backup.check.chains.events} events (last global position ${position}) to ${target}`);
    expect(output).toMatch(/read models: .*restored\/caretrail-read\.db, the backup's, caught up: .*timeline at \d+/);

    const restoredFeed = await withStore(target, readFeed);
    expect(await withStore(target, (s) => verifyStoreChains(s))).toEqual({
      events: restoredFeed.length,
      streams: backup.check.chains.streams,
      lastPosition: position,
      problems: [],
    });
    expect(restoredFeed).toEqual((await readFeed(liveSide.store)).filter((e) => e.globalPosition <= position));

    const restored = await openReadSide(sqliteConfig(target));
    try {
      for (const c of await restored.host.status()) expect(c.position).toBe(position);
      expect(await restored.read.db.selectFrom('read_audit').selectAll().execute()).toEqual([AUDIT_ROW]);
      for (const scope of SCOPES) {
        const original = await replayedTimeline(liveSide.read.db, scope, position);
        expect(original.length).toBeGreaterThan(0);
        // The API's live view (the timeline read model) and its as-of view, on the restored store.
        expect((await readTimeline(restored.read.db, scope)).entries).toEqual(original);
        expect(await replayedTimeline(restored.read.db, scope)).toEqual(original);
        expect(await replayedTimeline(restored.read.db, scope, undefined, '2025-03-01')).toEqual(
          await replayedTimeline(liveSide.read.db, scope, position, '2025-03-01'),
        );
      }
    } finally {
      await restored.close();
    }
    // The CLI's `timeline`, run on the restored store, prints the same entries.
    const printed = JSON.parse(await cli(['timeline', '--scope', 'concern', '--id', CONCERN], { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: target }));
    expect(printed.entries).toEqual(await replayedTimeline(liveSide.read.db, SCOPES[0], position));
    // The live store has moved on: its timeline of that concern is longer than the backup's.
    expect((await replayedTimeline(liveSide.read.db, SCOPES[0])).length).toBeGreaterThan(printed.entries.length);
  });

  it('refuses a backup with one payload byte changed, naming the stream and version, and changes nothing', async () => {
    const tampered = join(dir, 'tampered', 'caretrail.db');
    mkdirSync(join(dir, 'tampered'));
    copyFileSync(backup.target, tampered);
    copyFileSync(backup.readTarget!, sqliteReadDatabaseFile(tampered));
    const db = new Database(tampered);
    const row = db
      .prepare(
        `SELECT global_position AS position, stream_id AS streamId, stream_version AS version FROM events WHERE instr(data, 'Daily records incomplete') > 0 ORDER BY global_position LIMIT 1`,
      )
      .get() as { position: number; streamId: string; version: number };
    expect(
      db.prepare(`UPDATE events SET data = replace(data, 'Daily records incomplete', 'Daily records incompletE') WHERE global_position = ?`).run(row.position)
        .changes,
    ).toBe(1);
    db.close();
    const before = sha256(tampered);

    const target = join(dir, 'from-tampered', 'caretrail.db');
    const refusal = restoreSqliteStore({ from: tampered, to: target });
    await expect(refusal).rejects.toThrow(BackupRestoreError);
    await expect(refusal).rejects.toThrow(`Refusing to restore ${tampered}: it fails verification`);
    await expect(refusal).rejects.toThrow(new RegExp(`BROKEN ${row.streamId} v${row.version} \\(.+\\): hash [0-9a-f]{64} does not match its content`));
    expect(existsSync(target)).toBe(false);
    expect(sha256(tampered)).toBe(before);
  });

  it('never restores over a store that holds events without --force, and with --force keeps it as .replaced-<time>', async () => {
    const target = join(dir, 'in-place', 'caretrail.db');
    await restoreSqliteStore({ from: backup.target, to: target });
    // The store moves on after the restore: one more event that only it holds.
    const extra = await createEventStore(sqliteConfig(target));
    const executor = new CommandExecutor(extra);
    const ceo = demoIdentityByToken('demo-provider-ceo')!;
    await executor.execute(
      {
        kind: 'RecordConcernComment',
        concernId: CONCERN,
        commentId: randomUUID(),
        topic: 'general',
        text: 'Recorded after the restore',
        occurredAt: new Date().toISOString(),
      },
      {
        actor: { userId: ceo.userId, organisationId: ceo.organisationId, organisationKind: ceo.organisationKind, role: ceo.role },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        causationId: null,
      },
    );
    await extra.close();
    const held = await withStore(target, readFeed);
    const before = sha256(target);

    await expect(cli(['restore', '--from', backup.target, '--to', target], {})).rejects.toThrow(
      `${target} already holds ${held.length} events (last position ${held[held.length - 1].globalPosition}): restore never replaces a store unasked; pass --force`,
    );
    expect(sha256(target)).toBe(before);

    // In use by a running service: refused even with --force, and nothing is moved.
    const running = new SqliteEventStore({ filename: target });
    await running.init();
    try {
      await expect(restoreSqliteStore({ from: backup.target, to: target, force: true })).rejects.toThrow(
        /is in use by another process \(SQLITE_BUSY\): stop the CareTrail service/,
      );
    } finally {
      await running.close();
    }
    expect(readdirSync(join(dir, 'in-place')).filter((f) => f.includes('.replaced-'))).toEqual([]);

    const output = await cli(['restore', '--from', backup.target, '--to', target, '--force'], {});
    const aside = /Kept the store that was there as (\S+)/.exec(output)?.[1];
    expect(aside).toMatch(/in-place\/caretrail\.db\.replaced-\d{8}T\d{6}\.\d{3}Z$/);
    expect(output).toMatch(/Kept its read models as \S+in-place\/caretrail-read\.db\.replaced-/);
    // The replaced store is whole, with the event only it held; the target is the backup again.
    expect(await withStore(aside!, readFeed)).toEqual(held);
    expect(await withStore(target, readFeed)).toEqual(await withStore(backup.target, readFeed));
  });

  it('replaces an empty store without --force, still keeping it', async () => {
    const target = join(dir, 'empty', 'caretrail.db');
    const empty = new SqliteEventStore({ filename: target });
    await empty.init();
    await empty.close();
    const summary = await restoreSqliteStore({ from: backup.target, to: target });
    expect(summary.replaced.events).toMatch(/empty\/caretrail\.db\.replaced-/);
    expect(existsSync(summary.replaced.events!)).toBe(true);
  });

  it('refuses read models that run ahead of the events; --rebuild-read-models builds them from the events instead', async () => {
    // The events of this backup with the read models of a later one: rows for events it does not hold.
    const later = await backupSqliteStore({ source: live, target: join(dir, 'later', 'caretrail.db') });
    const mixed = join(dir, 'mixed', 'caretrail.db');
    mkdirSync(join(dir, 'mixed'));
    copyFileSync(backup.target, mixed);
    copyFileSync(later.readTarget!, sqliteReadDatabaseFile(mixed));
    const position = backup.check.chains.lastPosition;
    const ahead = checkReadModels(sqliteReadDatabaseFile(mixed), mixed);
    expect(ahead.problems).toContain(
      `read model timeline has applied events up to position ${later.check.chains.lastPosition}, but the events end at position ${position}`,
    );
    expect(ahead.problems.some((p) => /read model scope-events \(scope_events\) has event \S+ at position \d+, where the events hold nothing/.test(p))).toBe(
      true,
    );

    const target = join(dir, 'from-mixed', 'caretrail.db');
    await expect(restoreSqliteStore({ from: mixed, to: target })).rejects.toThrow(
      /its read models .* do not match its events, nothing was changed[\s\S]*--rebuild-read-models/,
    );
    expect(existsSync(target)).toBe(false);

    const summary = await restoreSqliteStore({ from: mixed, to: target, rebuildReadModels: true });
    expect(summary.readModels).toBe('rebuilt');
    expect(summary.checkpoints.map((c) => c.position)).toEqual(summary.checkpoints.map(() => position));
    await expectSameTimelines(target, position);
    // The read audit came along; only the read models were built again.
    const read = new Database(sqliteReadDatabaseFile(target), { readonly: true });
    expect(read.prepare('SELECT * FROM read_audit').all()).toEqual([AUDIT_ROW]);
    read.close();
  });

  it('builds the read models from the events when the backup has none', async () => {
    const bare = join(dir, 'bare', 'caretrail.db');
    mkdirSync(join(dir, 'bare'));
    copyFileSync(backup.target, bare);
    const target = join(dir, 'from-bare', 'caretrail.db');
    const summary = await restoreSqliteStore({ from: bare, to: target });
    expect(summary.readModels).toBe('built');
    expect(summary.checkpoints.map((c) => c.position)).toEqual(summary.checkpoints.map(() => backup.check.chains.lastPosition));
    await expectSameTimelines(target, backup.check.chains.lastPosition);
  });

  it('backup refuses to overwrite without --force, and refuses a store that is not SQLite, pointing to pg_dump', async () => {
    const env = { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: live };
    const to = join(dir, 'again', 'caretrail.db');
    await cli(['backup', '--to', to], env);
    const before = sha256(to);
    await expect(cli(['backup', '--to', to], env)).rejects.toThrow(`${to} exists already: choose another name, or pass --force to replace that backup`);
    expect(sha256(to)).toBe(before);
    const forced = await cli(['backup', '--to', to, '--force'], env);
    expect(forced).toContain(`to ${to}`);
    expect(readdirSync(join(dir, 'again')).sort()).toEqual(['caretrail-read.db', 'caretrail.db']);

    const postgres = { CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: 'postgres://nobody@127.0.0.1:1/none' };
    await expect(cli(['backup', '--to', join(dir, 'pg.db')], postgres)).rejects.toThrow(
      /works on the SQLite store.*CARETRAIL_STORE=postgres: back it up with pg_dump -Fc .*docs\/operations\.md, "Backup and restore"/,
    );
    await expect(cli(['restore', '--from', backup.target], postgres)).rejects.toThrow(
      /restore it with pg_restore .*caretrail verify-store.*"Backup and restore"/,
    );
    expect(existsSync(join(dir, 'pg.db'))).toBe(false);
    await expect(cli(['backup', '--to', join(dir, 'x.db')], { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: join(dir, 'nowhere.db') })).rejects.toThrow(
      /There is no SQLite store at .*nowhere\.db/,
    );
  });

  /** The restored store's timelines, live and replayed, equal the original's at `position`. */
  async function expectSameTimelines(target: string, position: number): Promise<void> {
    const restored = await openReadSide(sqliteConfig(target));
    try {
      for (const scope of SCOPES) {
        const original = await replayedTimeline(liveSide.read.db, scope, position);
        expect({ scope: idOf(scope), entries: (await readTimeline(restored.read.db, scope)).entries }).toEqual({ scope: idOf(scope), entries: original });
        expect(await replayedTimeline(restored.read.db, scope)).toEqual(original);
      }
    } finally {
      await restored.close();
    }
  }
});
