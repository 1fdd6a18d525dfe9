import type { EsdbPosition, EsdbReadFrom } from './esdb-positions';
import type { EsdbExpectedRevision } from './esdb-revisions';

/** An event as handed to ESDB: its id (a UUID), type, JSON data and JSON metadata. */
export interface EsdbProposedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** An event as ESDB returns it (JSON already parsed). */
export interface EsdbStoredEvent {
  streamName: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

export interface EsdbAppendOutcome {
  /** Revision of the last event the append wrote or, when ESDB recognised a repeat, of the last repeated one. */
  nextExpectedRevision: bigint;
  position?: EsdbPosition;
}

export interface EsdbStreamRead {
  from: bigint | 'start' | 'end';
  maxCount: number;
  direction: 'forwards' | 'backwards';
}

export interface EsdbAllRead {
  /** Forwards: inclusive of the event at a position. Backwards: strictly before it. */
  from: EsdbReadFrom;
  maxCount: number;
  direction: 'forwards' | 'backwards';
  /** Only streams whose names start with one of these, filtered by the server. */
  prefixes: readonly string[];
}

export interface EsdbLiveHandlers {
  event(event: EsdbStoredEvent): void;
  error(error: unknown): void;
  end(): void;
}

/** A running catch-up subscription to $all. */
export interface EsdbLiveSubscription {
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

/**
 * The part of ESDB the adapter uses, so that the adapter's logic (claims, repeats, chains, paging,
 * the live feed) is one piece of code whether it talks to a server (ClientEsdbGateway) or to the
 * in-memory double its tests also run on. Errors are the client's (CommandError shapes: `type`,
 * `actualVersion`, ...); reads of a missing stream return [] instead of failing.
 */
export interface EsdbGateway {
  append(streamName: string, events: readonly EsdbProposedEvent[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome>;
  readStream(streamName: string, read: EsdbStreamRead, signal: AbortSignal): Promise<EsdbStoredEvent[]>;
  readAll(read: EsdbAllRead, signal: AbortSignal): Promise<EsdbStoredEvent[]>;
  /** Events after `from` (exclusive; 'start': all), then live ones, of the prefixed streams only. */
  subscribeAll(from: 'start' | EsdbPosition, prefixes: readonly string[], handlers: EsdbLiveHandlers): EsdbLiveSubscription;
  dispose(): Promise<void>;
}
