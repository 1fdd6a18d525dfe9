import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@caretrail/event-store';

/** A plausible event; every call gets fresh ids. */
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ConcernRaised',
    schemaVersion: 1,
    data: { concernId: randomUUID(), title: 'Late evening visit', severity: 'high', visits: [1, 2, 3] },
    occurredAt: '2025-03-04T09:15:00.000Z',
    actor: { userId: 'user-1', organisationId: 'org-1', role: 'manager' },
    correlationId: randomUUID(),
    causationId: null,
    commandId: randomUUID(),
    ...overrides,
  };
}

export function newEvents(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent({ type: `Event${i + 1}`, ...overrides }));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
