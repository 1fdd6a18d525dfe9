import type { Recorded } from '../shared/decider';
import { acceptedPlan, claimed, planCompleted, updateSubmitted, verified } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { SubmitPlanUpdate } from './action-plan.commands';
import { concernDecider } from './concern.decider';

const concernId = IDS.concern;
const provider = { actor: ACTORS.provider, now: NOW, refs: { contract: contractAwarded() } };
const digest = 'a'.repeat(64);

/** Plan accepted 20 January 2026, weekly: periods end 27 Jan, 3 Feb, 10 Feb, ... and 3 Mar is current on 1 Mar. */
const update = (change: Partial<SubmitPlanUpdate> = {}): SubmitPlanUpdate => ({
  kind: 'SubmitPlanUpdate',
  concernId,
  periodEnding: '2026-02-03',
  actions: [{ actionId: 'A1', status: 'in_progress', note: 'Half the records audited' }],
  evidence: [{ name: 'audit-week-2.pdf', sha256: digest }],
  summary: 'On track',
  occurredAt: at('2026-02-03', '16:00'),
  ...change,
});

describe('plan updates', () => {
  it('the provider submits an update for a period, against the accepted version', () => {
    given(concernDecider, acceptedPlan())
      .when(update(), provider)
      .then([
        {
          type: 'PlanUpdateSubmitted',
          occurredAt: at('2026-02-03', '16:00'),
          data: {
            concernId,
            planVersion: 1,
            periodEnding: '2026-02-03',
            actions: [{ actionId: 'A1', status: 'in_progress', note: 'Half the records audited' }],
            evidence: [{ name: 'audit-week-2.pdf', sha256: digest }],
            summary: 'On track',
          },
        },
      ]);
  });

  it('an update for the current period may come before the period ends', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ periodEnding: '2026-03-03', occurredAt: at('2026-03-01') }), provider)
      .thenMatch([{ type: 'PlanUpdateSubmitted' }]);
  });

  it('a late update for an earlier period is accepted (lateness is measured, not refused)', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ periodEnding: '2026-01-27', occurredAt: at('2026-02-20') }), provider)
      .thenMatch([{ type: 'PlanUpdateSubmitted' }]);
  });

  it('rule plan-must-be-accepted', () => {
    given(concernDecider, acceptedPlan().slice(0, -1)).when(update(), provider).thenFails('plan-must-be-accepted');
  });

  it('rule plan-already-completed', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1'), verified('A1'), claimed('A2'), verified('A2'), planCompleted()])
      .when(update({ periodEnding: '2026-02-17', occurredAt: at('2026-02-17') }), provider)
      .thenFails('plan-already-completed');
  });

  it('rule period-ending-on-cadence: not a period end', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ periodEnding: '2026-02-04' }), provider)
      .thenFails('period-ending-on-cadence');
  });

  it('rule period-ending-on-cadence: not a period beyond the current one', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ periodEnding: '2026-02-10', occurredAt: at('2026-02-03') }), provider)
      .thenFails('period-ending-on-cadence');
  });

  it('rule period-ending-on-cadence: not the acceptance day', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ periodEnding: '2026-01-20' }), provider)
      .thenFails('period-ending-on-cadence');
  });

  it('rule one-update-per-period: a second update for the period is refused, pointing to a correction', () => {
    const first = updateSubmitted('2026-02-03', at('2026-02-03', '15:00'), 'evt-update-1');
    const refusal = () => concernDecider.decide(update(), given(concernDecider, [...acceptedPlan(), first]).state, provider);
    expect(refusal).toThrow(expect.objectContaining({ rule: 'one-update-per-period', message: expect.stringContaining('record a correction') }));
    given(concernDecider, [...acceptedPlan(), first])
      .when(update(), provider)
      .thenFails('one-update-per-period');
  });

  it('a retracted update frees its period for a new one', () => {
    const first = updateSubmitted('2026-02-03', at('2026-02-03', '15:00'), 'evt-update-1');
    const retraction = by(ACTORS.provider, {
      type: 'EntryRetracted',
      occurredAt: at('2026-02-03', '15:30'),
      data: { targetEventId: 'evt-update-1', targetType: 'PlanUpdateSubmitted', reason: 'Wrong concern' },
    });
    given(concernDecider, [...acceptedPlan(), first, retraction])
      .when(update(), provider)
      .thenMatch([{ type: 'PlanUpdateSubmitted' }]);
  });

  it('rule update-actions-in-accepted-plan', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ actions: [{ actionId: 'A9', status: 'open', note: '' }] }), provider)
      .thenFails('update-actions-in-accepted-plan');
  });

  it('rule update-action-ids-unique', () => {
    const a1 = { actionId: 'A1', status: 'open' as const, note: '' };
    given(concernDecider, acceptedPlan())
      .when(update({ actions: [a1, a1] }), provider)
      .thenFails('update-action-ids-unique');
  });

  it('rule evidence-digest-sha256', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ evidence: [{ name: 'x.pdf', sha256: 'not-a-digest' }] }), provider)
      .thenFails('evidence-digest-sha256');
  });

  it('rule occurred-at-in-order: no update before the plan was accepted', () => {
    given(concernDecider, acceptedPlan())
      .when(update({ periodEnding: '2026-01-27', occurredAt: at('2026-01-19') }), provider)
      .thenFails('occurred-at-in-order');
  });

  it('rule concern-provider-only: a council does not submit updates', () => {
    given(concernDecider, acceptedPlan())
      .when(update(), { ...provider, actor: ACTORS.council })
      .thenForbidden('concern-provider-only');
  });

  it('folds updates, and the statuses they report, into the plan', () => {
    const history: Recorded[] = [...acceptedPlan(), updateSubmitted('2026-01-27', at('2026-01-28'), 'evt-u1')];
    const { plan } = given(concernDecider, history).state;
    expect(plan.updates).toEqual([
      {
        eventId: 'evt-u1',
        planVersion: 1,
        periodEnding: '2026-01-27',
        submittedAt: at('2026-01-28'),
        actions: [{ actionId: 'A1', status: 'in_progress', note: 'Half done' }],
        evidence: [],
        summary: 'Going well',
      },
    ]);
    expect(plan.actions.A1.status).toBe('in_progress');
    expect(plan.actions.A2.status).toBe('open');
  });
});
