import { isEventImporter, type EventImporter, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import { EventStoreDbEventStore } from '@caretrail/event-store/eventstoredb';
import type { Command } from 'commander';
import { assertPostgresStoreExists, assertSqliteStoreExists } from '@caretrail/config';

/** Where a store is: `sqlite:<file>`, `postgres:<url>[#schema=<name>]` or `eventstoredb:<esdb url>[#prefix=<prefix>]`. */
export type StoreLocation =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'postgres'; connectionString: string; schema?: string }
  | { kind: 'eventstoredb'; connectionString: string; streamPrefix?: string };

export class StoreLocationError extends Error {
  override readonly name = 'StoreLocationError';
}

const USAGE = 'sqlite:<file>, postgres:<postgres://...>[#schema=<name>] or eventstoredb:<esdb://...>[#prefix=<prefix>]';

function fragmentOption(url: string, key: string): { url: string; value?: string } {
  const hash = url.indexOf('#');
  if (hash < 0) return { url };
  const params = new URLSearchParams(url.slice(hash + 1));
  const unknown = [...params.keys()].filter((k) => k !== key);
  if (unknown.length > 0) throw new StoreLocationError(`Unknown option ${unknown.join(', ')} after # (only ${key}=...)`);
  return { url: url.slice(0, hash), value: params.get(key) ?? undefined };
}

export function parseStoreLocation(text: string): StoreLocation {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : '';
  const rest = text.slice(colon + 1);
  switch (kind) {
    case 'sqlite':
      if (rest.length === 0) throw new StoreLocationError(`sqlite: needs a file name (${USAGE})`);
      return { kind, filename: rest };
    case 'postgres': {
      const { url, value } = fragmentOption(rest, 'schema');
      if (!/^postgres(ql)?:\/\/\S+$/.test(url)) throw new StoreLocationError(`postgres: needs a postgres:// URL, got ${JSON.stringify(url)}`);
      return { kind, connectionString: url, ...(value ? { schema: value } : {}) };
    }
    case 'eventstoredb': {
      const { url, value } = fragmentOption(rest, 'prefix');
      if (!/^esdb(\+discover)?:\/\/\S+$/.test(url)) throw new StoreLocationError(`eventstoredb: needs an esdb:// URL, got ${JSON.stringify(url)}`);
      return { kind, connectionString: url, ...(value ? { streamPrefix: value } : {}) };
    }
    default:
      throw new StoreLocationError(`Unknown store ${JSON.stringify(text)}: expected ${USAGE}`);
  }
}

export function describeLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'sqlite':
      return `SQLite ${location.filename}`;
    case 'postgres':
      // Never print a password.
      return `PostgreSQL ${location.connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} schema ${location.schema ?? 'caretrail'}`;
    case 'eventstoredb':
      return `EventStoreDB ${location.connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} prefix ${location.streamPrefix ?? 'caretrail.'}`;
  }
}

/**
 * Opens (and initialises: creates the schema if needed) the store at a location. With `existing` (the
 * source of a copy) a store that is not there is refused, never created, and SQLite is opened read-only.
 */
export async function openStoreAt(location: StoreLocation, options: { existing?: boolean } = {}): Promise<EventStore & EventImporter> {
  if (options.existing && location.kind === 'sqlite') assertSqliteStoreExists(location.filename, '--from');
  if (options.existing && location.kind === 'postgres') await assertPostgresStoreExists(location.connectionString, location.schema, '--from');
  const store =
    location.kind === 'sqlite'
      ? new SqliteEventStore({ filename: location.filename, readonly: options.existing === true })
      : location.kind === 'postgres'
        ? new PostgresEventStore({ connectionString: location.connectionString, schema: location.schema, poolSize: 2 })
        : new EventStoreDbEventStore({ connectionString: location.connectionString, streamPrefix: location.streamPrefix });
  await store.init();
  return store;
}

export interface MigrationProgress {
  /** Events appended to the target by this run. */
  copied: number;
  /** Events found already in the target (an earlier, interrupted run copied them). */
  skipped: number;
  /** Position in the source's feed reached, and the source's head when the run started. */
  sourcePosition: number;
  sourceHead: number;
}

export interface MigrationSummary extends MigrationProgress {
  /** The run continued after events the target already had (where the source's feed reached them). */
  resumedAfter: RecordedEvent | null;
  /** Stopped by the signal before the end of the source's feed. */
  interrupted: boolean;
}

export interface MigrationOptions {
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
}

/**
 * Where a run should start reading the source: after the source's copy of the target's newest event
 * (an interrupted run copied everything up to it, in feed order), or from the start when the target is
 * empty or holds events this source does not (each is then skipped or refused by id).
 */
async function resumePoint(source: EventStore, target: EventImporter): Promise<{ after: number; resumedAfter: RecordedEvent | null }> {
  const last = await target.lastEvent();
  if (!last) return { after: 0, resumedAfter: null };
  const [match] = await source.readStream(last.streamId, { fromVersion: last.streamVersion, toVersion: last.streamVersion });
  if (!match || match.eventId !== last.eventId || match.hash !== last.hash) return { after: 0, resumedAfter: null };
  return { after: match.globalPosition, resumedAfter: match };
}

/**
 * Copies the source's events into the target in global order, page by page, keeping ids, both
 * timestamps and hashes (the target recomputes and checks every hash). Safe to run again after an
 * interruption: it resumes where the target's events end, and anything already there is skipped by id.
 */
export async function migrateStore(source: EventStore, target: EventStore & EventImporter, options: MigrationOptions = {}): Promise<MigrationSummary> {
  const pageSize = options.pageSize ?? 500;
  const { after: start, resumedAfter } = await resumePoint(source, target);
  const progress: MigrationProgress = { copied: 0, skipped: 0, sourcePosition: start, sourceHead: await source.headPosition() };
  let after = start;
  for (;;) {
    if (options.signal?.aborted) return { ...progress, resumedAfter, interrupted: true };
    const page = await source.readAll({ after, limit: pageSize });
    if (page.events.length > 0) {
      const result = await target.importEvents(page.events);
      progress.copied += result.imported;
      progress.skipped += result.skipped;
    }
    after = page.nextAfter;
    progress.sourcePosition = after;
    options.onProgress?.({ ...progress });
    if (page.isEnd) return { ...progress, resumedAfter, interrupted: false };
  }
}

export interface CopyDifference {
  index: number;
  problem: string;
}

/** Walks both feeds side by side: the same events, in the same order, with the same ids, times and hashes. */
export async function compareFeeds(source: EventStore, target: EventStore, pageSize = 1000): Promise<{ events: number; differences: CopyDifference[] }> {
  const differences: CopyDifference[] = [];
  const fields = ['eventId', 'streamId', 'streamVersion', 'type', 'occurredAt', 'recordedAt', 'previousHash', 'hash'] as const;
  let a = { after: 0, buffer: [] as RecordedEvent[], end: false };
  let b = { after: 0, buffer: [] as RecordedEvent[], end: false };
  const fill = async (store: EventStore, side: typeof a) => {
    if (side.buffer.length > 0 || side.end) return side;
    const page = await store.readAll({ after: side.after, limit: pageSize });
    return { after: page.nextAfter, buffer: page.events, end: page.isEnd && page.events.length === 0 };
  };
  let index = 0;
  for (;;) {
    a = await fill(source, a);
    b = await fill(target, b);
    const x = a.buffer.shift();
    const y = b.buffer.shift();
    if (!x && !y) return { events: index, differences };
    if (!x || !y) {
      differences.push({ index, problem: x ? `the target ends before source event ${x.eventId}` : `the target has more: ${y!.eventId}` });
      return { events: index, differences };
    }
    for (const f of fields) {
      if (x[f] !== y[f]) differences.push({ index, problem: `${x.eventId}: ${f} ${JSON.stringify(x[f])} became ${JSON.stringify(y[f])}` });
    }
    index += 1;
  }
}

export function registerMigrateStoreCommand(program: Command): void {
  program
    .command('migrate-store')
    .description('Copy every event from one store to another in global order, keeping ids, timestamps and hashes; safe to re-run')
    .requiredOption('--from <store>', `the store to copy from (refused when there is none there): ${USAGE}`)
    .requiredOption('--to <store>', 'the store to copy into (created if needed), same forms')
    .option('--page-size <n>', 'events per page (one target transaction each)', (v) => Number.parseInt(v, 10), 500)
    .option('--no-verify', 'skip comparing the two feeds event by event at the end')
    .action(async (options: { from: string; to: string; pageSize: number; verify: boolean }) => {
      const from = parseStoreLocation(options.from);
      const to = parseStoreLocation(options.to);
      if (JSON.stringify(from) === JSON.stringify(to)) throw new StoreLocationError('--from and --to are the same store');
      if (!Number.isSafeInteger(options.pageSize) || options.pageSize < 1) throw new StoreLocationError('--page-size must be a whole number >= 1');
      const source = await openStoreAt(from, { existing: true });
      const target = await openStoreAt(to).catch(async (error: unknown) => {
        await source.close();
        throw error;
      });
      const stop = new AbortController();
      const interrupt = () => stop.abort();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      try {
        if (!isEventImporter(target)) throw new Error(`${describeLocation(to)} cannot import events`);
        console.error(`migrate-store: ${describeLocation(from)} -> ${describeLocation(to)}`);
        let lastPrint = 0;
        const summary = await migrateStore(source, target, {
          pageSize: options.pageSize,
          signal: stop.signal,
          onProgress: (p) => {
            if (Date.now() - lastPrint < 1000) return;
            lastPrint = Date.now();
            console.error(`migrate-store: ${p.copied} copied, ${p.skipped} already there; source position ${p.sourcePosition} of ${p.sourceHead}`);
          },
        });
        if (summary.resumedAfter)
          console.error(`migrate-store: resumed after ${summary.resumedAfter.eventId} (source position ${summary.resumedAfter.globalPosition})`);
        console.log(
          `migrate-store: ${summary.copied} events copied, ${summary.skipped} already there${summary.interrupted ? ' (interrupted: run it again to finish)' : ''}`,
        );
        if (summary.interrupted) {
          process.exitCode = 130;
          return;
        }
        if (options.verify) {
          const { events, differences } = await compareFeeds(source, target);
          for (const d of differences.slice(0, 20)) console.error(`DIFFERENT at event ${d.index}: ${d.problem}`);
          if (differences.length > 0) {
            console.error(`migrate-store: ${differences.length} differences between the two feeds`);
            process.exitCode = 1;
            return;
          }
          console.log(`migrate-store: both feeds hold the same ${events} events in the same order, with the same ids, times and hashes`);
        }
        console.log(
          'migrate-store: global positions differ between stores: rebuild the read models against the new store ' +
            '(caretrail rebuild, or start it on an empty read schema) before serving from it',
        );
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
        await Promise.allSettled([source.close(), target.close()]);
      }
    });
}
