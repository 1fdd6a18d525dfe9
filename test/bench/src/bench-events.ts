import { createHash } from 'node:crypto';
import type { NewEvent } from '@caretrail/event-store';
import { v7 as uuidv7 } from 'uuid';

/**
 * Events for the append and read rows: the shape of a weekly PlanUpdateSubmitted (the commonest
 * event of a real history), about 700 bytes of JSON each. Every subject of a row (CareTrail, the peer,
 * the raw ceiling) is handed the very same events.
 */
export function planUpdate(concernId: string, week: number): NewEvent {
  const periodEnding = new Date(Date.UTC(2024, 0, 7 + week * 7)).toISOString().slice(0, 10);
  return {
    eventId: uuidv7(),
    type: 'PlanUpdateSubmitted',
    schemaVersion: 1,
    data: {
      concernId,
      planVersion: 1,
      periodEnding,
      actions: [
        { actionId: `${concernId}-a1`, status: 'in_progress', note: 'Care plans audited for 12 of 18 people; the rest are booked for next week.' },
        { actionId: `${concernId}-a2`, status: 'open', note: 'Medication training scheduled with the pharmacy.' },
        { actionId: `${concernId}-a3`, status: 'in_progress', note: 'Night staffing rota agreed; two agency shifts left to fill.' },
      ],
      evidence: [{ name: `audit-week-${week}.pdf`, sha256: createHash('sha256').update(`${concernId}:${week}`).digest('hex') }],
      summary: 'Steady progress this week; the outstanding items are on track for the agreed dates.',
    },
    occurredAt: new Date(Date.UTC(2024, 0, 7 + week * 7, 16, 30)).toISOString(),
    actor: { userId: 'user-registered-manager-1', organisationId: 'org-provider-1', role: 'registered_manager' },
    correlationId: uuidv7(),
    causationId: null,
    commandId: uuidv7(),
  };
}

/** `count` events for one stream. */
export function streamEvents(streamId: string, count: number, firstWeek = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => planUpdate(streamId, firstWeek + i));
}
