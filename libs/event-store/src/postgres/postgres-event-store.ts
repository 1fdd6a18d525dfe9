import { EventEmitter } from 'node:events';
import { Pool, type PoolClient } from 'pg';
import { assertAppendable, expectedVersionCode } from '../append-batch';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  SnapshotCapable,
  StreamHead,
  StreamSnapshot,
  SubscribeOptions,
} from '../event-store.port';
import { DEFAULT_POLL_INTERVAL_MS, eitherSignal, followFeed } from '../feed-subscription';
import { placeEvent, type NewEvent, type RecordedEvent } from '../recorded-event';
import { appendCall, type AppendedRow } from './postgres-append-call';
import { PostgresAppendListener } from './postgres-append-listener';
import { importIntoPostgres } from './postgres-event-import';
import type { EventImporter, ImportResult } from '../event-import';
import { isDuplicateEventId, mapAppendError, mapPgError } from './postgres-errors';
import { MAX_EVENTS_PER_TRANSACTION, notifySql, POSTGRES_MIGRATIONS } from './postgres-schema';

export interface PostgresEventStoreOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** Schema holding the store's tables (created by init()). Default 'caretrail'. */
  schema?: string;
  /** How long to wait for a connection before reporting the store unavailable. Default 10000 ms. */
  connectionTimeoutMs?: number;
  /** Source of recordedAt. Default: the system clock (the demo seed replays history with its own). */
  clock?: () => Date;
  /** How often a caught-up subscriber polls (LISTEN/NOTIFY usually wakes it sooner). Default 200 ms. */
  pollIntervalMs?: number;
}

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  occurred_at: string;
  recorded_at: string;
  actor: RecordedEvent['actor'];
  correlation_id: string;
  causation_id: string | null;
  command_id: string | null;
  previous_hash: string | null;
  hash: string;
}

interface SnapshotRow {
  stream_id: string;
  state_type: string;
  state_schema: number;
  stream_version: string;
  event_hash: string;
  alterations: string;
  state: string;
  content_hash: string;
}

/** pg returns bigint as text; positions stay below 2^53 while transaction ids stay below 2^37. */
function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    occurredAt: row.occurred_at,
    actor: row.actor,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    commandId: row.command_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: Number(row.global_position),
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** At most one NOTIFY per this many ms from one store instance (see notifyOtherProcesses). */
const NOTIFY_INTERVAL_MS = 25;
/** caretrail_append's p_expected that only resolves a repeat (see appendFunctionV2). */
const RESOLVE_REPEAT = -2;
const DEFAULT_PAGE = 500;

/**
 * The feed's horizon. A position is (transaction id << 16) + index, and every transaction whose id is
 * below the snapshot's xmin has finished: nothing still running can commit a position below this
 * bound, so a reader that never reads past it never skips an event that commits late. Trade-off: any
 * long-running transaction that holds a transaction id anywhere in the cluster (not only appends)
 * holds the feed back until it ends; new events then arrive late, but never out of order.
 */
const FEED_HORIZON = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)`;

/**
 * The server EventStore on PostgreSQL. An append is one call of the caretrail_append function (one
 * round trip, see postgres-schema.ts); the global feed is gap-safe through FEED_HORIZON.
 */
export class PostgresEventStore implements EventStore, EventImporter, SnapshotCapable {
  readonly schema: string;
  private readonly quoted: string;
  private readonly pool: Pool;
  private readonly appended = new EventEmitter();
  private readonly closed = new AbortController();
  private readonly listener: PostgresAppendListener;
  private readonly pollIntervalMs: number;
  private readonly clock: () => Date;
  private initialised: Promise<void> | undefined;
  private initCalled = false;
  private closing: Promise<void> | undefined;
  /** The post-commit NOTIFY in flight, the one scheduled for the end of the interval, and when the last went. */
  private notifying: Promise<void> | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotifyAt = 0;

  constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? 'caretrail';
    if (!SCHEMA_NAME.test(this.schema)) {
      throw new TypeError(`Schema name ${JSON.stringify(this.schema)} must match ${SCHEMA_NAME.source}`);
    }
    this.quoted = `"${this.schema}"`;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.clock = options.clock ?? (() => new Date());
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    });
    // An idle connection that drops emits here; without a listener that would crash the process.
    // The next query simply gets a fresh connection.
    this.pool.on('error', () => undefined);
    // A checked-out connection (migrate, import) that drops reports on itself after its query failed;
    // that query's error is what counts, and an unheard 'error' event would crash the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.appended.setMaxListeners(0);
    this.listener = new PostgresAppendListener(options.connectionString, this.schema, () => this.appended.emit('append'));
  }

  init(): Promise<void> {
    this.initCalled = true;
    this.initialised ??= this.migrate().catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    return this.initialised;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed.abort();
      if (this.notifyTimer) {
        // The end of a burst not yet announced: announce it before the pool goes.
        clearTimeout(this.notifyTimer);
        this.notifyTimer = undefined;
        this.sendNotify();
      }
      await this.notifying;
      await this.listener.close();
      await this.pool.end();
    })();
    return this.closing;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    assertAppendable(streamId, events, MAX_EVENTS_PER_TRANSACTION);
    await this.ready();
    const recordedAt = this.clock().toISOString();
    const call = appendCall(this.quoted, streamId, events, expectedVersionCode(expected), recordedAt);
    let rows: AppendedRow[];
    try {
      rows = (await this.pool.query<AppendedRow>(call)).rows;
    } catch (error) {
      if (!isDuplicateEventId(error)) throw mapAppendError(error, streamId, expected);
      // The usual path does not look ids up first: a stored id shows here. A retry of a stored batch?
      try {
        rows = (await this.pool.query<AppendedRow>({ ...call, values: [call.values[0], RESOLVE_REPEAT, ...call.values.slice(2)] })).rows;
      } catch (resolving) {
        throw mapAppendError(resolving, streamId, expected);
      }
      if (rows.length === 0) throw mapAppendError(error, streamId, expected);
    }
    if (rows[0]?.repeated) {
      // An idempotent repeat: hand back the events as first stored (their recordedAt, their data).
      const stored = await this.readStream(streamId, {
        fromVersion: Number(rows[0].stream_version),
        toVersion: Number(rows[rows.length - 1].stream_version),
      });
      const last = stored[stored.length - 1];
      return { streamId, nextExpectedVersion: last.streamVersion, lastGlobalPosition: last.globalPosition, events: stored };
    }
    this.appended.emit('append');
    this.notifyOtherProcesses();
    // The function returns only what it decided; the rest of each event is what was sent.
    const stored: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const row = rows[i];
      stored[i] = placeEvent(e, {
        streamId,
        streamVersion: Number(row.stream_version),
        globalPosition: Number(row.global_position),
        recordedAt,
        previousHash: row.previous_hash,
        hash: row.hash,
      });
    }
    const last = stored[stored.length - 1];
    return { streamId, nextExpectedVersion: last.streamVersion, lastGlobalPosition: last.globalPosition, events: stored };
  }

  /**
   * Wakes subscribers in other processes through NOTIFY, sent after the append committed (see
   * appendFunctionV2 in postgres-schema.ts for why not inside it). A listener only needs to know that
   * something new is there, so a burst of appends is announced by at most one NOTIFY per
   * NOTIFY_INTERVAL_MS: the first at once, the rest of the burst by one more at the end of the interval.
   */
  private notifyOtherProcesses(): void {
    if (this.notifyTimer || this.closed.signal.aborted) return;
    const wait = this.lastNotifyAt + NOTIFY_INTERVAL_MS - Date.now();
    if (wait <= 0 && !this.notifying) {
      this.sendNotify();
      return;
    }
    this.notifyTimer = setTimeout(
      () => {
        this.notifyTimer = undefined;
        this.notifyOtherProcesses();
      },
      Math.max(1, wait),
    );
  }

  private sendNotify(): void {
    this.lastNotifyAt = Date.now();
    this.notifying = this.pool
      .query(notifySql(this.schema))
      .then(
        () => undefined,
        () => undefined, // best effort: subscribers poll as well
      )
      .then(() => {
        this.notifying = undefined;
      });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(
      `read stream ${streamId}`,
      'read_stream',
      `SELECT * FROM ${this.quoted}.events
       WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3 ORDER BY stream_version`,
      [streamId, options.fromVersion ?? 1, options.toVersion ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map(toRecorded);
  }

  async streamHead(streamId: string): Promise<StreamHead> {
    const rows = await this.query<{ version: string; last_hash: string | null; alterations: string }>(
      `read the head of ${streamId}`,
      'stream_head',
      `SELECT version, last_hash, alterations FROM ${this.quoted}.streams WHERE stream_id = $1`,
      [streamId],
    );
    const head = rows[0];
    return { version: Number(head?.version ?? 0), lastHash: head?.last_hash ?? null, alterations: Number(head?.alterations ?? 0) };
  }

  async readSnapshot(streamId: string, stateType: string, stateSchema: number): Promise<StreamSnapshot | undefined> {
    const rows = await this.query<SnapshotRow>(
      `read a snapshot of ${streamId}`,
      'read_snapshot',
      `SELECT stream_id, state_type, state_schema, stream_version, event_hash, alterations, state, content_hash
       FROM ${this.quoted}.snapshots WHERE stream_id = $1 AND state_type = $2 AND state_schema = $3`,
      [streamId, stateType, stateSchema],
    );
    const row = rows[0];
    return row
      ? {
          streamId: row.stream_id,
          stateType: row.state_type,
          stateSchema: row.state_schema,
          streamVersion: Number(row.stream_version),
          eventHash: row.event_hash,
          alterations: Number(row.alterations),
          stateJson: row.state,
          contentHash: row.content_hash,
        }
      : undefined;
  }

  async writeSnapshot(snapshot: StreamSnapshot): Promise<void> {
    await this.query(
      `write a snapshot of ${snapshot.streamId}`,
      'write_snapshot',
      `INSERT INTO ${this.quoted}.snapshots AS old (stream_id, state_type, state_schema, stream_version, event_hash, alterations, state, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (stream_id, state_type, state_schema) DO UPDATE SET
         stream_version = excluded.stream_version, event_hash = excluded.event_hash, alterations = excluded.alterations,
         state = excluded.state, content_hash = excluded.content_hash, written_at = now()
       WHERE excluded.stream_version >= old.stream_version`,
      [
        snapshot.streamId,
        snapshot.stateType,
        snapshot.stateSchema,
        snapshot.streamVersion,
        snapshot.eventHash,
        snapshot.alterations,
        snapshot.stateJson,
        snapshot.contentHash,
      ],
    );
  }

  async listSnapshots(): Promise<Pick<StreamSnapshot, 'streamId' | 'stateType' | 'stateSchema' | 'streamVersion'>[]> {
    const rows = await this.query<{ stream_id: string; state_type: string; state_schema: number; stream_version: string }>(
      'list snapshots',
      'list_snapshots',
      `SELECT stream_id, state_type, state_schema, stream_version FROM ${this.quoted}.snapshots ORDER BY stream_id, state_type, state_schema`,
      [],
    );
    return rows.map((r) => ({ streamId: r.stream_id, stateType: r.state_type, stateSchema: r.state_schema, streamVersion: Number(r.stream_version) }));
  }

  async streamVersion(streamId: string): Promise<number> {
    const rows = await this.query<{ version: string }>(
      `read the version of ${streamId}`,
      'stream_version',
      `SELECT version FROM ${this.quoted}.streams WHERE stream_id = $1`,
      [streamId],
    );
    return rows.length > 0 ? Number(rows[0].version) : 0;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = options.after ?? 0;
    const limit = options.limit ?? DEFAULT_PAGE;
    // One row more than asked tells whether this page reaches the (current) end.
    const rows = await this.query<EventRow>(
      'read the feed',
      'read_all',
      `SELECT * FROM ${this.quoted}.events
       WHERE global_position > $1 AND global_position < ${FEED_HORIZON}
       ORDER BY global_position LIMIT $2`,
      [after, limit + 1],
    );
    const events = rows.slice(0, limit).map(toRecorded);
    return {
      events,
      nextAfter: events.length > 0 ? events[events.length - 1].globalPosition : after,
      isEnd: rows.length <= limit,
    };
  }

  /**
   * The newest committed position, whether or not the feed shows it yet (it may lie above
   * FEED_HORIZON while an older transaction anywhere in the cluster is still open). So it is never
   * below a position an append has returned, and a wait for the read models to reach it lasts until
   * the horizon has passed it and they have applied it: nothing committed is waited past.
   */
  async headPosition(): Promise<number> {
    const rows = await this.query<{ p: string | null }>(
      'read the head position',
      'head_position',
      `SELECT max(global_position) AS p FROM ${this.quoted}.events`,
      [],
    );
    return Number(rows[0]?.p ?? 0);
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const source = {
      readAll: (o: ReadAllOptions) => this.readAll(o),
      onAppend: (listener: () => void) => {
        this.appended.on('append', listener);
        this.listener.acquire();
        return () => {
          this.appended.off('append', listener);
          this.listener.release();
        };
      },
    };
    return followFeed(source, options, eitherSignal(this.closed.signal, options.signal), this.pollIntervalMs);
  }

  /** migrate-store's import (adapter-level, outside the port): see EventImporter in event-import.ts. */
  async importEvents(events: readonly RecordedEvent[]): Promise<ImportResult> {
    await this.ready();
    const result = await importIntoPostgres(this.pool, this.quoted, events);
    if (result.imported > 0) this.appended.emit('append');
    return result;
  }

  async lastEvent(): Promise<RecordedEvent | undefined> {
    const rows = await this.query<EventRow>(
      'read the last event',
      'last_event',
      `SELECT * FROM ${this.quoted}.events WHERE global_position < ${FEED_HORIZON} ORDER BY global_position DESC LIMIT 1`,
      [],
    );
    return rows.length > 0 ? toRecorded(rows[0]) : undefined;
  }

  /**
   * Calls made after a failed init() (database down at start) retry it, so the store heals once the
   * database is back instead of failing on a missing schema.
   */
  private async ready(): Promise<void> {
    if (!this.initCalled) throw new Error('PostgresEventStore: call init() before using the store');
    if (!this.closed.signal.aborted) await this.init();
  }

  private async query<R extends object>(doing: string, name: string, text: string, values: unknown[]): Promise<R[]> {
    await this.ready();
    try {
      return (await this.pool.query<R>({ name: `${name}:${this.quoted}`, text, values })).rows;
    } catch (error) {
      throw mapPgError(error, doing);
    }
  }

  /** Applies missing migrations in one transaction, under an advisory lock so concurrent init()s queue. */
  private async migrate(): Promise<void> {
    let client: PoolClient | undefined;
    let failed = false;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`caretrail_migrations:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.quoted}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.quoted}.schema_migrations (
        version    integer     PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ v: number }>(`SELECT coalesce(max(version), 0)::integer AS v FROM ${this.quoted}.schema_migrations`);
      for (const migration of POSTGRES_MIGRATIONS) {
        if (migration.version <= rows[0].v) continue;
        await client.query(migration.sql(this.quoted, this.schema));
        await client.query(`INSERT INTO ${this.quoted}.schema_migrations (version) VALUES ($1)`, [migration.version]);
      }
      await client.query('COMMIT');
    } catch (error) {
      failed = true;
      await client?.query('ROLLBACK').catch(() => undefined);
      throw mapPgError(error, 'creating the schema');
    } finally {
      // After a failure the connection may be broken: drop it rather than hand it out again.
      client?.release(failed);
    }
  }
}
