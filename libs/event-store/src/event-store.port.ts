import type { NewEvent, RecordedEvent } from './recorded-event';

/** DI token the EventStore port is bound to. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * What the writer believes about the stream: it does not exist yet, anything goes, or its last event
 * has exactly this version (0 is the same as 'no_stream').
 */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface AppendResult {
  streamId: string;
  /** Version of the stream's last event after the append. */
  nextExpectedVersion: number;
  /** Global position of the last event appended (or of the already-stored one on an idempotent repeat). */
  lastGlobalPosition: number;
  /** The events as stored, in order. On an idempotent repeat these are the events first stored. */
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First version to return (inclusive). Default 1. */
  fromVersion?: number;
  /** Last version to return (inclusive). Default: to the end. */
  toVersion?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this position. Default 0 (from the start). */
  after?: number;
  /** Page size. Default 500. */
  limit?: number;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Position to pass as `after` for the next page (the last event's, or `after` itself if empty). */
  nextAfter: number;
  /** True when this page reached the current end of the feed. */
  isEnd: boolean;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position. Default 0. */
  after?: number;
  /** Events fetched per page while catching up. */
  batchSize?: number;
  /** Stops the subscription: the iterator ends once aborted. */
  signal?: AbortSignal;
}

/**
 * The one way the rest of CareTrail touches stored events. Adapters hide their drivers behind it.
 *
 * - append is all-or-nothing and checks `expected` against the stream's current version; appending
 *   events whose ids are already stored in that stream, in that order, returns the stored result
 *   (idempotent) instead of a duplicate or an error;
 * - the global feed never skips an event that commits after a later-positioned one has been read.
 */
export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Version of the stream's last event; 0 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /**
   * Position of the newest stored event (0 when empty): never below a position an append has
   * returned. The feed reaches it at once on SQLite and EventStoreDB; on PostgreSQL once every older
   * transaction in the cluster has ended (the feed horizon), so waiting for a read model to apply the
   * head waits for that too. readAll never returns an event while an older one may still appear.
   */
  headPosition(): Promise<number>;
  /** Catches up from `after`, then follows new events live, until the signal aborts. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Creates the schema if needed. Safe to call more than once. */
  init(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The head of a stream as a reader that resumes from a known point needs it. `alterations` counts the
 * changes made to the stream's stored event rows other than by append (an UPDATE or DELETE through SQL;
 * the stores count them with triggers): while it is unchanged, the events a reader verified before are
 * the events still stored, so it only needs to verify the ones after them.
 */
export interface StreamHead {
  /** 0 when the stream does not exist. */
  version: number;
  lastHash: string | null;
  /** null when the store cannot count them (a read-only store on a file older than the count). */
  alterations: number | null;
}

/**
 * A stream's folded state at one version, stored beside its events so that a reader need not fold
 * the stream from its first event. Never a source of truth: it is checked against the chain (the
 * hash of the event it was folded up to) and against its own content hash before use, ignored when
 * either fails, and a fold from zero always gives the same state (see docs/long-records.md).
 */
export interface StreamSnapshot {
  streamId: string;
  /** Whose fold this is, e.g. 'concern'. */
  stateType: string;
  /** Version of that state's shape; a reader ignores a snapshot of any other schema. */
  stateSchema: number;
  /** The version of the last event folded into it. */
  streamVersion: number;
  /** The stored hash of the event at streamVersion: the events after it must chain from this. */
  eventHash: string;
  /** The stream's alteration count when the snapshot was taken (see StreamHead). */
  alterations: number;
  /** The state as JSON text, exactly as hashed. */
  stateJson: string;
  /** snapshotContentHash() of all the fields above. */
  contentHash: string;
}

/**
 * Optional capability of a store (SQLite and PostgreSQL have it; EventStoreDB does not, and readers
 * then fold every stream from its first event as before).
 */
export interface SnapshotCapable {
  streamHead(streamId: string): Promise<StreamHead>;
  /** The stored snapshot of this stream, state type and schema, if any. */
  readSnapshot(streamId: string, stateType: string, stateSchema: number): Promise<StreamSnapshot | undefined>;
  /** Stores it unless a snapshot of a later version of the same stream, type and schema is already there. */
  writeSnapshot(snapshot: StreamSnapshot): Promise<void>;
  /** Every stored snapshot's key and version (verify-store checks each against a fold from zero). */
  listSnapshots(): Promise<Pick<StreamSnapshot, 'streamId' | 'stateType' | 'stateSchema' | 'streamVersion'>[]>;
}

export const supportsSnapshots = <S extends EventStore>(store: S): store is S & SnapshotCapable =>
  typeof (store as Partial<SnapshotCapable>).readSnapshot === 'function' && typeof (store as Partial<SnapshotCapable>).streamHead === 'function';
