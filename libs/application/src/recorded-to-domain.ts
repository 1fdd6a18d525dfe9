import { upcastEventData, type Recorded } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';

/** The domain's view of a stored event: its data under its type (upcast to the current schema version), plus the envelope facts folds read. */
export const toDomainEvent = (e: RecordedEvent): Recorded =>
  ({
    type: e.type,
    data: upcastEventData(e.type, e.schemaVersion, e.data),
    occurredAt: e.occurredAt,
    eventId: e.eventId,
    recordedAt: e.recordedAt,
    streamVersion: e.streamVersion,
    actor: e.actor,
  }) as Recorded;
