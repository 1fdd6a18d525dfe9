import { canonicalContent } from '../canonical-content';
import { chainHash } from '../event-hashing';
import { placeEvent, type NewEvent, type RecordedEvent } from '../recorded-event';

export interface StreamHead {
  /** Version of the stream's last event; 0 when it has none. */
  version: number;
  /** Hash of that event; null when it has none. */
  hash: string | null;
}

/**
 * The events of an append as they will be stored after `head`, chained and hashed as the other
 * adapters do. Data and actor are replaced by the parse of the canonical text they were hashed as,
 * so the stored JSON (and what is read back) is exactly what the hash covers. globalPosition is 0
 * until ESDB has placed them.
 */
export function chainEvents(streamId: string, events: readonly NewEvent[], head: StreamHead, recordedAt: string): RecordedEvent[] {
  let previousHash = head.hash;
  return events.map((e, i) => {
    const version = head.version + i + 1;
    const event = placeEvent(e, { streamId, streamVersion: version, globalPosition: 0, recordedAt, previousHash, hash: '' });
    const content = canonicalContent(event);
    event.data = JSON.parse(content.dataJson) as Record<string, unknown>;
    event.actor = JSON.parse(content.actorJson) as RecordedEvent['actor'];
    event.hash = chainHash(previousHash, version, content.contentHash);
    previousHash = event.hash;
    return event;
  });
}
