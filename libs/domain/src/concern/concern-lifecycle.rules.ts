import type { ContractState } from '../contract/contract.state';
import type { ServiceState } from '../service/service.state';
import { assertOccurredInOrder, latestInstant } from '../shared/date-rules';
import type { Occurred } from '../shared/decider';
import { DomainRuleError } from '../shared/domain-error';
import type { Instant } from '../shared/primitives';
import { isBlank, requireText } from '../shared/text-rules';
import { assertOccurredAt } from '../shared/time-rules';
import { unverifiedActionIds } from './action-plan.state';
import type { AcknowledgeConcern, CloseConcern, NotifyConcernToProvider, RaiseConcern, ReopenConcern } from './concern.commands';
import type { ConcernState } from './concern.state';

/** Raising starts the record; it cannot begin before the service or the contract it is about. */
export function decideRaise(command: RaiseConcern, service: ServiceState, contract: ContractState, now: Instant): Occurred[] {
  assertOccurredAt(command.occurredAt, now, latestInstant(service.recordBeganAt, contract.recordBeganAt));
  requireText(command.summary, 'concern-summary-required', 'A concern needs a summary of what was found');
  const { concernId, serviceId, contractId, category, severity, source, summary } = command;
  return [
    {
      type: 'ConcernRaised',
      occurredAt: command.occurredAt,
      data: {
        concernId,
        serviceId,
        providerId: service.providerId as string,
        councilId: contract.councilId as string,
        contractId,
        category,
        severity,
        source,
        summary,
      },
    },
  ];
}

export function decideNotify(command: NotifyConcernToProvider, state: ConcernState): Occurred[] {
  if (state.status !== 'raised') {
    throw new DomainRuleError('notify-raised-concern-only', 'The provider has already been notified of this concern');
  }
  return [{ type: 'ConcernNotifiedToProvider', occurredAt: command.occurredAt, data: { concernId: command.concernId, method: command.method } }];
}

export function decideAcknowledge(command: AcknowledgeConcern, state: ConcernState): Occurred[] {
  if (state.acknowledgedAt !== null) {
    throw new DomainRuleError('acknowledge-once', `The concern was acknowledged at ${state.acknowledgedAt}`);
  }
  if (state.notifiedAt === null) {
    throw new DomainRuleError('acknowledge-after-notification', 'A concern is acknowledged once the provider has been notified of it');
  }
  assertOccurredInOrder(command.occurredAt, state.notifiedAt, 'the notification');
  return [{ type: 'ConcernAcknowledged', occurredAt: command.occurredAt, data: { concernId: command.concernId, note: command.note } }];
}

/** Closing with work unverified is allowed, but the council must say why; the event lists what was left. */
export function decideClose(command: CloseConcern, state: ConcernState): Occurred[] {
  requireText(command.outcome, 'closure-outcome-required', 'Closing a concern records its outcome');
  const unverified = state.plan.completedAt === null ? unverifiedActionIds(state.plan) : [];
  if (unverified.length > 0 && isBlank(command.overrideReason)) {
    throw new DomainRuleError(
      'close-with-unverified-actions-needs-override',
      `Actions ${unverified.join(', ')} are not verified; give an override reason to close anyway`,
    );
  }
  return [
    {
      type: 'ConcernClosed',
      occurredAt: command.occurredAt,
      data: {
        concernId: command.concernId,
        outcome: command.outcome,
        overrideReason: isBlank(command.overrideReason) ? null : command.overrideReason,
        unverifiedActionIds: unverified,
      },
    },
  ];
}

export function decideReopen(command: ReopenConcern, state: ConcernState): Occurred[] {
  if (state.status !== 'closed') {
    throw new DomainRuleError('reopen-closed-concern-only', 'Only a closed concern can be reopened');
  }
  requireText(command.reason, 'reopen-reason-required', 'Reopening a concern needs a reason');
  assertOccurredInOrder(command.occurredAt, state.closedAt, 'the closure');
  return [{ type: 'ConcernReopened', occurredAt: command.occurredAt, data: { concernId: command.concernId, reason: command.reason } }];
}
