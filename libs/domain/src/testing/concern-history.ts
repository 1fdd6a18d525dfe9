import type { PlannedAction } from '../events/action-plan.events';
import type { Recorded } from '../shared/decider';
import { ACTORS, IDS, at, by } from './fixtures';

/**
 * A concern's story as stored events, step by step, for given(...) histories. Raised 5 January 2026;
 * plan accepted 20 January with weekly updates, so periods end 27 Jan, 3 Feb, ... 24 Feb, 3 Mar.
 */
const concernId = IDS.concern;

export const PLANNED: PlannedAction[] = [
  { actionId: 'A1', description: 'Audit all care records', owner: 'Registered manager', dueOn: '2026-02-15', measure: 'Audit report' },
  { actionId: 'A2', description: 'Train staff on recording', owner: 'Training lead', dueOn: '2026-03-01', measure: 'All staff trained' },
];

export const raised = (): Recorded =>
  by(
    ACTORS.council,
    {
      type: 'ConcernRaised',
      occurredAt: at('2026-01-05'),
      data: {
        concernId,
        serviceId: IDS.service,
        providerId: IDS.provider,
        councilId: IDS.council,
        contractId: IDS.contract,
        category: 'documentation',
        severity: 'amber',
        source: 'monitoring_visit',
        summary: 'Care records lapsed after manager changes',
      },
    },
    'evt-raised',
  );

export const notified = (): Recorded =>
  by(ACTORS.council, { type: 'ConcernNotifiedToProvider', occurredAt: at('2026-01-06'), data: { concernId, method: 'email' } }, 'evt-notified');

export const acknowledged = (): Recorded =>
  by(ACTORS.provider, { type: 'ConcernAcknowledged', occurredAt: at('2026-01-08'), data: { concernId, note: 'We are on it' } }, 'evt-ack');

export const planRequested = (occurredAt = at('2026-01-08', '11:00')): Recorded =>
  by(ACTORS.council, {
    type: 'ActionPlanRequested',
    occurredAt,
    data: { concernId, dueOn: '2026-01-22', updateCadenceDays: 7, graceDays: 2 },
  });

export const planSubmitted = (version = 1, actions: PlannedAction[] = PLANNED, occurredAt = at('2026-01-15')): Recorded =>
  by(ACTORS.provider, { type: 'ActionPlanSubmitted', occurredAt, data: { concernId, version, actions, summary: `Plan v${version}` } });

export const planReturned = (version = 1, occurredAt = at('2026-01-17')): Recorded =>
  by(ACTORS.council, { type: 'ActionPlanReturned', occurredAt, data: { concernId, version, reasons: ['Measures too vague'] } });

export const planAccepted = (version = 1, occurredAt = at('2026-01-20')): Recorded =>
  by(ACTORS.council, { type: 'ActionPlanAccepted', occurredAt, data: { concernId, version } });

export const updateSubmitted = (periodEnding: string, occurredAt = at(periodEnding, '16:00'), eventId?: string): Recorded =>
  by(
    ACTORS.provider,
    {
      type: 'PlanUpdateSubmitted',
      occurredAt,
      data: {
        concernId,
        planVersion: 1,
        periodEnding,
        actions: [{ actionId: 'A1', status: 'in_progress', note: 'Half done' }],
        evidence: [],
        summary: 'Going well',
      },
    },
    eventId,
  );

export const claimed = (actionId: string, occurredAt = at('2026-02-12')): Recorded =>
  by(ACTORS.provider, { type: 'ActionCompletionClaimed', occurredAt, data: { concernId, actionId, note: 'Done', evidence: [] } });

export const verified = (actionId: string, occurredAt = at('2026-02-14')): Recorded =>
  by(ACTORS.council, { type: 'ActionVerified', occurredAt, data: { concernId, actionId, note: 'Seen' } });

export const planCompleted = (version = 1, occurredAt = at('2026-02-14')): Recorded =>
  by(ACTORS.council, { type: 'ActionPlanCompleted', occurredAt, data: { concernId, version } });

export const closed = (occurredAt = at('2026-02-20')): Recorded =>
  by(
    ACTORS.council,
    {
      type: 'ConcernClosed',
      occurredAt,
      data: { concernId, outcome: 'Resolved', overrideReason: null, unverifiedActionIds: [] },
    },
    'evt-closed',
  );

export const reopened = (occurredAt = at('2026-02-25')): Recorded =>
  by(ACTORS.council, { type: 'ConcernReopened', occurredAt, data: { concernId, reason: 'Records lapsed again' } });

/** Raised, notified and acknowledged. */
export const openConcern = (): Recorded[] => [raised(), notified(), acknowledged()];

/** ... with plan v1 (A1, A2) accepted on 20 January 2026. */
export const acceptedPlan = (): Recorded[] => [...openConcern(), planRequested(), planSubmitted(), planAccepted()];
