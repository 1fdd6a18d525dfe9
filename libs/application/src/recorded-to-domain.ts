import type { Recorded } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';

/** The domain's view of a stored event: its data under its type, plus the envelope facts folds read. */
export const toDomainEvent = (e: RecordedEvent): Recorded =>
  ({
    type: e.type,
    data: e.data,
    occurredAt: e.occurredAt,
    eventId: e.eventId,
    recordedAt: e.recordedAt,
    streamVersion: e.streamVersion,
    actor: e.actor,
  }) as Recorded;
