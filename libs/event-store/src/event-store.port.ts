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
  /** Position of the newest event a reader of the feed can see now (0 when empty). */
  headPosition(): Promise<number>;
  /** Catches up from `after`, then follows new events live, until the signal aborts. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Creates the schema if needed. Safe to call more than once. */
  init(): Promise<void>;
  close(): Promise<void>;
}
