import { acceptedPlan, claimed, verified } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { ReviseActionDueDate } from './action-plan.commands';
import { concernDecider } from './concern.decider';

const concernId = IDS.concern;
const council = { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } };
const provider = { actor: ACTORS.provider, now: NOW, refs: { contract: contractAwarded() } };

const revise = (change: Partial<ReviseActionDueDate> = {}): ReviseActionDueDate => ({
  kind: 'ReviseActionDueDate',
  concernId,
  actionId: 'A1',
  dueOn: '2026-02-28',
  basis: 'unilateral',
  reason: 'Auditor off sick',
  occurredAt: at('2026-02-10'),
  ...change,
});
const claim = (actionId = 'A1') => ({
  kind: 'ClaimActionCompletion' as const,
  concernId,
  actionId,
  note: 'All records audited',
  evidence: [],
  occurredAt: at('2026-02-12'),
});
const verify = (actionId = 'A1') => ({ kind: 'VerifyAction' as const, concernId, actionId, note: 'Sampled 10 records', occurredAt: at('2026-02-14') });
const reject = (reason = 'Three records still missing') => ({
  kind: 'RejectActionVerification' as const,
  concernId,
  actionId: 'A1',
  reason,
  occurredAt: at('2026-02-14'),
});

describe('action due-date revisions', () => {
  it('the provider may move a due date on its own', () => {
    given(concernDecider, acceptedPlan())
      .when(revise(), provider)
      .then([
        {
          type: 'ActionDueDateRevised',
          occurredAt: at('2026-02-10'),
          data: { concernId, actionId: 'A1', previousDueOn: '2026-02-15', dueOn: '2026-02-28', basis: 'unilateral', reason: 'Auditor off sick' },
        },
      ]);
  });

  it('the council records an agreed revision', () => {
    given(concernDecider, acceptedPlan())
      .when(revise({ basis: 'agreed' }), council)
      .thenMatch([{ data: { basis: 'agreed' } }]);
  });

  it('rule council-records-agreed-revisions-only', () => {
    given(concernDecider, acceptedPlan())
      .when(revise({ basis: 'unilateral' }), council)
      .thenForbidden('council-records-agreed-revisions-only');
  });

  it('rule concern-provider-only: a regulator does not revise due dates', () => {
    given(concernDecider, acceptedPlan())
      .when(revise(), { ...provider, actor: ACTORS.regulator })
      .thenForbidden('concern-provider-only');
  });

  it('rule action-in-accepted-plan', () => {
    given(concernDecider, acceptedPlan())
      .when(revise({ actionId: 'A9' }), provider)
      .thenFails('action-in-accepted-plan');
  });

  it('rule due-date-must-change', () => {
    given(concernDecider, acceptedPlan())
      .when(revise({ dueOn: '2026-02-15' }), provider)
      .thenFails('due-date-must-change');
  });

  it('rule revision-reason-required', () => {
    given(concernDecider, acceptedPlan())
      .when(revise({ reason: '' }), provider)
      .thenFails('revision-reason-required');
  });

  it('rule action-already-verified', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1'), verified('A1')])
      .when(revise({ occurredAt: at('2026-02-15') }), provider)
      .thenFails('action-already-verified');
  });

  it('rule plan-must-be-accepted', () => {
    given(concernDecider, acceptedPlan().slice(0, -1)).when(revise(), provider).thenFails('plan-must-be-accepted');
  });

  it('keeps every revision and the original due date', () => {
    const first = by(ACTORS.provider, {
      type: 'ActionDueDateRevised',
      occurredAt: at('2026-02-10'),
      data: { concernId, actionId: 'A1', previousDueOn: '2026-02-15', dueOn: '2026-02-28', basis: 'unilateral', reason: 'Sick' },
    });
    const second = by(ACTORS.council, {
      type: 'ActionDueDateRevised',
      occurredAt: at('2026-02-20'),
      data: { concernId, actionId: 'A1', previousDueOn: '2026-02-28', dueOn: '2026-03-07', basis: 'agreed', reason: 'Agreed at review' },
    });
    const { A1 } = given(concernDecider, [...acceptedPlan(), first, second]).state.plan.actions;
    expect(A1).toMatchObject({ dueOn: '2026-03-07', originalDueOn: '2026-02-15' });
    expect(A1.revisions).toEqual([
      { from: '2026-02-15', to: '2026-02-28', basis: 'unilateral', reason: 'Sick', at: at('2026-02-10'), viaVersion: null },
      { from: '2026-02-28', to: '2026-03-07', basis: 'agreed', reason: 'Agreed at review', at: at('2026-02-20'), viaVersion: null },
    ]);
  });
});

describe('action completion and verification', () => {
  it('the provider claims an open action complete', () => {
    given(concernDecider, acceptedPlan())
      .when(claim(), provider)
      .then([
        { type: 'ActionCompletionClaimed', occurredAt: at('2026-02-12'), data: { concernId, actionId: 'A1', note: 'All records audited', evidence: [] } },
      ]);
  });

  it('rule claim-open-action-only', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1')])
      .when(claim(), provider)
      .thenFails('claim-open-action-only');
  });

  it('rule concern-provider-only: the council does not claim completion', () => {
    given(concernDecider, acceptedPlan()).when(claim(), council).thenForbidden('concern-provider-only');
  });

  it('the council verifies a claimed action', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1')])
      .when(verify(), council)
      .then([{ type: 'ActionVerified', occurredAt: at('2026-02-14'), data: { concernId, actionId: 'A1', note: 'Sampled 10 records' } }]);
  });

  it('verifying the last unverified action completes the plan in the same decision', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1'), verified('A1'), claimed('A2', at('2026-02-20'))])
      .when({ ...verify('A2'), occurredAt: at('2026-02-21') }, council)
      .then([
        { type: 'ActionVerified', occurredAt: at('2026-02-21'), data: { concernId, actionId: 'A2', note: 'Sampled 10 records' } },
        { type: 'ActionPlanCompleted', occurredAt: at('2026-02-21'), data: { concernId, version: 1 } },
      ]);
  });

  it('rule action-must-be-completion-claimed: verifying unclaimed work', () => {
    given(concernDecider, acceptedPlan()).when(verify(), council).thenFails('action-must-be-completion-claimed');
  });

  it('rule contract-council-only: the provider does not verify its own work', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1')])
      .when(verify(), provider)
      .thenForbidden('contract-council-only');
  });

  it('rule occurred-at-in-order: not verified before it was claimed', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1', at('2026-02-12'))])
      .when({ ...verify(), occurredAt: at('2026-02-11') }, council)
      .thenFails('occurred-at-in-order');
  });

  it('the council rejects a claim with a reason, sending the action back to in progress', () => {
    const history = [...acceptedPlan(), claimed('A1')];
    given(concernDecider, history)
      .when(reject(), council)
      .then([{ type: 'ActionVerificationRejected', occurredAt: at('2026-02-14'), data: { concernId, actionId: 'A1', reason: 'Three records still missing' } }]);
    const [event] = concernDecider.decide(reject(), given(concernDecider, history).state, council);
    const { A1 } = given(concernDecider, [...history, by(ACTORS.council, event)]).state.plan.actions;
    expect(A1).toMatchObject({ status: 'in_progress', claimedAt: null, rejections: [{ reason: 'Three records still missing', at: at('2026-02-14') }] });
    expect(A1.claims).toHaveLength(1);
  });

  it('rule rejection-reason-required', () => {
    given(concernDecider, [...acceptedPlan(), claimed('A1')])
      .when(reject(' '), council)
      .thenFails('rejection-reason-required');
  });

  it('rule action-must-be-completion-claimed: rejecting unclaimed work', () => {
    given(concernDecider, acceptedPlan()).when(reject(), council).thenFails('action-must-be-completion-claimed');
  });

  it('a completed plan shows as completed with every action verified', () => {
    const [verifiedEvent, completedEvent] = concernDecider.decide(
      { ...verify('A2'), occurredAt: at('2026-02-21') },
      given(concernDecider, [...acceptedPlan(), claimed('A1'), verified('A1'), claimed('A2', at('2026-02-20'))]).state,
      council,
    );
    const { plan } = given(concernDecider, [
      ...acceptedPlan(),
      claimed('A1'),
      verified('A1'),
      claimed('A2', at('2026-02-20')),
      by(ACTORS.council, verifiedEvent),
      by(ACTORS.council, completedEvent),
    ]).state;
    expect(plan.completedAt).toBe(at('2026-02-21'));
    expect(Object.values(plan.actions).map((a) => a.status)).toEqual(['verified', 'verified']);
  });
});
