import type { NewEvent } from '@caretrail/event-store';

export type Backend = 'sqlite' | 'postgres';
export type Role = 'caretrail' | 'peer' | 'ceiling';

/**
 * One thing a row measures: CareTrail's store, the peer's (Emmett) or the raw driver ceiling, behind the
 * same few calls so that every row runs the same code around them.
 */
export interface BenchSubject {
  readonly role: Role;
  readonly backend: Backend;
  /** Appends to a stream whose current version is `expected` (0: a new stream). */
  append(streamId: string, events: NewEvent[], expected: number): Promise<void>;
  /** Reads a whole stream, materialised as objects; returns how many events it read. */
  readStream(streamId: string): Promise<number>;
  /** Reads the global feed after `after` page by page until `max` events or the end; returns the count. */
  readFeed(pageSize: number, max?: number, after?: number): Promise<number>;
  /** Subscribes from zero and consumes `total` events, if the subject has a subscription. */
  catchUp?(total: number, batchSize: number): Promise<number>;
  close(): Promise<void>;
}

/** What a subject's factory failing (e.g. the peers not installed) is reported as. */
export class SubjectUnavailable extends Error {
  override readonly name = 'SubjectUnavailable';
}
