import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertAppendable, expectationMet, expectedVersionCode } from '../append-batch';
import { canonicalContent } from '../canonical-content';
import { chainHash } from '../event-hashing';
import { InvalidAppendError, WrongExpectedVersionError } from '../event-store.errors';
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
import { resultOfRepeat, storedElsewhereError } from '../idempotent-repeat';
import { placeEvent, type NewEvent, type RecordedEvent } from '../recorded-event';
import { isUniqueEventIdViolation, mapSqliteError } from './sqlite-errors';
import { migrateSqlite } from './sqlite-schema';
import { importIntoSqlite, lastSqliteRow } from './sqlite-event-import';
import { prepareSnapshotStatements, prepareStatements, toRecorded, toSnapshot, type EventRow, type SnapshotStatements, type Statements } from './sqlite-rows';
import type { EventImporter, ImportResult } from '../event-import';

export interface SqliteEventStoreOptions {
  /** Path of the database file (its directory is created); ':memory:' for a throw-away store. */
  filename: string;
  /** How long a write waits for another connection's lock before giving up. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Source of recordedAt. Default: the system clock (the demo seed replays history with its own). */
  clock?: () => Date;
  /** How often a caught-up subscriber looks for appends made by other processes. Default 200 ms. */
  pollIntervalMs?: number;
  /**
   * Open an existing store only to read it: no directory or file is created, no migration runs, the
   * journal mode is left as it is, and every append fails. Used to check a backup without changing it.
   */
  readonly?: boolean;
}

const DEFAULT_PAGE = 500;

/** An append waiting for the next group commit. */
interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedVersion;
  recordedAt: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * The embedded EventStore: one SQLite file (WAL, synchronous=FULL). SQLite lets one writer in at a
 * time, so positions from AUTOINCREMENT are already in commit order and the feed has no gaps to guard.
 *
 * Group commit: appends called in the same turn of the event loop (concurrent requests) are written in
 * one transaction, each inside a savepoint of its own so that one failing leaves the others whole,
 * and share one fsync. Each caller's promise settles only after that commit: durability is the same
 * as one transaction per append. A lone append still gets a transaction of its own.
 */
export class SqliteEventStore implements EventStore, EventImporter, SnapshotCapable {
  private db: Database.Database | undefined;
  private statements: Statements | undefined;
  private snapshotStatements: SnapshotStatements | undefined;
  private appendInTransaction:
    Database.Transaction<(streamId: string, events: NewEvent[], expected: ExpectedVersion, recordedAt: string) => AppendResult> | undefined;
  private appendGroup: Database.Transaction<(group: PendingAppend[]) => Outcome[]> | undefined;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly appended = new EventEmitter();
  private readonly closed = new AbortController();
  private readonly pollIntervalMs: number;
  private readonly clock: () => Date;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.clock = options.clock ?? (() => new Date());
    this.appended.setMaxListeners(0);
  }

  async init(): Promise<void> {
    if (this.db) return;
    if (this.closed.signal.aborted) throw mapSqliteError(new TypeError('The database connection is not open'), 'init');
    const { filename } = this.options;
    let db: Database.Database | undefined;
    try {
      const readonly = this.options.readonly ?? false;
      if (!readonly && filename !== ':memory:' && filename !== '' && !filename.startsWith('file:')) {
        mkdirSync(dirname(filename), { recursive: true });
      }
      db = new Database(filename, { timeout: this.options.busyTimeoutMs ?? 5000, readonly, fileMustExist: readonly });
      if (!readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        migrateSqlite(db);
      }
      this.statements = prepareStatements(db);
      this.snapshotStatements = prepareSnapshotStatements(db);
      const appendOne = db.transaction(this.appendRows.bind(this));
      this.appendInTransaction = appendOne;
      // Called inside the group's transaction, appendOne runs in a savepoint (better-sqlite3 nests so).
      this.appendGroup = db.transaction((group: PendingAppend[]): Outcome[] =>
        group.map((p): Outcome => {
          try {
            return { ok: true, result: appendOne(p.streamId, p.events, p.expected, p.recordedAt) };
          } catch (error) {
            return { ok: false, error };
          }
        }),
      );
      this.db = db;
    } catch (error) {
      db?.close();
      throw mapSqliteError(error, 'opening the database');
    }
  }

  async close(): Promise<void> {
    this.closed.abort();
    this.db?.close();
    this.db = undefined;
    this.statements = undefined;
    this.snapshotStatements = undefined;
    this.appendInTransaction = undefined;
    this.appendGroup = undefined;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    assertAppendable(streamId, events);
    expectedVersionCode(expected);
    if (!this.appendInTransaction) throw this.notOpen();
    const recordedAt = this.clock().toISOString();
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, recordedAt, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After this turn's other callbacks: every append called meanwhile joins the same commit.
        setImmediate(() => this.flushAppends());
      }
    });
  }

  /** Commits the waiting appends: one alone as before, several as one group (see the class comment). */
  private flushAppends(): void {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    const single = this.appendInTransaction;
    const many = this.appendGroup;
    if (!single || !many) {
      for (const p of group) p.reject(this.notOpen());
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes =
        group.length === 1
          ? [{ ok: true, result: single.immediate(group[0].streamId, group[0].events, group[0].expected, group[0].recordedAt) }]
          : many.immediate(group);
    } catch (error) {
      // The transaction as a whole failed (lock, I/O, or the lone append's own error): nothing was stored.
      outcomes = group.map(() => ({ ok: false, error }));
    }
    let stored = false;
    outcomes.forEach((outcome, i) => {
      const p = group[i];
      if (outcome.ok) {
        stored = true;
        p.resolve(outcome.result);
      } else {
        p.reject(this.appendError(p, outcome.error));
      }
    });
    if (stored) this.appended.emit('append');
  }

  private appendError(p: PendingAppend, error: unknown): unknown {
    if (isUniqueEventIdViolation(error)) return this.duplicateIdError(p.streamId, p.events, error);
    return mapSqliteError(error, `appending to ${p.streamId}`);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const s = this.open();
    try {
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
      return s.streamRange.all(streamId, from, to).map(toRecorded);
    } catch (error) {
      throw mapSqliteError(error, `reading ${streamId}`);
    }
  }

  async streamHead(streamId: string): Promise<StreamHead> {
    const s = this.open();
    try {
      const snap = this.snapshotStatements;
      if (!snap) {
        const head = s.head.get(streamId);
        return { version: head?.version ?? 0, lastHash: head?.last_hash ?? null, alterations: null };
      }
      const head = snap.streamHead.get(streamId);
      return { version: head?.version ?? 0, lastHash: head?.last_hash ?? null, alterations: head?.alterations ?? 0 };
    } catch (error) {
      throw mapSqliteError(error, `reading the head of ${streamId}`);
    }
  }

  async readSnapshot(streamId: string, stateType: string, stateSchema: number): Promise<StreamSnapshot | undefined> {
    this.open();
    try {
      const row = this.snapshotStatements?.snapshot.get(streamId, stateType, stateSchema);
      return row ? toSnapshot(row) : undefined;
    } catch (error) {
      throw mapSqliteError(error, `reading a snapshot of ${streamId}`);
    }
  }

  async writeSnapshot(snapshot: StreamSnapshot): Promise<void> {
    this.open();
    if (!this.snapshotStatements || this.options.readonly) return;
    try {
      this.snapshotStatements.putSnapshot.run(
        snapshot.streamId,
        snapshot.stateType,
        snapshot.stateSchema,
        snapshot.streamVersion,
        snapshot.eventHash,
        snapshot.alterations,
        snapshot.stateJson,
        snapshot.contentHash,
        new Date().toISOString(),
      );
    } catch (error) {
      throw mapSqliteError(error, `writing a snapshot of ${snapshot.streamId}`);
    }
  }

  async listSnapshots(): Promise<Pick<StreamSnapshot, 'streamId' | 'stateType' | 'stateSchema' | 'streamVersion'>[]> {
    this.open();
    try {
      return (this.snapshotStatements?.snapshotKeys.all() ?? []).map((r) => ({
        streamId: r.stream_id,
        stateType: r.state_type,
        stateSchema: r.state_schema,
        streamVersion: r.stream_version,
      }));
    } catch (error) {
      throw mapSqliteError(error, 'listing snapshots');
    }
  }

  async streamVersion(streamId: string): Promise<number> {
    const s = this.open();
    try {
      return s.head.get(streamId)?.version ?? 0;
    } catch (error) {
      throw mapSqliteError(error, `reading the version of ${streamId}`);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const s = this.open();
    const after = options.after ?? 0;
    const limit = options.limit ?? DEFAULT_PAGE;
    try {
      // One row more than asked tells whether this page reaches the end.
      const rows = s.after.all(after, limit + 1);
      const events = rows.slice(0, limit).map(toRecorded);
      return {
        events,
        nextAfter: events.length > 0 ? events[events.length - 1].globalPosition : after,
        isEnd: rows.length <= limit,
      };
    } catch (error) {
      throw mapSqliteError(error, 'reading the feed');
    }
  }

  async headPosition(): Promise<number> {
    const s = this.open();
    try {
      return s.headPosition.get()?.p ?? 0;
    } catch (error) {
      throw mapSqliteError(error, 'reading the head position');
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const source = {
      readAll: (o: ReadAllOptions) => this.readAll(o),
      onAppend: (listener: () => void) => {
        this.appended.on('append', listener);
        return () => void this.appended.off('append', listener);
      },
    };
    return followFeed(source, options, eitherSignal(this.closed.signal, options.signal), this.pollIntervalMs);
  }

  /** Runs inside the write transaction: idempotency, expected version, then the rows and the new head. */
  private appendRows(streamId: string, events: NewEvent[], expected: ExpectedVersion, recordedAt: string): AppendResult {
    const s = this.statements!;
    const repeated = s.placeOf.get(events[0].eventId);
    if (repeated) {
      if (repeated.stream_id !== streamId) throw storedElsewhereError(events[0].eventId, streamId, repeated.stream_id);
      const stored = s.streamRange.all(streamId, repeated.stream_version, repeated.stream_version + events.length - 1).map(toRecorded);
      return resultOfRepeat(streamId, events, stored);
    }

    const head = s.head.get(streamId);
    const actual = head?.version ?? 0;
    if (!expectationMet(expectedVersionCode(expected), actual)) {
      throw new WrongExpectedVersionError(streamId, expected, actual);
    }

    let previousHash = head?.last_hash ?? null;
    let version = actual;
    let lastPosition = 0;
    const recorded: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      version += 1;
      const event = placeEvent(e, { streamId, streamVersion: version, globalPosition: 0, recordedAt, previousHash, hash: '' });
      const content = canonicalContent(event);
      event.hash = chainHash(previousHash, version, content.contentHash);
      const info = s.insert.run(
        event.eventId,
        streamId,
        version,
        event.type,
        event.schemaVersion,
        content.dataJson,
        event.occurredAt,
        recordedAt,
        content.actorJson,
        event.correlationId,
        event.causationId,
        event.commandId,
        previousHash,
        event.hash,
      );
      lastPosition = Number(info.lastInsertRowid);
      event.globalPosition = lastPosition;
      recorded[i] = event;
      previousHash = event.hash;
    }
    s.setHead.run(streamId, version, previousHash);
    return { streamId, nextExpectedVersion: version, lastGlobalPosition: lastPosition, events: recorded };
  }

  /** A later id of the batch is stored already: name it (the transaction has rolled back by now). */
  private duplicateIdError(streamId: string, events: readonly NewEvent[], cause: unknown): Error {
    const s = this.open();
    for (const e of events) {
      const place = s.placeOf.get(e.eventId);
      if (place) {
        return new InvalidAppendError(
          `Event ${e.eventId} is already stored (${place.stream_id} version ${place.stream_version}); ` +
            `the batch for ${streamId} does not repeat an earlier append`,
          { cause },
        );
      }
    }
    return new InvalidAppendError(`The batch for ${streamId} repeats an event id already stored`, { cause });
  }

  /** migrate-store's import (adapter-level, outside the port): see EventImporter in event-import.ts. */
  async importEvents(events: readonly RecordedEvent[]): Promise<ImportResult> {
    this.open();
    const result = importIntoSqlite(this.db!, events);
    if (result.imported > 0) this.appended.emit('append');
    return result;
  }

  async lastEvent(): Promise<RecordedEvent | undefined> {
    this.open();
    const row = lastSqliteRow(this.db!);
    return row ? toRecorded(row as unknown as EventRow) : undefined;
  }

  private open(): Statements {
    if (!this.statements) throw this.notOpen();
    return this.statements;
  }

  private notOpen(): Error {
    return this.closed.signal.aborted
      ? (mapSqliteError(new TypeError('The database connection is not open'), 'using the store') as Error)
      : new Error('SqliteEventStore: call init() before using the store');
  }
}
