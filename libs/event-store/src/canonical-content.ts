import { writeCanonical } from './canonical-json';
import type { HashedContent } from './event-hashing';
import { sha256Hex } from './sha256';
import { hashedData } from './sealed-content';

/** The envelope's keys in canonical (sorted) order, as contentHash() hashes them. */
const ENVELOPE_KEYS = [
  'actor',
  'causationId',
  'commandId',
  'correlationId',
  'data',
  'eventId',
  'occurredAt',
  'recordedAt',
  'schemaVersion',
  'streamId',
  'type',
] as const satisfies readonly (keyof HashedContent)[];

export interface CanonicalContent {
  /** contentHash() of the event. */
  contentHash: string;
  /**
   * The canonical JSON of data and actor: store these exact strings. It is what was hashed, except for
   * a sealed part, which the hash covers by its digest (sealed-content.ts).
   */
  dataJson: string;
  actorJson: string;
}

/**
 * contentHash(event) for the append path, plus the canonical data and actor text it was built from,
 * so each event is serialised once and the stored text is exactly the hashed text.
 * canonical-content.spec.ts holds it equal to contentHash().
 */
export function canonicalContent(event: HashedContent): CanonicalContent {
  const dataJson = writeCanonical(event.data);
  const actorJson = writeCanonical(event.actor);
  if (dataJson === undefined || actorJson === undefined) throw new TypeError('Event data and actor must be JSON objects');
  // Usually the same object, so the same text; only data with a sealed part is written twice.
  const hashed = hashedData(event.data);
  const hashedDataJson = hashed === event.data ? dataJson : writeCanonical(hashed);
  let out = '{';
  let first = true;
  for (const key of ENVELOPE_KEYS) {
    const value: unknown = event[key];
    if (value === undefined || typeof value === 'symbol') continue;
    const text = key === 'data' ? hashedDataJson : key === 'actor' ? actorJson : writeCanonical(value, 1);
    out += (first ? '"' : ',"') + key + '":' + text;
    first = false;
  }
  out += '}';
  return { contentHash: sha256Hex(out), dataJson, actorJson };
}
