import { sha256Hex } from './sha256';
import { writeCanonical } from './canonical-json';
import { EventIntegrityError } from './event-store.errors';
import type { RecordedEvent } from './recorded-event';
import { hashedData, sealedContentProblem } from './sealed-content';

/** The fields an event's content hash covers: everything but its place in the stream and the feed. */
export type HashedContent = Pick<
  RecordedEvent,
  'eventId' | 'type' | 'schemaVersion' | 'streamId' | 'occurredAt' | 'recordedAt' | 'actor' | 'correlationId' | 'causationId' | 'commandId' | 'data'
>;

/** RFC 8785 canonical JSON: the same value always gives the same bytes, whatever its key order. */
export function canonicalJson(value: unknown): string {
  const text = writeCanonical(value);
  if (text === undefined) throw new TypeError('Value has no JSON form');
  return text;
}

export function contentHash(event: HashedContent): string {
  return sha256Hex(
    canonicalJson({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId,
      commandId: event.commandId,
      // A sealed part is covered by its digest, so its content can be withheld (sealed-content.ts).
      data: hashedData(event.data),
    }),
  );
}

/**
 * Links an event into its stream's chain. Kept to a plain string so a database can compute it too
 * (PostgreSQL: sha256(convert_to(prev || ':' || version || ':' || content, 'UTF8'))).
 */
export function chainHash(previousHash: string | null, streamVersion: number, content: string): string {
  return sha256Hex(`${previousHash ?? ''}:${streamVersion}:${content}`);
}

export function eventHash(event: HashedContent, previousHash: string | null, streamVersion: number): string {
  return chainHash(previousHash, streamVersion, contentHash(event));
}

export interface ChainProblem {
  streamId: string;
  streamVersion: number;
  eventId: string;
  problem: string;
}

/**
 * Checks a run of one stream's events: versions consecutive, each previousHash the hash before it,
 * each hash recomputed from the stored content. `previousHash` is the hash before the first event
 * given (null when the run starts at version 1).
 */
export function findChainProblems(events: readonly RecordedEvent[], previousHash: string | null = null): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = previousHash;
  let expectedVersion = events.length > 0 ? events[0].streamVersion : 1;
  for (const e of events) {
    const at = { streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.eventId };
    if (e.streamVersion !== expectedVersion) {
      problems.push({ ...at, problem: `version ${e.streamVersion} where ${expectedVersion} was expected` });
    }
    if (e.previousHash !== prev) {
      problems.push({ ...at, problem: `previousHash ${e.previousHash} does not match the hash before it (${prev})` });
    }
    const recomputed = eventHash(e, e.previousHash, e.streamVersion);
    if (recomputed !== e.hash) {
      problems.push({ ...at, problem: `hash ${e.hash} does not match its content (recomputed ${recomputed})` });
    }
    const sealed = sealedContentProblem(e.data);
    if (sealed) problems.push({ ...at, problem: sealed });
    prev = e.hash;
    expectedVersion = e.streamVersion + 1;
  }
  return problems;
}

/** Throws EventIntegrityError at the first broken link; returns the events unchanged when sound. */
export function verifyChain(events: readonly RecordedEvent[], previousHash: string | null = null): readonly RecordedEvent[] {
  const [first] = findChainProblems(events, previousHash);
  if (first) throw new EventIntegrityError(first.streamId, first.streamVersion, first.eventId, first.problem);
  return events;
}
