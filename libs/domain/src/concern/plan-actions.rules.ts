import { isRetracted } from '../records/record-log';
import { assertLocalDate, assertOccurredInOrder } from '../shared/date-rules';
import type { DomainActor, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { compareLocalDates, toLocalDate } from '../shared/local-date';
import { assertEvidence } from '../shared/evidence-rules';
import { requireText } from '../shared/text-rules';
import type { ClaimActionCompletion, RejectActionVerification, ReviseActionDueDate, SubmitPlanUpdate, VerifyAction } from './action-plan.commands';
import { acceptedActionIds, unverifiedActionIds, type ActionPlanState, type PlanAction } from './action-plan.state';
import type { ConcernState } from './concern.state';
import { currentUpdatePeriod, periodEndingOn, type UpdateSchedule } from './update-periods';

/** The accepted plan, still running: what updates, revisions and claims are about. */
function activePlan(state: ConcernState): ActionPlanState & { acceptedVersion: number; schedule: UpdateSchedule } {
  const { plan } = state;
  if (plan.acceptedVersion === null || plan.schedule === null) {
    throw new DomainRuleError('plan-must-be-accepted', 'There is no accepted action plan on this concern yet');
  }
  if (plan.completedAt !== null) {
    throw new DomainRuleError('plan-already-completed', 'The action plan is complete');
  }
  return plan as ActionPlanState & { acceptedVersion: number; schedule: UpdateSchedule };
}

function acceptedAction(plan: ActionPlanState, actionId: string): PlanAction {
  const action = plan.actions[actionId];
  if (!action || !action.inAcceptedPlan) {
    throw new DomainRuleError('action-in-accepted-plan', `Action ${actionId} is not in the accepted plan`);
  }
  return action;
}

export function decidePlanUpdate(command: SubmitPlanUpdate, state: ConcernState): Occurred[] {
  const plan = activePlan(state);
  assertOccurredInOrder(command.occurredAt, plan.firstAcceptedAt, 'the plan was accepted');
  assertLocalDate(command.periodEnding, 'periodEnding');
  const period = periodEndingOn(plan.schedule, command.periodEnding);
  const current = currentUpdatePeriod(plan.schedule, toLocalDate(command.occurredAt));
  if (!period || period.index > current.index) {
    throw new DomainRuleError(
      'period-ending-on-cadence',
      `periodEnding ${command.periodEnding} is not the end of an update period so far (every ${plan.schedule.cadenceDays} days from ${plan.schedule.acceptedOn}; the current period ends ${current.endsOn})`,
    );
  }
  // A retracted update no longer counts, so its period can be reported again.
  const earlier = plan.updates.find((u) => u.periodEnding === command.periodEnding && !isRetracted(state.log, u.eventId));
  if (earlier) {
    throw new DomainRuleError(
      'one-update-per-period',
      `An update for the period ending ${command.periodEnding} is already recorded (entry ${earlier.eventId}); record a correction of it instead`,
    );
  }
  const inPlan = acceptedActionIds(plan);
  const reported = command.actions.map((a) => a.actionId);
  const unknown = reported.filter((id) => !inPlan.includes(id));
  if (unknown.length > 0) {
    throw new DomainRuleError('update-actions-in-accepted-plan', `Actions ${unknown.join(', ')} are not in the accepted plan`);
  }
  if (new Set(reported).size !== reported.length) {
    throw new DomainRuleError('update-action-ids-unique', 'An update reports each action at most once');
  }
  assertEvidence(command.evidence);
  const { concernId, periodEnding, actions, evidence, summary } = command;
  return [
    {
      type: 'PlanUpdateSubmitted',
      occurredAt: command.occurredAt,
      data: { concernId, planVersion: plan.acceptedVersion, periodEnding, actions, evidence, summary },
    },
  ];
}

/** The provider may move a due date alone or by agreement; a council officer only records agreed changes. */
export function decideDueDateRevision(command: ReviseActionDueDate, state: ConcernState, actor: DomainActor): Occurred[] {
  if (actor.organisationKind === 'council' && command.basis !== 'agreed') {
    throw new WrongPartyError('council-records-agreed-revisions-only', 'A council records only due-date changes agreed with the provider');
  }
  const action = acceptedAction(activePlan(state), command.actionId);
  if (action.status === 'verified') {
    throw new DomainRuleError('action-already-verified', `Action ${command.actionId} is verified; its due date stands`);
  }
  assertLocalDate(command.dueOn, 'dueOn');
  if (compareLocalDates(command.dueOn, action.dueOn) === 0) {
    throw new DomainRuleError('due-date-must-change', `Action ${command.actionId} is already due on ${action.dueOn}`);
  }
  requireText(command.reason, 'revision-reason-required', 'A due-date revision needs a reason');
  const { concernId, actionId, dueOn, basis, reason } = command;
  return [
    {
      type: 'ActionDueDateRevised',
      occurredAt: command.occurredAt,
      data: { concernId, actionId, previousDueOn: action.dueOn, dueOn, basis, reason },
    },
  ];
}

export function decideClaim(command: ClaimActionCompletion, state: ConcernState): Occurred[] {
  const action = acceptedAction(activePlan(state), command.actionId);
  if (action.status !== 'open' && action.status !== 'in_progress') {
    throw new DomainRuleError('claim-open-action-only', `Action ${command.actionId} is ${action.status}; only open work can be claimed complete`);
  }
  assertEvidence(command.evidence);
  const { concernId, actionId, note, evidence } = command;
  return [{ type: 'ActionCompletionClaimed', occurredAt: command.occurredAt, data: { concernId, actionId, note, evidence } }];
}

function claimedAction(state: ConcernState, actionId: string, occurredAt: string): PlanAction {
  const action = acceptedAction(activePlan(state), actionId);
  if (action.status !== 'completion_claimed') {
    throw new DomainRuleError('action-must-be-completion-claimed', `Action ${actionId} is ${action.status}, not claimed complete`);
  }
  assertOccurredInOrder(occurredAt, action.claimedAt, 'the completion claim');
  return action;
}

/** Verifying the last unverified action of the accepted plan completes the plan in the same decision. */
export function decideVerify(command: VerifyAction, state: ConcernState): Occurred[] {
  claimedAction(state, command.actionId, command.occurredAt);
  const { concernId, actionId, note } = command;
  const verified: Occurred[] = [{ type: 'ActionVerified', occurredAt: command.occurredAt, data: { concernId, actionId, note } }];
  const remaining = unverifiedActionIds(state.plan).filter((id) => id !== actionId);
  if (remaining.length > 0) return verified;
  const version = state.plan.acceptedVersion as number;
  return [...verified, { type: 'ActionPlanCompleted', occurredAt: command.occurredAt, data: { concernId, version } }];
}

export function decideRejectVerification(command: RejectActionVerification, state: ConcernState): Occurred[] {
  claimedAction(state, command.actionId, command.occurredAt);
  requireText(command.reason, 'rejection-reason-required', 'Sending an action back needs a reason');
  const { concernId, actionId, reason } = command;
  return [{ type: 'ActionVerificationRejected', occurredAt: command.occurredAt, data: { concernId, actionId, reason } }];
}
