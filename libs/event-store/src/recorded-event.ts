/** Who did something: the signed-in user, the organisation they act for, and their role there. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: string;
}

/** An event as a command handler hands it to the store, before it has a place in any stream. */
export interface NewEvent {
  /** UUIDv7, chosen by the caller so that a retried append is recognised as the same event. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  /** When it happened in the world (UTC instant, ISO 8601). */
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  commandId: string | null;
}

/** An event as stored: the envelope of DESIGN.md, with its place in its stream and in the global feed. */
export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 1 for the first event of a stream, then 2, 3, ... without gaps. */
  streamVersion: number;
  /**
   * Place in the global feed. Strictly increasing in feed order, unique across the store, not dense:
   * callers compare positions but never do arithmetic on them.
   */
  globalPosition: number;
  /** When the store accepted it (UTC instant, ISO 8601). */
  recordedAt: string;
  /** Hash of the previous event in the same stream; null for the first. */
  previousHash: string | null;
  hash: string;
}

/** Where the store put an event: its place in its stream and the feed, and its link in the chain. */
export type EventPlacement = Pick<RecordedEvent, 'streamId' | 'streamVersion' | 'globalPosition' | 'recordedAt' | 'previousHash' | 'hash'>;

/** A new event as stored at a placement: the one way every adapter builds the envelope it returns. */
export const placeEvent = (e: NewEvent, at: EventPlacement): RecordedEvent => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  occurredAt: e.occurredAt,
  actor: e.actor,
  correlationId: e.correlationId,
  causationId: e.causationId ?? null,
  commandId: e.commandId ?? null,
  streamId: at.streamId,
  streamVersion: at.streamVersion,
  globalPosition: at.globalPosition,
  recordedAt: at.recordedAt,
  previousHash: at.previousHash,
  hash: at.hash,
});
