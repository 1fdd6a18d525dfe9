import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { type EventStore } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import {
  careTrailProjections,
  dashboard,
  rebuildProjections,
  loadMeasureEvents,
  loadScopeEvents,
  MeasuresReader,
  organisationKindMap,
  ProjectionRunner,
  readTimeline,
} from '@caretrail/projections';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';
import { computeMeasures, endOfLondonDay, replayTimeline } from '@caretrail/timeline';
import type { RowResult } from './bench-result';
import type { Backend } from './bench-subject';
import type { BenchOptions } from './bench-options';
import { benchDatabase, dropDatabase, withDatabase } from './bench-databases';
import { GENERATOR_VERSION, writeHistory, type HistoryManifest } from './history-generator';
import { percentile, settle, timed } from './measure';

type Report = (row: RowResult) => void;

interface HistoryStore {
  store: EventStore;
  manifest: HistoryManifest;
  generated: boolean;
  readConfig(which: 'rebuild' | 'serving'): Parameters<typeof openReadDatabase>[0];
  dropRead(which: 'rebuild' | 'serving'): Promise<void>;
}

const label = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(2)}M` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

/**
 * The generated history for this size: reused when a previous run left it (same generator version
 * and size, and the store holds what its manifest says), generated otherwise.
 */
async function historyStore(backend: Backend, options: BenchOptions): Promise<HistoryStore> {
  const n = options.historyEvents;
  const manifestFile = join(options.outDir, `history-${n}-${backend}.json`);
  const previous = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as HistoryManifest) : undefined;
  const reusable = previous?.generatorVersion === GENERATOR_VERSION && previous.targetEvents === n;
  const sqliteFile = join(options.outDir, `history-${n}.db`);
  const database = `caretrail_bench_history_${n}`;
  const open =
    backend === 'sqlite'
      ? async (clock?: () => Date) => {
          const s = new SqliteEventStore({ filename: sqliteFile, clock });
          await s.init();
          return s as EventStore;
        }
      : async (clock?: () => Date, fresh = false) => {
          const url = await benchDatabase(options.pgUrl!, database, fresh);
          const s = new PostgresEventStore({ connectionString: url, schema: 'caretrail', clock, poolSize: 10 });
          await s.init();
          return s as EventStore;
        };
  // On PostgreSQL the rebuild's read models get a database of their own: Kysely's migrator, looking
  // for its tables in any schema, takes another schema's kysely_migration for its own (read-store
  // opens each read schema in one database by search_path), and then misses its lock table.
  const readConfig: HistoryStore['readConfig'] = (which) =>
    backend === 'sqlite'
      ? { kind: 'sqlite', filename: join(options.outDir, `history-${n}-read-${which}.db`) }
      : which === 'serving'
        ? { kind: 'postgres', connectionString: withDatabase(options.pgUrl!, database), schema: 'bench_read_serving' }
        : { kind: 'postgres', connectionString: withDatabase(options.pgUrl!, `${database}_rebuild`), schema: 'bench_read' };
  const dropRead = async (which: 'rebuild' | 'serving') => {
    const config = readConfig(which);
    if (config.kind === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm']) rmSync(config.filename + suffix, { force: true });
    } else if (which === 'rebuild') {
      await benchDatabase(options.pgUrl!, `${database}_rebuild`, true);
    } else {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: config.connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
      await client.end();
    }
  };

  if (reusable) {
    try {
      const store = await open();
      const head = await store.headPosition();
      const tail = head > 0 ? (await store.readAll({ after: 0, limit: 1 })).events.length : 0;
      if (tail > 0 && (await countEvents(store, backend)) === previous.events) {
        console.log(`  reusing the generated history of ${previous.events.toLocaleString('en-GB')} events (${backend === 'sqlite' ? sqliteFile : database})`);
        return { store, manifest: previous, generated: false, readConfig, dropRead };
      }
      await store.close();
    } catch {
      // Not there or not whole: generate it again.
    }
  }
  if (backend === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
  else await dropDatabase(options.pgUrl!, database);
  rmSync(manifestFile, { force: true });
  console.log(`  generating a history of about ${label(n)} events on ${backend} (8 writers; reused by later runs)...`);
  const { store, manifest } = await writeHistory(
    (clock) => (backend === 'sqlite' ? open(clock) : (open as (c: () => Date, f: boolean) => Promise<EventStore>)(clock, true)),
    n,
    (events) => console.log(`    ${events.toLocaleString('en-GB')} events written`),
  );
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  // Reopen with the system clock: the generator's store records at the story's instants.
  await store.close();
  return { store: await open(), manifest, generated: true, readConfig, dropRead };
}

/** The number of events in the store (a count, not the head: positions are not dense on PostgreSQL). */
async function countEvents(store: EventStore, _backend: Backend): Promise<number> {
  let count = 0;
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 5000 });
    count += page.events.length;
    after = page.nextAfter;
    if (page.isEnd) return count;
  }
}

/**
 * openReadDatabase, tried twice: on a schema just dropped, its first migration has been seen to miss
 * its own lock table on PostgreSQL (kysely_migration_lock); a second try finds the schema whole.
 */
async function openRead(config: Parameters<typeof openReadDatabase>[0]): Promise<ReadDatabase> {
  try {
    return await openReadDatabase(config);
  } catch (error) {
    console.log(`    opening the read models failed once (${error instanceof Error ? error.message : String(error)}); trying again`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return openReadDatabase(config);
  }
}

/** The store's feed cut after its first `limit` events: what a rebuild of that much reads. */
async function boundedFeed(store: EventStore, limit: number): Promise<Pick<EventStore, 'readAll' | 'headPosition'>> {
  let bound = 0;
  let count = 0;
  for (let after = 0; count < limit;) {
    const page = await store.readAll({ after, limit: Math.min(5000, limit - count) });
    count += page.events.length;
    if (page.events.length > 0) bound = page.events[page.events.length - 1].globalPosition;
    after = page.nextAfter;
    if (page.isEnd) break;
  }
  return {
    headPosition: async () => bound,
    readAll: async (o) => {
      const page = await store.readAll(o);
      const events = page.events.filter((e) => e.globalPosition <= bound);
      const cut = events.length < page.events.length;
      return { events, nextAfter: events.length > 0 ? events[events.length - 1].globalPosition : (o?.after ?? 0), isEnd: page.isEnd || cut };
    },
  };
}

const servingMarker = (options: BenchOptions, backend: Backend) => join(options.outDir, `history-${options.historyEvents}-${backend}-read.json`);

/** The query rows read every model: timelines, scope events (replay, measures) and dashboards. */
const servingProjections = (store: EventStore) => careTrailProjections(store);

const servingKey = (h: HistoryStore) =>
  JSON.stringify({ history: h.manifest, projections: careTrailProjections(h.store).map((p) => `${p.name}@${p.version}`) });

const writeFile = async (file: string, text: string) => writeFileSync(file, text);

/** Serving read models over the whole history: reused when built from this history by these projections. */
async function servingReadModels(h: HistoryStore, options: BenchOptions, backend: Backend): Promise<ReadDatabase> {
  const marker = servingMarker(options, backend);
  if (!h.generated && existsSync(marker) && readFileSync(marker, 'utf8') === servingKey(h)) {
    console.log('  reusing the read models built over the whole history');
    return openRead(h.readConfig('serving'));
  }
  rmSync(marker, { force: true });
  await h.dropRead('serving');
  const read = await openRead(h.readConfig('serving'));
  console.log(`  building the read models over all ${h.manifest.events.toLocaleString('en-GB')} events for the query rows (kept for later runs)...`);
  const started = Date.now();
  for (const projection of servingProjections(h.store)) {
    await new ProjectionRunner({ store: h.store, db: read.db, dialect: read.dialect, projection, pageSize: 500 }).catchUp();
    console.log(`    ${projection.name} built (${Math.round((Date.now() - started) / 1000)} s so far)`);
  }
  writeFileSync(marker, servingKey(h));
  return read;
}

export async function runHistoryRows(backend: Backend, options: BenchOptions, report: Report): Promise<void> {
  const h = await historyStore(backend, options);
  const { store, manifest } = h;
  const size = label(manifest.events);
  try {
    if (h.generated) {
      report({
        id: `${backend}.history.generate`,
        backend,
        title: `generate the history: ${manifest.events.toLocaleString('en-GB')} events in ${manifest.appends.toLocaleString('en-GB')} appends, 8 writers`,
        unit: 'events/s',
        better: 'higher',
        values: { caretrail: manifest.events / Math.max(1, manifest.generatedInSeconds) },
        extra: { ...manifest } as unknown as Record<string, number | string>,
      });
    }

    // The feed at scale: the same page size as the store rows, 50k events from the middle.
    {
      const head = await store.headPosition();
      const window = Math.min(50_000, Math.floor(manifest.events / 2));
      const middle = (await store.readAll({ after: Math.floor(head / 2), limit: 1 })).events[0]?.globalPosition ?? 0;
      let count = 0;
      const ms = await timed(async () => {
        let after = middle - 1;
        while (count < window) {
          const page = await store.readAll({ after, limit: 500 });
          count += page.events.length;
          after = page.nextAfter;
          if (page.isEnd) break;
        }
      });
      report({
        id: `${backend}.history.feed`,
        backend,
        title: `read the feed at ${size} events (${window.toLocaleString('en-GB')} from the middle, pages of 500)`,
        unit: 'events/s',
        better: 'higher',
        values: { caretrail: (count / ms) * 1000 },
      });
    }

    // All projections rebuilt together from zero into a fresh read model, as `caretrail rebuild` does
    // (one read of the feed and one transaction per batch for all of them): issue 12's rebuild row.
    const limit = Math.min(options.rebuildEvents, manifest.events);
    const scope = limit < manifest.events ? `first ${label(limit)} of ${size} events` : `${size} events`;
    {
      await h.dropRead('rebuild');
      const read = await openRead(h.readConfig('rebuild'));
      try {
        const feed = await boundedFeed(store, limit);
        const projections = careTrailProjections(store);
        settle();
        const ms = await timed(() =>
          rebuildProjections({ store: feed, db: read.db, dialect: read.dialect, projections, now: () => new Date(), pageSize: 500, maxBatchSize: 4_000 }),
        );
        const all = (limit / ms) * 1000;
        report({
          id: `${backend}.rebuild.all`,
          backend,
          title: `projection rebuild from zero: all ${projections.length} read models together (${scope})`,
          unit: 'events/s',
          better: 'higher',
          values: { caretrail: all },
          extra: { seconds: Math.round(ms / 100) / 10, events: limit },
          // Issue 12's target: all read models together at >= 50,000 events/s on SQLite.
          ...(backend === 'sqlite' ? { target: '>= 50,000 events/s (issue 12)', met: all >= 50_000 } : {}),
        });
        if (read.dialect === 'sqlite') report(insertCeilingRow(h.readConfig('rebuild'), limit, scope));
      } finally {
        await read.close();
        await h.dropRead('rebuild');
      }
    }

    // Each projection built from zero on its own, one after the other into a fresh read model, over
    // the same events: what each costs alone (the sum reads the feed once per projection).
    let rebuiltWhole: ReadDatabase | undefined;
    {
      await h.dropRead('rebuild');
      const read = await openRead(h.readConfig('rebuild'));
      try {
        const feed = await boundedFeed(store, limit);
        const minimum = backend === 'sqlite' ? 100_000 : 50_000;
        let totalMs = 0;
        for (const projection of careTrailProjections(store)) {
          settle();
          const runner = new ProjectionRunner({ store: feed, db: read.db, dialect: read.dialect, projection, pageSize: 500 });
          const ms = await timed(() => runner.catchUp());
          totalMs += ms;
          const rate = (limit / ms) * 1000;
          report({
            id: `${backend}.rebuild.${projection.name}`,
            backend,
            title: `projection rebuild from zero: ${projection.name} (${scope})`,
            unit: 'events/s',
            better: 'higher',
            values: { caretrail: rate },
            extra: { seconds: Math.round(ms / 100) / 10, events: limit },
            target: `>= ${minimum.toLocaleString('en-GB')} events/s`,
            met: rate >= minimum,
          });
        }
        const sum = (limit / totalMs) * 1000;
        report({
          id: `${backend}.rebuild.one-by-one`,
          backend,
          title: `projection rebuild from zero: all ${careTrailProjections(store).length} read models one after the other (${scope})`,
          unit: 'events/s',
          better: 'higher',
          values: { caretrail: sum },
          extra: { seconds: Math.round(totalMs / 100) / 10, events: limit },
        });
        if (limit >= manifest.events) {
          // The rebuild covered the whole history: it is the serving model too (no second build).
          rebuiltWhole = read;
          await writeFile(servingMarker(options, backend), servingKey(h));
        }
      } finally {
        if (!rebuiltWhole) {
          await read.close();
          await h.dropRead('rebuild');
        }
      }
    }

    // The serving read models over the whole history, for the query rows: built once and kept beside
    // the history (a rebuild of a million events takes a while), built again when either changes.
    const read = rebuiltWhole ?? (await servingReadModels(h, options, backend));
    try {
      // Timeline queries (first page of 100, as the API serves them) and as-of replay of a concern.
      const latency = async (id: string, title: string, targetMs: number, query: () => Promise<unknown>) => {
        for (let i = 0; i < 5; i++) await query();
        const samples: number[] = [];
        for (let i = 0; i < options.latencySamples; i++) samples.push(await timed(query));
        const p50 = percentile(samples, 50);
        const p99 = percentile(samples, 99);
        report({
          id: `${backend}.${id}`,
          backend,
          title: `${title} at ${size} events (${samples.length} queries)`,
          unit: 'ms',
          better: 'lower',
          values: { caretrail: p50 },
          extra: { p50, p99, max: Math.max(...samples) },
          target: `p99 < ${targetMs} ms`,
          met: p99 < targetMs,
        });
      };
      const provider = { kind: 'provider' as const, providerId: manifest.busyProviderId };
      const concern = { kind: 'concern' as const, concernId: manifest.concernId };
      const long = { kind: 'concern' as const, concernId: manifest.longConcernId };
      await latency(
        'timeline.provider',
        `timeline, busiest provider (${manifest.busyProviderEvents.toLocaleString('en-GB')} concern events), first 100`,
        20,
        () => readTimeline(read.db, provider, { limit: 100 }),
      );
      await latency('timeline.concern', `timeline, a concern (${manifest.concernEvents} events), first 100`, 20, () =>
        readTimeline(read.db, concern, { limit: 100 }),
      );
      await latency('timeline.long-concern', `timeline, the longest concern (${manifest.longConcernEvents} events), first 100`, 20, () =>
        readTimeline(read.db, long, { limit: 100 }),
      );
      // As of a date half-way through each concern's own life (as the API does it: scope events, the
      // organisations' kinds, then the pure replay).
      const midLife = async (scope: typeof concern) => {
        const all = await loadScopeEvents(read.db, scope);
        const times = all.map((e) => Date.parse(e.occurredAt));
        return new Date((Math.min(...times) + Math.max(...times)) / 2).toISOString().slice(0, 10);
      };
      const replay = async (scope: typeof concern, asOf: string) => {
        const events = await loadScopeEvents(read.db, scope, { recordedBy: endOfLondonDay(asOf) });
        return replayTimeline(events, {
          asOf,
          basis: 'recorded',
          limit: 100,
          organisationKinds: await organisationKindMap(
            read.db,
            events.map((e) => e.actor.organisationId),
          ),
        });
      };
      const asOf = await midLife(concern);
      const longAsOf = await midLife(long);
      await latency('replay.concern', `replay as of ${asOf}, a concern (recorded basis)`, 10, () => replay(concern, asOf));
      await latency('replay.long-concern', `replay as of ${longAsOf}, the longest concern (recorded basis)`, 10, () => replay(long, longAsOf));

      // National scale (issue 12): the council with the most concerns, its dashboard and its measures,
      // and the busiest provider's timeline, p95 of each. The history's scale is in the titles: the
      // national data set is 150 councils, 20,000 services and 100,000 concerns.
      const scale = `${manifest.councils} councils, ${manifest.services.toLocaleString('en-GB')} services, ${manifest.concerns.toLocaleString('en-GB')} concerns`;
      const busiest = await read.db
        .selectFrom('concern_summaries')
        .innerJoin('projection_checkpoints', (j) => j.onRef('projection_checkpoints.generation', '=', 'concern_summaries.generation'))
        .where('projection_checkpoints.name', '=', 'dashboard')
        .where('projection_checkpoints.status', '=', 'active')
        .select(['concern_summaries.council_id as councilId', (eb) => eb.fn.countAll<number>().as('concerns')])
        .groupBy('concern_summaries.council_id')
        .orderBy('concerns', 'desc')
        .limit(1)
        .executeTakeFirst();
      const on = new Date().toISOString().slice(0, 10);
      const p95 = async (id: string, title: string, query: () => Promise<unknown>, targetMs?: number, count = options.quick ? 20 : 100) => {
        for (let i = 0; i < 3; i++) await query();
        const samples: number[] = [];
        for (let i = 0; i < count; i++) samples.push(await timed(query));
        const value = percentile(samples, 95);
        report({
          id: `${backend}.national.${id}`,
          backend,
          title: `${title} p95, ${size} events (${scale}; ${count} queries)`,
          unit: 'ms',
          better: 'lower',
          values: { caretrail: value },
          extra: { p50: percentile(samples, 50), p95: value, p99: percentile(samples, 99), max: Math.max(...samples) },
          ...(targetMs === undefined ? {} : { target: `p95 <= ${targetMs} ms`, met: value <= targetMs }),
        });
      };
      if (busiest) {
        const councilId = String(busiest.councilId);
        await p95(
          'dashboard.council',
          `council dashboard, the busiest council (${Number(busiest.concerns).toLocaleString('en-GB')} concerns)`,
          () => dashboard(read.db, { councilId }, { on }),
          100,
        );
        // Council measures as GET /measures/council/:id serves them: held per scope by MeasuresReader,
        // brought up to date from the rows added since (none here: the history does not move).
        const councilScope = { kind: 'council' as const, councilId };
        const reader = new MeasuresReader(read.db);
        await p95('measures.council', 'council measures (held, as the API serves them), the busiest council', () => reader.live(councilScope, on), 100);
        // What a request costs after a change in the council: the figures computed again from the held
        // inputs (the new rows' read aside). And, for comparison, what every request cost before: every
        // event of the portfolio loaded and folded. Seconds at scale, so fewer samples.
        const inputs = await loadMeasureEvents(read.db, councilScope);
        await p95(
          'measures.council-changed',
          `council measures after a change in the council (computed again from ${inputs.length.toLocaleString('en-GB')} held events)`,
          async () => computeMeasures(inputs, { on }),
          undefined,
          options.quick ? 5 : 20,
        );
        await p95(
          'measures.council-from-events',
          'council measures from every event (each request before MeasuresReader)',
          async () => computeMeasures(await loadMeasureEvents(read.db, councilScope), { on }),
          undefined,
          options.quick ? 5 : 10,
        );
      }
      await p95(
        'timeline.provider',
        `provider timeline, the busiest provider (${manifest.busyProviderEvents.toLocaleString('en-GB')} concern events), first 100`,
        () => readTimeline(read.db, provider, { limit: 100 }),
      );
    } finally {
      await read.close();
    }
  } finally {
    await store.close();
  }
}

/**
 * The floor under the rebuild's cost on SQLite: the rows the rebuild just wrote to its two largest
 * tables (timeline_entries and scope_events, one row per event each, with their indexes as the
 * migrations create them), inserted again into an empty file of the same schema by prepared
 * statements, 4,000 rows per transaction, WAL and synchronous FULL as the read store opens it. No
 * projection code runs: what is left is SQLite's own work, which no change to the projections'
 * code can go below, only a change to what the read models store (docs/performance.md, "Rebuild").
 */
function insertCeilingRow(config: Parameters<typeof openReadDatabase>[0], events: number, scope: string): RowResult {
  if (config.kind !== 'sqlite') throw new Error('insertCeilingRow: SQLite only');
  const source = new Database(config.filename, { readonly: true });
  const target = `${config.filename}.ceiling`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  const db = new Database(target);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const tables = ['timeline_entries', 'scope_events'] as const;
    const ddl = source.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type DESC');
    for (const table of tables) for (const { sql } of ddl.all(table)) db.exec(sql);
    let cpuMs = 0;
    let wallMs = 0;
    for (const table of tables) {
      const rows = source.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][];
      const columns = source
        .prepare(`SELECT * FROM ${table} LIMIT 1`)
        .columns()
        .map((c) => `"${c.name}"`);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      const batch = db.transaction((part: unknown[][]) => {
        for (const row of part) insert.run(row);
      });
      settle();
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < rows.length; i += 4_000) batch(rows.slice(i, i + 4_000));
      wallMs += performance.now() - started;
      const used = process.cpuUsage(cpu);
      cpuMs += (used.user + used.system) / 1000;
    }
    return {
      id: 'sqlite.rebuild.insert-floor',
      backend: 'sqlite',
      title: `the rebuild's floor: its timeline_entries and scope_events rows inserted alone, prepared, 4,000 per transaction (${scope})`,
      unit: 'events/s',
      better: 'higher',
      values: { caretrail: (events / wallMs) * 1000 },
      extra: {
        seconds: Math.round(wallMs / 100) / 10,
        cpuSeconds: Math.round(cpuMs / 100) / 10,
        eventsPerCpuSecond: Math.round((events / cpuMs) * 1000),
        events,
      },
    };
  } finally {
    db.close();
    source.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  }
}
