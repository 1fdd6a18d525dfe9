import { InvalidAppendError } from './event-store.errors';
import type { ExpectedVersion } from './event-store.port';
import type { NewEvent } from './recorded-event';

/**
 * `expected` as one number: -1 for 'any', 0 for 'no_stream', n for an exact last version.
 * The adapters (and the PostgreSQL append function) compare against this form only.
 */
export type ExpectedVersionCode = number;

export const EXPECT_ANY: ExpectedVersionCode = -1;

export function expectedVersionCode(expected: ExpectedVersion): ExpectedVersionCode {
  if (expected === 'any') return EXPECT_ANY;
  if (expected === 'no_stream') return 0;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidAppendError(`Expected version must be 'no_stream', 'any' or a whole number >= 0, got ${String(expected)}`);
  }
  return expected;
}

/** Whether a stream at `actual` satisfies `expected`. */
export function expectationMet(code: ExpectedVersionCode, actual: number): boolean {
  return code === EXPECT_ANY || code === actual;
}

/** Rejects what no store could ever accept, before any I/O: empty batches, missing or repeated ids. */
export function assertAppendable(streamId: string, events: readonly NewEvent[], maxBatch = Infinity): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppendError('Stream id must be a non-empty string');
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`Append to ${streamId} has no events`);
  }
  if (events.length > maxBatch) {
    throw new InvalidAppendError(`Append to ${streamId} has ${events.length} events; at most ${maxBatch} fit one append`);
  }
  const seen = new Set<string>();
  for (const e of events) {
    if (typeof e?.eventId !== 'string' || e.eventId.length === 0) {
      throw new InvalidAppendError(`Append to ${streamId} has an event without an eventId`);
    }
    const problem = envelopeProblem(e);
    if (problem) throw new InvalidAppendError(`Event ${e.eventId} for ${streamId}: ${problem}`);
    if (seen.has(e.eventId)) {
      throw new InvalidAppendError(`Append to ${streamId} repeats event ${e.eventId} within the batch`);
    }
    seen.add(e.eventId);
  }
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalText = (value: unknown): boolean => value === null || value === undefined || typeof value === 'string';

/** Shape checks the type system cannot promise at run time (events arrive from outside too). */
function envelopeProblem(e: NewEvent): string | undefined {
  if (typeof e.type !== 'string' || e.type.length === 0) return 'type must be a non-empty string';
  if (!Number.isSafeInteger(e.schemaVersion) || e.schemaVersion < 1) return 'schemaVersion must be a whole number >= 1';
  if (!isObject(e.data)) return 'data must be an object';
  if (!isObject(e.actor)) return 'actor must be an object';
  if (typeof e.occurredAt !== 'string') return 'occurredAt must be an ISO 8601 string';
  if (typeof e.correlationId !== 'string') return 'correlationId must be a string';
  if (!isOptionalText(e.causationId) || !isOptionalText(e.commandId)) return 'causationId and commandId must be strings or null';
  return undefined;
}
