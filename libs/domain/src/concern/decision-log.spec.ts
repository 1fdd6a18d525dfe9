import type { Recorded } from '../shared/decider';
import { upcastEventData } from '../events/upcasting';
import { CORRECTABLE_FIELDS } from '../records/correctable-fields';
import { openConcern } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { EscalationLevel } from '../events/concern.events';
import { concernDecider } from './concern.decider';
import type { DecisionLog } from './decision-log';

const concernId = IDS.concern;
const council = { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } };

/** Decided on 1 February 2026 by the Director of Adult Social Services. */
const DECISION: DecisionLog = {
  decidedByRole: 'Director of Adult Social Services',
  leadOfficer: 'Sam Okafor',
  reviewOn: '2026-03-01',
  consequence: 'red',
  riskAssessmentReference: 'RA-2026-017',
  liftingCriteria: ['Medication records complete for four consecutive weeks', 'A registered manager in post'],
  residentReviews: { currentResidents: 24, reviewsDone: 9 },
  brokerageNotice: { notifiedOn: '2026-02-01', reference: 'BRK-041' },
};
const escalate = (toLevel: number, decision: Partial<DecisionLog> | null = {}) => ({
  kind: 'EscalateConcern' as const,
  concernId,
  toLevel: toLevel as EscalationLevel,
  reason: 'Medication errors',
  occurredAt: at('2026-02-01'),
  decision: decision === null ? null : { ...DECISION, ...decision },
});
const suspend = (decision: Partial<DecisionLog> | null = {}) => ({
  kind: 'SuspendPlacements' as const,
  concernId,
  reason: 'Risk to residents',
  occurredAt: at('2026-02-01'),
  decision: decision === null ? null : { ...DECISION, ...decision },
});
const escalatedV1 = (): Recorded =>
  by(
    ACTORS.council,
    { type: 'ConcernEscalated', occurredAt: at('2026-01-20'), data: { concernId, fromLevel: 0, toLevel: 2, reason: 'No progress' } },
    'evt-escalated-v1',
  );

describe('decision log: escalation', () => {
  it('given an open concern, when the council escalates to level 2 with its decision log, then the event carries the log', () => {
    given(concernDecider, openConcern())
      .when(escalate(2), council)
      .then([
        {
          type: 'ConcernEscalated',
          occurredAt: at('2026-02-01'),
          data: { concernId, fromLevel: 0, toLevel: 2, reason: 'Medication errors', decision: DECISION },
        },
      ]);
  });

  it('then the concern shows the decision beside the escalation', () => {
    const [event] = concernDecider.decide(escalate(2), given(concernDecider, openConcern()).state, council);
    const { state } = given(concernDecider, [...openConcern(), by(ACTORS.council, event)]);
    expect(state.escalations[0]).toMatchObject({
      toLevel: 2,
      decision: { decidedByRole: 'Director of Adult Social Services', consequence: 'red', residentReviews: { reviewsDone: 9 } },
    });
  });

  it('the log stays optional: without one the event records decision null', () => {
    given(concernDecider, openConcern())
      .when(escalate(1, null), council)
      .thenMatch([{ type: 'ConcernEscalated', data: { decision: null } }]);
  });

  it('residents’ reviews and the brokerage notice may be still to come', () => {
    given(concernDecider, openConcern())
      .when(escalate(1, { consequence: 'amber', residentReviews: null, brokerageNotice: null }), council)
      .thenMatch([{ type: 'ConcernEscalated', data: { decision: { consequence: 'amber', residentReviews: null, brokerageNotice: null } } }]);
  });

  it('rule red-consequence-needs-suspension-level: no new placements is level 2 or above', () => {
    given(concernDecider, openConcern()).when(escalate(1), council).thenFails('red-consequence-needs-suspension-level');
  });

  it('rule decision-review-after-decision', () => {
    given(concernDecider, openConcern())
      .when(escalate(2, { reviewOn: '2026-02-01' }), council)
      .thenFails('decision-review-after-decision');
  });

  it('rule resident-reviews-within-residents: counts only, and no more reviews than residents', () => {
    given(concernDecider, openConcern())
      .when(escalate(2, { residentReviews: { currentResidents: 5, reviewsDone: 6 } }), council)
      .thenFails('resident-reviews-within-residents');
  });

  it('rule brokerage-notice-after-decision, and not in the future', () => {
    given(concernDecider, openConcern())
      .when(escalate(2, { brokerageNotice: { notifiedOn: '2026-01-31', reference: null } }), council)
      .thenFails('brokerage-notice-after-decision');
    given(concernDecider, openConcern())
      .when(escalate(2, { brokerageNotice: { notifiedOn: '2026-03-02', reference: null } }), council)
      .thenFails('date-not-in-future');
  });

  it('rule decision-log-complete: a log without criteria for lifting, or with a blank role, is refused', () => {
    given(concernDecider, openConcern())
      .when(escalate(2, { liftingCriteria: [] }), council)
      .thenFails('decision-log-complete');
    given(concernDecider, openConcern())
      .when(escalate(2, { decidedByRole: ' ' }), council)
      .thenFails('decision-log-complete');
  });

  it('de-escalations carry no decision log', () => {
    given(concernDecider, [...openConcern(), escalatedV1()])
      .when({ kind: 'DeescalateConcern', concernId, toLevel: 0, reason: 'Resolved', occurredAt: at('2026-02-01') }, council)
      .then([{ type: 'ConcernDeescalated', occurredAt: at('2026-02-01'), data: { concernId, fromLevel: 2, toLevel: 0, reason: 'Resolved' } }]);
  });
});

describe('decision log: placement suspension', () => {
  it('given an open concern, when placements are suspended with a red decision, then the event carries the log', () => {
    given(concernDecider, openConcern())
      .when(suspend(), council)
      .then([{ type: 'PlacementsSuspended', occurredAt: at('2026-02-01'), data: { concernId, reason: 'Risk to residents', decision: DECISION } }]);
  });

  it('amber (cautious admissions) is a suspension too', () => {
    given(concernDecider, openConcern())
      .when(suspend({ consequence: 'amber' }), council)
      .thenMatch([{ data: { decision: { consequence: 'amber' } } }]);
  });

  it('rule suspension-restricts-placements: a suspension with no consequence is refused', () => {
    given(concernDecider, openConcern())
      .when(suspend({ consequence: 'none' }), council)
      .thenFails('suspension-restricts-placements');
  });
});

describe('decision log: older events and corrections', () => {
  it('a version-1 ConcernEscalated reads with decision null', () => {
    expect(upcastEventData('ConcernEscalated', 1, { concernId, fromLevel: 0, toLevel: 2, reason: 'x' })).toEqual({
      concernId,
      fromLevel: 0,
      toLevel: 2,
      reason: 'x',
      decision: null,
    });
    expect(upcastEventData('PlacementsSuspended', 1, { concernId, reason: 'x' })).toEqual({ concernId, reason: 'x', decision: null });
  });

  it('the corrections table lets the decision be corrected, checked in shape', () => {
    expect(CORRECTABLE_FIELDS.ConcernEscalated.decision(DECISION)).toBeNull();
    expect(CORRECTABLE_FIELDS.PlacementsSuspended.decision(null)).toBeNull();
    expect(CORRECTABLE_FIELDS.ConcernEscalated.decision({ ...DECISION, consequence: 'purple' })).toMatch(/consequence must be one of red, amber, none/);
  });

  it('given an upcast escalation, when the council corrects it to add its decision log, the decision’s rules are run again', () => {
    const upcast = { ...escalatedV1(), data: upcastEventData('ConcernEscalated', 1, escalatedV1().data as Record<string, unknown>) } as Recorded;
    const correct = (decision: DecisionLog) => ({
      kind: 'CorrectConcernEntry' as const,
      concernId,
      targetEventId: 'evt-escalated-v1',
      reason: 'Decision log not written down',
      changes: { decision },
      occurredAt: at('2026-02-02'),
    });
    given(concernDecider, [...openConcern(), upcast])
      .when(correct({ ...DECISION, brokerageNotice: null }), council)
      .thenMatch([{ type: 'EntryCorrected' }]);
    given(concernDecider, [...openConcern(), upcast])
      .when(correct({ ...DECISION, reviewOn: '2026-01-19' }), council)
      .thenFails('decision-review-after-decision');
  });
});
