import { eventHash } from './event-hashing';
import { EventIntegrityError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import type { RecordedEvent } from './recorded-event';

export interface ImportResult {
  /** Events appended by this call. */
  imported: number;
  /** Events already stored, identical to the ones given, left as they were. */
  skipped: number;
}

/**
 * Adapter-level, outside the EventStore port: what `caretrail migrate-store` needs of a target.
 * importEvents appends events recorded by another store, in the order given (their source's feed
 * order), keeping each one's id, version, recordedAt and hashes: the target recomputes every hash
 * with its own code and refuses (EventIntegrityError, nothing of the call stored) an event whose
 * hash, previous hash or version does not follow. Events already stored under the same id, with the
 * same hash, are skipped, so an interrupted import can simply be run again.
 */
export interface EventImporter {
  importEvents(events: readonly RecordedEvent[]): Promise<ImportResult>;
  /** The newest event of the feed (undefined when empty): where a resumed import picks up. */
  lastEvent(): Promise<RecordedEvent | undefined>;
}

export function isEventImporter(store: EventStore): store is EventStore & EventImporter {
  const candidate = store as Partial<EventImporter>;
  return typeof candidate.importEvents === 'function' && typeof candidate.lastEvent === 'function';
}

/** Why `event` cannot follow a stream whose last event has `headVersion` and `headHash`, if it cannot. */
export function importProblem(event: RecordedEvent, headVersion: number, headHash: string | null): string | undefined {
  if (event.streamVersion !== headVersion + 1) {
    return `version ${event.streamVersion} cannot follow version ${headVersion} of the target stream`;
  }
  if (event.previousHash !== headHash) {
    return `previousHash ${event.previousHash} is not the target stream's last hash ${headHash}`;
  }
  const recomputed = eventHash(event, event.previousHash, event.streamVersion);
  if (recomputed !== event.hash) return `hash ${event.hash} does not match its content (recomputed ${recomputed})`;
  return undefined;
}

/** Why an event stored under the same id is not the one given, if it is not. */
export function storedDifference(stored: Pick<RecordedEvent, 'streamId' | 'streamVersion' | 'hash'>, given: RecordedEvent): string | undefined {
  if (stored.streamId !== given.streamId || stored.streamVersion !== given.streamVersion) {
    return `the id is already stored as ${stored.streamId} version ${stored.streamVersion}`;
  }
  if (stored.hash !== given.hash) return `the stored event with this id has hash ${stored.hash}, not ${given.hash}`;
  return undefined;
}

export function importError(event: RecordedEvent, problem: string): EventIntegrityError {
  return new EventIntegrityError(event.streamId, event.streamVersion, event.eventId, `cannot import: ${problem}`);
}
