import type { CareTrailEventType, EventData } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';

/** A stored event narrowed to one type of the catalogue, so its data is typed. */
export type EventOf<T extends CareTrailEventType, E extends RecordedEvent = RecordedEvent> = E & {
  type: T;
  data: EventData<T>;
};

/** All events here are schema version 1; an upcaster would slot in here when a version 2 appears. */
export const isEvent = <T extends CareTrailEventType, E extends RecordedEvent>(event: E, type: T): event is EventOf<T, E> => event.type === type;

export const eventsOf = <T extends CareTrailEventType, E extends RecordedEvent>(events: readonly E[], type: T): EventOf<T, E>[] =>
  events.filter((e): e is EventOf<T, E> => isEvent(e, type));

/** The concern a stored event belongs to: its stream names it (`concern-{id}`), whatever its type. */
export function concernIdOf(event: RecordedEvent): string | null {
  if (event.streamId.startsWith('concern-')) return event.streamId.slice('concern-'.length);
  const concernId = event.data['concernId'];
  return typeof concernId === 'string' ? concernId : null;
}

/** The service a stored event speaks of directly, when its stream or data names one. */
export function serviceIdOf(event: RecordedEvent): string | null {
  if (event.streamId.startsWith('service-')) return event.streamId.slice('service-'.length);
  const serviceId = event.data['serviceId'];
  return typeof serviceId === 'string' ? serviceId : null;
}
