import { createHash } from 'node:crypto';
import { EventIntegrityError } from '../event-store.errors';
import type { RecordedEvent } from '../recorded-event';
import type { EsdbProposedEvent, EsdbStoredEvent } from './esdb-gateway';
import { toGlobalPosition } from './esdb-positions';
import { versionOfEvent } from './esdb-revisions';

/**
 * One CareTrail event in ESDB: the stream `<prefix><streamId>`, the ESDB event id (the CareTrail id
 * when it is a UUID, so ESDB's own duplicate check works on it), the type, the data as JSON, and the
 * rest of the envelope as JSON metadata. Version and global position are ESDB's revision and log
 * position; everything hashed is stored as it was hashed, so what is read back re-hashes the same.
 */
export interface CareTrailMetadata {
  /** Format of this metadata; bump on an incompatible change. */
  caretrail: 1;
  eventId: string;
  streamId: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: RecordedEvent['actor'];
  correlationId: string;
  causationId: string | null;
  commandId: string | null;
  previousHash: string | null;
  hash: string;
  /** ESDB's conventional names, so its $by_correlation_id projection can follow a conversation. */
  $correlationId: string;
  $causationId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace of name-based ids for event ids that are not UUIDs (RFC 4122 version 5). */
const ID_NAMESPACE = Buffer.from('7d1f3c4e9a2b4c5d8e6f0a1b2c3d4e5f', 'hex');

/** A version-5 (SHA-1, name-based) UUID: the same name always gives the same id. */
export function nameBasedUuid(name: string, namespace: Buffer = ID_NAMESPACE): string {
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** ESDB requires UUID event ids: a CareTrail id that is one is used as is (lower case), any other is hashed to one. */
export function esdbEventId(eventId: string): string {
  return UUID.test(eventId) ? eventId.toLowerCase() : nameBasedUuid(eventId);
}

export function streamNameOf(prefix: string, streamId: string): string {
  return prefix + streamId;
}

/** The CareTrail stream id of an ESDB stream name, or undefined when it is not under the prefix. */
export function streamIdOf(prefix: string, streamName: string): string | undefined {
  return streamName.startsWith(prefix) && streamName.length > prefix.length ? streamName.slice(prefix.length) : undefined;
}

/**
 * What to send for a recorded event whose data and actor are given as the canonical JSON they were
 * hashed from. Parsing that text back gives plain values whose canonical form is that same text.
 */
export function toProposedEvent(event: RecordedEvent): EsdbProposedEvent {
  const metadata: CareTrailMetadata = {
    caretrail: 1,
    eventId: event.eventId,
    streamId: event.streamId,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    commandId: event.commandId,
    previousHash: event.previousHash,
    hash: event.hash,
    $correlationId: event.correlationId,
    ...(event.causationId !== null ? { $causationId: event.causationId } : {}),
  };
  return { id: esdbEventId(event.eventId), type: event.type, data: event.data, metadata: metadata as unknown as Record<string, unknown> };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The metadata's problem, if it is not CareTrail's envelope. */
function metadataProblem(m: unknown): string | undefined {
  if (!isObject(m)) return 'metadata is not a JSON object';
  if (m.caretrail !== 1) return `metadata format ${JSON.stringify(m.caretrail)} is not 1`;
  if (!isText(m.eventId) || !isText(m.streamId)) return 'metadata lacks eventId or streamId';
  if (!Number.isSafeInteger(m.schemaVersion)) return 'metadata lacks schemaVersion';
  if (!isText(m.occurredAt) || !isText(m.recordedAt)) return 'metadata lacks occurredAt or recordedAt';
  if (!isObject(m.actor)) return 'metadata lacks actor';
  if (!isText(m.correlationId) || !isTextOrNull(m.causationId) || !isTextOrNull(m.commandId)) return 'metadata ids are malformed';
  if (!isTextOrNull(m.previousHash) || !isText(m.hash)) return 'metadata lacks the hashes';
  return undefined;
}

/** The RecordedEvent an ESDB event holds; EventIntegrityError when it is not one CareTrail wrote. */
export function fromStoredEvent(stored: EsdbStoredEvent, prefix: string): RecordedEvent {
  const streamId = streamIdOf(prefix, stored.streamName) ?? stored.streamName;
  const version = versionOfEvent(stored.revision);
  const fail = (problem: string): never => {
    throw new EventIntegrityError(streamId, version, stored.id, `ESDB event ${problem}`);
  };
  if (streamIdOf(prefix, stored.streamName) === undefined) fail(`is in ${stored.streamName}, outside the prefix ${prefix}`);
  const problem = metadataProblem(stored.metadata);
  if (problem) fail(problem);
  const m = stored.metadata as unknown as CareTrailMetadata;
  if (m.streamId !== streamId) fail(`metadata names stream ${m.streamId}`);
  if (esdbEventId(m.eventId) !== stored.id.toLowerCase()) fail(`id does not derive from its CareTrail id ${m.eventId}`);
  if (!isObject(stored.data)) fail('data is not a JSON object');
  let globalPosition = 0;
  try {
    globalPosition = toGlobalPosition(stored.position, `${stored.streamName}@${stored.revision}`);
  } catch (error) {
    fail((error as Error).message);
  }
  return {
    eventId: m.eventId,
    type: stored.type,
    schemaVersion: m.schemaVersion,
    data: stored.data as Record<string, unknown>,
    occurredAt: m.occurredAt,
    actor: m.actor,
    correlationId: m.correlationId,
    causationId: m.causationId,
    commandId: m.commandId,
    streamId,
    streamVersion: version,
    globalPosition,
    recordedAt: m.recordedAt,
    previousHash: m.previousHash,
    hash: m.hash,
  };
}
