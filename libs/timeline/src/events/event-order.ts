import type { RecordedEvent } from '@caretrail/event-store';

type Ordered = Pick<RecordedEvent, 'occurredAt' | 'globalPosition'>;

/**
 * The one order of every timeline and every measure: when it happened, then the global feed for
 * events that happened at the same instant. Instants are compared as times, not strings, so
 * "10:00Z" and "10:00:00.000Z" are equal.
 */
export const compareByOccurrence = (a: Ordered, b: Ordered): number =>
  Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.globalPosition - b.globalPosition;

export const compareByPosition = (a: Pick<RecordedEvent, 'globalPosition'>, b: Pick<RecordedEvent, 'globalPosition'>): number =>
  a.globalPosition - b.globalPosition;

export const inOccurrenceOrder = <E extends Ordered>(events: readonly E[]): E[] => [...events].sort(compareByOccurrence);
