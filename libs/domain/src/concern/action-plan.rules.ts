import { assertQualityTags } from '../reference/quality-tags.rules';
import { assertLocalDate, assertOccurredInOrder } from '../shared/date-rules';
import type { Occurred } from '../shared/decider';
import { DomainRuleError } from '../shared/domain-error';
import { compareLocalDates, toLocalDate } from '../shared/local-date';
import { isBlank } from '../shared/text-rules';
import type { AcceptActionPlan, RequestActionPlan, ReturnActionPlan, SubmitActionPlan } from './action-plan.commands';
import { planInForce, versionUnderReview, type PlanVersion } from './action-plan.state';
import { lastPlanVersion, type ConcernState } from './concern.state';

export function decideRequestPlan(command: RequestActionPlan, state: ConcernState): Occurred[] {
  if (planInForce(state.plan)) {
    throw new DomainRuleError('plan-already-in-force', 'An action plan is already in force for this concern');
  }
  if (!Number.isInteger(command.updateCadenceDays) || command.updateCadenceDays < 1) {
    throw new DomainRuleError('update-cadence-positive', 'The update cadence is a whole number of days, at least 1');
  }
  if (!Number.isInteger(command.graceDays) || command.graceDays < 0) {
    throw new DomainRuleError('grace-days-non-negative', 'Grace days are a whole number, 0 or more');
  }
  assertLocalDate(command.dueOn, 'dueOn');
  if (compareLocalDates(command.dueOn, toLocalDate(command.occurredAt)) < 0) {
    throw new DomainRuleError('plan-due-on-after-request', `dueOn ${command.dueOn} is before the request`);
  }
  const { concernId, dueOn, updateCadenceDays, graceDays } = command;
  return [{ type: 'ActionPlanRequested', occurredAt: command.occurredAt, data: { concernId, dueOn, updateCadenceDays, graceDays } }];
}

export function decideSubmitPlan(command: SubmitActionPlan, state: ConcernState): Occurred[] {
  const { plan } = state;
  if (plan.requested === null) {
    throw new DomainRuleError('plan-must-be-requested', 'No action plan has been requested for this concern');
  }
  if (plan.completedAt !== null) {
    throw new DomainRuleError('plan-already-completed', 'The action plan is complete; a new one needs a new request');
  }
  const pending = versionUnderReview(plan);
  if (pending) {
    throw new DomainRuleError('plan-version-awaiting-review', `Version ${pending.version} is still awaiting the council's review`);
  }
  const expected = lastPlanVersion(state) + 1;
  if (command.version !== expected) {
    throw new DomainRuleError('plan-version-sequence', `The next plan version is ${expected}, not ${command.version}`);
  }
  if (command.actions.length === 0) {
    throw new DomainRuleError('plan-needs-actions', 'An action plan has at least one action');
  }
  const ids = command.actions.map((a) => a.actionId);
  if (new Set(ids).size !== ids.length) {
    throw new DomainRuleError('plan-action-ids-unique', 'Each action of a plan has its own id');
  }
  for (const action of command.actions) {
    if ([action.description, action.owner, action.measure].some(isBlank)) {
      throw new DomainRuleError('plan-action-details-required', `Action ${action.actionId} needs a description, an owner and a measure`);
    }
    assertLocalDate(action.dueOn, `dueOn of action ${action.actionId}`);
    assertQualityTags(action.tags, `tags of action ${action.actionId}`);
  }
  assertOccurredInOrder(command.occurredAt, plan.requested.requestedAt, 'the plan was requested');
  const { concernId, version, summary } = command;
  const actions = command.actions.map((a) => ({ ...a, tags: a.tags ?? [] }));
  return [{ type: 'ActionPlanSubmitted', occurredAt: command.occurredAt, data: { concernId, version, actions, summary } }];
}

function underReview(state: ConcernState, version: number): PlanVersion {
  const pending = versionUnderReview(state.plan);
  if (!pending || pending.version !== version) {
    const which = pending ? `version ${pending.version} is` : 'no version is';
    throw new DomainRuleError('plan-version-under-review', `Version ${version} is not under review (${which})`);
  }
  return pending;
}

export function decideReturnPlan(command: ReturnActionPlan, state: ConcernState): Occurred[] {
  const version = underReview(state, command.version);
  const reasons = (command.reasons ?? []).filter((r) => !isBlank(r));
  if (reasons.length === 0) {
    throw new DomainRuleError('return-reasons-required', 'Returning a plan gives the provider at least one reason');
  }
  assertOccurredInOrder(command.occurredAt, version.submittedAt, 'the version was submitted');
  return [{ type: 'ActionPlanReturned', occurredAt: command.occurredAt, data: { concernId: command.concernId, version: command.version, reasons } }];
}

/** Accepting supersedes earlier versions; if every action it lists is already verified, the plan is complete too. */
export function decideAcceptPlan(command: AcceptActionPlan, state: ConcernState): Occurred[] {
  const version = underReview(state, command.version);
  assertOccurredInOrder(command.occurredAt, version.submittedAt, 'the version was submitted');
  const { concernId } = command;
  const accepted: Occurred[] = [{ type: 'ActionPlanAccepted', occurredAt: command.occurredAt, data: { concernId, version: version.version } }];
  const allVerified = version.actions.every((a) => state.plan.actions[a.actionId]?.status === 'verified');
  return allVerified ? [...accepted, { type: 'ActionPlanCompleted', occurredAt: command.occurredAt, data: { concernId, version: version.version } }] : accepted;
}
