import { ENFORCEMENT_ACTIONS, KEY_QUESTIONS, RATINGS } from '../events/regulator.events';
import { assertDateNotInFuture } from '../shared/date-rules';
import type { DomainActor, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import type { Instant } from '../shared/primitives';
import { requireText } from '../shared/text-rules';
import type { PublishRating, RecordEnforcementAction } from './service.commands';
import type { ServiceState } from './service.state';

export function assertRegulator(actor: DomainActor): void {
  if (actor.organisationKind !== 'regulator') {
    throw new WrongPartyError('regulator-only', 'Only the regulator records ratings, enforcement and inspections');
  }
}

export function decidePublishRating(command: PublishRating, state: ServiceState, now: Instant): Occurred[] {
  if (command.regulator !== state.regulator) {
    throw new DomainRuleError('rating-regulator-matches-service', `${state.name} is regulated by ${state.regulator}, not ${command.regulator}`);
  }
  const given = Object.keys(command.keyQuestions ?? {});
  const missing = KEY_QUESTIONS.filter((q) => !given.includes(q));
  const extra = given.filter((q) => !(KEY_QUESTIONS as readonly string[]).includes(q));
  if (missing.length > 0 || extra.length > 0) {
    throw new DomainRuleError(
      'rating-key-questions-complete',
      `A rating gives every key question (null when not rated): missing ${missing.join(', ') || 'none'}, unknown ${extra.join(', ') || 'none'}`,
    );
  }
  const ratings = [command.overall, ...Object.values(command.keyQuestions).filter((r) => r !== null)];
  if (ratings.some((r) => !(RATINGS as readonly string[]).includes(r as string))) {
    throw new DomainRuleError('rating-values-known', `Ratings are one of ${RATINGS.join(', ')}`);
  }
  assertDateNotInFuture(command.publishedOn, now, 'publishedOn');
  const { serviceId, regulator, overall, keyQuestions, publishedOn, reportReference } = command;
  return [
    {
      type: 'RatingPublished',
      occurredAt: command.occurredAt,
      data: { serviceId, regulator, overall, keyQuestions, publishedOn, reportReference },
    },
  ];
}

export function decideEnforcement(command: RecordEnforcementAction, now: Instant): Occurred[] {
  if (!(ENFORCEMENT_ACTIONS as readonly string[]).includes(command.action)) {
    throw new DomainRuleError('enforcement-action-known', `Enforcement actions are one of ${ENFORCEMENT_ACTIONS.join(', ')}`);
  }
  assertDateNotInFuture(command.decidedOn, now, 'decidedOn');
  requireText(command.summary, 'enforcement-summary-required', 'An enforcement action needs a summary');
  const { serviceId, action, decidedOn, summary } = command;
  return [{ type: 'EnforcementActionRecorded', occurredAt: command.occurredAt, data: { serviceId, action, decidedOn, summary } }];
}
