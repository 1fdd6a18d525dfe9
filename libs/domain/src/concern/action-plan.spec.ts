import type { PlannedAction } from '../events/action-plan.events';
import {
  PLANNED,
  acceptedPlan,
  claimed,
  closed,
  openConcern,
  planAccepted,
  planCompleted,
  planRequested,
  planReturned,
  planSubmitted,
  reopened,
  verified,
} from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, contractAwarded } from '../testing/fixtures';
import type { RequestActionPlan, SubmitActionPlan } from './action-plan.commands';
import { planInForce } from './action-plan.state';
import { concernDecider } from './concern.decider';

const concernId = IDS.concern;
const council = { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } };
const provider = { actor: ACTORS.provider, now: NOW, refs: { contract: contractAwarded() } };

const request = (change: Partial<RequestActionPlan> = {}): RequestActionPlan => ({
  kind: 'RequestActionPlan',
  concernId,
  dueOn: '2026-01-22',
  updateCadenceDays: 7,
  graceDays: 2,
  occurredAt: at('2026-01-08', '11:00'),
  ...change,
});
const submit = (change: Partial<SubmitActionPlan> = {}): SubmitActionPlan => ({
  kind: 'SubmitActionPlan',
  concernId,
  version: 1,
  actions: PLANNED,
  summary: 'Plan v1',
  occurredAt: at('2026-01-15'),
  ...change,
});
const accept = (version = 1) => ({ kind: 'AcceptActionPlan' as const, concernId, version, occurredAt: at('2026-01-20') });
const giveBack = (version = 1, reasons = ['Measures too vague']) => ({
  kind: 'ReturnActionPlan' as const,
  concernId,
  version,
  reasons,
  occurredAt: at('2026-01-17'),
});

describe('action plan: request', () => {
  it('the council requests a plan with a due date and an update cadence', () => {
    given(concernDecider, openConcern())
      .when(request(), council)
      .then([
        { type: 'ActionPlanRequested', occurredAt: at('2026-01-08', '11:00'), data: { concernId, dueOn: '2026-01-22', updateCadenceDays: 7, graceDays: 2 } },
      ]);
  });

  it('rule plan-already-in-force', () => {
    given(concernDecider, acceptedPlan())
      .when(request({ occurredAt: at('2026-02-01') }), council)
      .thenFails('plan-already-in-force');
  });

  it('a new plan may be requested once the last one is complete', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1'), verified('A1'), claimed('A2'), verified('A2'), planCompleted()])
      .when(request({ occurredAt: at('2026-02-20'), dueOn: '2026-03-01' }), council)
      .thenMatch([{ type: 'ActionPlanRequested' }]);
  });

  it('a new plan may be requested after the concern is reopened, and the old plan is kept', () => {
    const history = [...acceptedPlan(), closed(), reopened()];
    expect(planInForce(given(concernDecider, history).state.plan)).toBe(false);
    given(concernDecider, history)
      .when(request({ occurredAt: at('2026-02-26'), dueOn: '2026-03-05' }), council)
      .thenMatch([{ type: 'ActionPlanRequested' }]);
    const state = given(concernDecider, [...history, planRequested(at('2026-02-26'))]).state;
    expect(state.earlierPlans).toHaveLength(1);
    expect(state.earlierPlans[0].acceptedVersion).toBe(1);
    expect(state.plan).toMatchObject({ acceptedVersion: null, versions: [], requested: { requestedAt: at('2026-02-26') } });
  });

  it('rule update-cadence-positive', () => {
    given(concernDecider, openConcern())
      .when(request({ updateCadenceDays: 0 }), council)
      .thenFails('update-cadence-positive');
  });

  it('rule grace-days-non-negative', () => {
    given(concernDecider, openConcern())
      .when(request({ graceDays: -1 }), council)
      .thenFails('grace-days-non-negative');
  });

  it('rule plan-due-on-after-request', () => {
    given(concernDecider, openConcern())
      .when(request({ dueOn: '2026-01-07' }), council)
      .thenFails('plan-due-on-after-request');
  });

  it('rule contract-council-only: a provider does not request its own plan', () => {
    given(concernDecider, openConcern()).when(request(), provider).thenForbidden('contract-council-only');
  });
});

describe('action plan: submission', () => {
  const requested = () => [...openConcern(), planRequested()];

  it('the provider submits version 1', () => {
    given(concernDecider, requested())
      .when(submit(), provider)
      .then([
        {
          type: 'ActionPlanSubmitted',
          occurredAt: at('2026-01-15'),
          data: { concernId, version: 1, actions: PLANNED.map((a) => ({ ...a, tags: [] })), summary: 'Plan v1' },
        },
      ]);
  });

  it('rule plan-must-be-requested', () => {
    given(concernDecider, openConcern()).when(submit(), provider).thenFails('plan-must-be-requested');
  });

  it('rule plan-version-awaiting-review', () => {
    given(concernDecider, [...requested(), planSubmitted()])
      .when(submit({ version: 2 }), provider)
      .thenFails('plan-version-awaiting-review');
  });

  it('rule plan-version-sequence: the first version is 1', () => {
    given(concernDecider, requested())
      .when(submit({ version: 2 }), provider)
      .thenFails('plan-version-sequence');
  });

  it('after a return the next version is 2', () => {
    given(concernDecider, [...requested(), planSubmitted(), planReturned()])
      .when(submit({ version: 2, occurredAt: at('2026-01-18') }), provider)
      .thenMatch([{ data: { version: 2 } }]);
    given(concernDecider, [...requested(), planSubmitted(), planReturned()])
      .when(submit({ version: 1, occurredAt: at('2026-01-18') }), provider)
      .thenFails('plan-version-sequence');
  });

  it('version numbers run on across plan requests', () => {
    const history = [...acceptedPlan(), closed(), reopened(), planRequested(at('2026-02-26'))];
    given(concernDecider, history)
      .when(submit({ version: 2, occurredAt: at('2026-02-27') }), provider)
      .thenMatch([{ data: { version: 2 } }]);
  });

  it('a revised plan may be submitted while an accepted one runs', () => {
    given(concernDecider, acceptedPlan())
      .when(submit({ version: 2, occurredAt: at('2026-02-01') }), provider)
      .thenMatch([{ type: 'ActionPlanSubmitted' }]);
  });

  it('rule plan-needs-actions', () => {
    given(concernDecider, requested())
      .when(submit({ actions: [] }), provider)
      .thenFails('plan-needs-actions');
  });

  it('rule plan-action-ids-unique', () => {
    given(concernDecider, requested())
      .when(submit({ actions: [PLANNED[0], { ...PLANNED[1], actionId: 'A1' }] }), provider)
      .thenFails('plan-action-ids-unique');
  });

  it('rule plan-action-details-required', () => {
    const vague: PlannedAction = { ...PLANNED[0], measure: '' };
    given(concernDecider, requested())
      .when(submit({ actions: [vague] }), provider)
      .thenFails('plan-action-details-required');
  });

  it('rule date-valid: an action due on no real date', () => {
    given(concernDecider, requested())
      .when(submit({ actions: [{ ...PLANNED[0], dueOn: '2026-02-31' }] }), provider)
      .thenFails('date-valid');
  });

  it('rule occurred-at-in-order: not submitted before it was requested', () => {
    given(concernDecider, requested())
      .when(submit({ occurredAt: at('2026-01-08', '10:30') }), provider)
      .thenFails('occurred-at-in-order');
  });

  it('rule plan-already-completed', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1'), verified('A1'), claimed('A2'), verified('A2'), planCompleted()])
      .when(submit({ version: 2, occurredAt: at('2026-02-20') }), provider)
      .thenFails('plan-already-completed');
  });

  it('rule concern-provider-only: the council does not submit the plan', () => {
    given(concernDecider, requested()).when(submit(), council).thenForbidden('concern-provider-only');
  });
});

describe('action plan: review', () => {
  const submitted = () => [...openConcern(), planRequested(), planSubmitted()];

  it('the council returns the version under review with reasons', () => {
    given(concernDecider, submitted())
      .when(giveBack(1, ['Measures too vague', '  ']), council)
      .then([{ type: 'ActionPlanReturned', occurredAt: at('2026-01-17'), data: { concernId, version: 1, reasons: ['Measures too vague'] } }]);
  });

  it('rule return-reasons-required', () => {
    given(concernDecider, submitted())
      .when(giveBack(1, [' ']), council)
      .thenFails('return-reasons-required');
  });

  it('rule plan-version-under-review: returning another version', () => {
    given(concernDecider, submitted()).when(giveBack(2), council).thenFails('plan-version-under-review');
  });

  it('the council accepts the version under review', () => {
    given(concernDecider, submitted())
      .when(accept(), council)
      .then([{ type: 'ActionPlanAccepted', occurredAt: at('2026-01-20'), data: { concernId, version: 1 } }]);
  });

  it('rule plan-version-under-review: accepting a returned version', () => {
    given(concernDecider, [...submitted(), planReturned()])
      .when(accept(), council)
      .thenFails('plan-version-under-review');
  });

  it('rule contract-council-only: the provider does not accept its own plan', () => {
    given(concernDecider, submitted()).when(accept(), provider).thenForbidden('contract-council-only');
  });

  it('accepting makes the actions live, each with its original due date', () => {
    const { plan } = given(concernDecider, acceptedPlan()).state;
    expect(plan.acceptedVersion).toBe(1);
    expect(plan.schedule).toEqual({ acceptedOn: '2026-01-20', cadenceDays: 7, graceDays: 2 });
    expect(plan.versions[0]).toMatchObject({ version: 1, status: 'accepted', submittedAt: at('2026-01-15'), decidedAt: at('2026-01-20') });
    expect(plan.actions.A1).toMatchObject({ status: 'open', dueOn: '2026-02-15', originalDueOn: '2026-02-15', revisions: [], inAcceptedPlan: true });
  });

  it('accepting a version whose actions are all verified already completes the plan too', () => {
    const history = [...acceptedPlan(), claimed('A1'), verified('A1'), planSubmitted(2, [PLANNED[0]], at('2026-02-15'))];
    given(concernDecider, history)
      .when({ ...accept(2), occurredAt: at('2026-02-16') }, council)
      .then([
        { type: 'ActionPlanAccepted', occurredAt: at('2026-02-16'), data: { concernId, version: 2 } },
        { type: 'ActionPlanCompleted', occurredAt: at('2026-02-16'), data: { concernId, version: 2 } },
      ]);
  });

  it('accepting a later version supersedes earlier ones and carries progress over', () => {
    const v2: PlannedAction[] = [
      { ...PLANNED[0], dueOn: '2026-02-20' },
      { ...PLANNED[1], actionId: 'A3' },
    ];
    const history = [...acceptedPlan(), claimed('A1', at('2026-01-25')), planSubmitted(2, v2, at('2026-01-27')), planAccepted(2, at('2026-01-28'))];
    const { plan } = given(concernDecider, history).state;
    expect(plan.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'accepted'],
    ]);
    expect(plan.acceptedVersion).toBe(2);
    expect(plan.schedule?.acceptedOn).toBe('2026-01-20'); // the cadence keeps running from the first acceptance
    expect(plan.actions.A1).toMatchObject({
      status: 'completion_claimed',
      dueOn: '2026-02-20',
      originalDueOn: '2026-02-15',
      revisions: [{ from: '2026-02-15', to: '2026-02-20', basis: 'agreed', viaVersion: 2 }],
    });
    expect(plan.actions.A2.inAcceptedPlan).toBe(false);
    expect(plan.actions.A3).toMatchObject({ status: 'open', inAcceptedPlan: true });
  });
});
