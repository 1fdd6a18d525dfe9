import type { ConcernState } from '../concern/concern.state';
import type { OrganisationState } from '../organisation/organisation.decider';
import { decideComment, decideCorrection, decideRetraction } from '../records/record.rules';
import type { ServiceState } from '../service/service.state';
import { assertDateNotInFuture, assertLocalDate, latestInstant } from '../shared/date-rules';
import type { Decider, DecisionContext, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { compareLocalDates } from '../shared/local-date';
import { assertRecordExists, requireRef } from '../shared/record-rules';
import { concernRefKey, serviceRefKey, type ConcernRefKey, type ServiceRefKey } from '../shared/ref-keys';
import { requireText } from '../shared/text-rules';
import { assertOccurredAt } from '../shared/time-rules';
import type { AwardContract, ContractCommand, EndContract, ExtendContract, IssueDefaultNotice } from './contract.commands';
import { contractLiveOn } from './contract-liveness';
import { evolveContract, initialContractState, type ContractState } from './contract.state';

export type ContractRefs = { provider?: OrganisationState } & { [key: ServiceRefKey]: ServiceState } & {
  [key: ConcernRefKey]: ConcernState;
};

type Context = DecisionContext & { refs: ContractRefs };

export const contractDecider: Decider<ContractState, ContractCommand, ContractRefs> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide(command, state, context) {
    if (command.kind === 'AwardContract') return award(command, context);

    assertRecordExists(state.exists, 'contract', command.contractId);
    assertOccurredAt(command.occurredAt, context.now, state.recordBeganAt);
    const { actor } = context;
    switch (command.kind) {
      case 'ExtendContract':
        return extend(command, state, context);
      case 'EndContract':
        return end(command, state, context);
      case 'IssueDefaultNotice':
        return issueDefaultNotice(command, state, context);
      case 'RecordContractComment': {
        const isCouncil = actor.organisationKind === 'council' && actor.organisationId === state.councilId;
        const isProvider = actor.organisationKind === 'provider' && actor.organisationId === state.providerId;
        if (!isCouncil && !isProvider) {
          throw new WrongPartyError('contract-parties-comment', "Only the contract's council or provider comments on it");
        }
        return decideComment(command, isCouncil ? 'council' : 'provider');
      }
      case 'CorrectContractEntry':
        return decideCorrection(command, state.log, actor);
      case 'RetractContractEntry':
        return decideRetraction(command, state.log, actor);
    }
  },
};

function award(command: AwardContract, { actor, now, refs }: Context): Occurred[] {
  if (actor.organisationKind !== 'council' || actor.organisationId !== command.councilId) {
    throw new WrongPartyError('council-awards-own-contracts', 'A council awards contracts only for itself');
  }
  const provider = requireRef(refs.provider, 'organisation', command.providerId);
  if (provider.kind !== 'provider') {
    throw new DomainRuleError('organisation-must-be-provider', `Organisation ${command.providerId} is not a provider`);
  }
  if (command.serviceIds.length === 0 || new Set(command.serviceIds).size !== command.serviceIds.length) {
    throw new DomainRuleError('contract-covers-services', 'A contract covers at least one service, each listed once');
  }
  const services = command.serviceIds.map((id) => requireRef(refs[serviceRefKey(id)], 'service', id));
  const foreign = services.filter((s) => s.providerId !== command.providerId).map((s) => s.serviceId);
  if (foreign.length > 0) {
    throw new DomainRuleError('service-belongs-to-provider', `Service ${foreign.join(', ')} is not run by provider ${command.providerId}`);
  }
  requireText(command.reference, 'contract-reference-required', 'A contract needs its reference');
  assertLocalDate(command.startsOn, 'startsOn');
  assertLocalDate(command.endsOn, 'endsOn');
  if (compareLocalDates(command.endsOn, command.startsOn) <= 0) {
    throw new DomainRuleError('contract-ends-after-start', `endsOn ${command.endsOn} must be after startsOn ${command.startsOn}`);
  }
  assertOccurredAt(command.occurredAt, now, latestInstant(provider.recordBeganAt, ...services.map((s) => s.recordBeganAt)));
  const { contractId, councilId, providerId, serviceIds, reference, startsOn, endsOn } = command;
  return [
    {
      type: 'ContractAwarded',
      occurredAt: command.occurredAt,
      data: { contractId, councilId, providerId, serviceIds, reference, startsOn, endsOn },
    },
  ];
}

function assertAwardingCouncil(state: ContractState, { actor }: Context): void {
  if (actor.organisationKind !== 'council' || actor.organisationId !== state.councilId) {
    throw new WrongPartyError('awarding-council-only', 'Only the council that awarded the contract may do this');
  }
}

function assertNotEnded(state: ContractState): void {
  if (state.ended) {
    throw new DomainRuleError('contract-ended', `Contract ${state.contractId} ended on ${state.ended.endedOn}`);
  }
}

function extend(command: ExtendContract, state: ContractState, context: Context): Occurred[] {
  assertAwardingCouncil(state, context);
  assertNotEnded(state);
  assertLocalDate(command.endsOn, 'endsOn');
  const previousEndsOn = state.endsOn as string;
  if (compareLocalDates(command.endsOn, previousEndsOn) <= 0) {
    throw new DomainRuleError('extension-must-move-end-later', `endsOn ${command.endsOn} is not later than ${previousEndsOn}`);
  }
  return [
    {
      type: 'ContractExtended',
      occurredAt: command.occurredAt,
      data: { contractId: command.contractId, previousEndsOn, endsOn: command.endsOn, reason: command.reason },
    },
  ];
}

function end(command: EndContract, state: ContractState, context: Context): Occurred[] {
  assertAwardingCouncil(state, context);
  assertNotEnded(state);
  assertDateNotInFuture(command.endedOn, context.now, 'endedOn');
  if (compareLocalDates(command.endedOn, state.startsOn as string) < 0 || compareLocalDates(command.endedOn, state.endsOn as string) > 0) {
    throw new DomainRuleError('contract-end-within-term', `endedOn ${command.endedOn} is outside ${state.startsOn}..${state.endsOn}`);
  }
  if (command.how === 'terminated') {
    requireText(command.reason, 'termination-reason-required', 'A terminated contract needs the reason');
  }
  const { contractId, endedOn, how, reason } = command;
  return [{ type: 'ContractEnded', occurredAt: command.occurredAt, data: { contractId, endedOn, how, reason } }];
}

function issueDefaultNotice(command: IssueDefaultNotice, state: ContractState, context: Context): Occurred[] {
  assertAwardingCouncil(state, context);
  assertDateNotInFuture(command.issuedOn, context.now, 'issuedOn');
  if (!contractLiveOn(state, command.issuedOn)) {
    throw new DomainRuleError('default-notice-on-live-contract', `Contract ${state.contractId} is not live on ${command.issuedOn}`);
  }
  requireText(command.reason, 'default-notice-reason-required', 'A default notice needs its reason');
  if (command.remedyBy !== null) {
    assertLocalDate(command.remedyBy, 'remedyBy');
    if (compareLocalDates(command.remedyBy, command.issuedOn) <= 0) {
      throw new DomainRuleError('remedy-after-notice', `remedyBy ${command.remedyBy} must be after issuedOn ${command.issuedOn}`);
    }
  }
  if (command.concernId !== null) {
    const concern = requireRef(context.refs[concernRefKey(command.concernId)], 'concern', command.concernId);
    if (concern.contractId !== state.contractId) {
      throw new DomainRuleError('default-notice-concern-on-contract', `Concern ${command.concernId} is not about this contract`);
    }
  }
  const { contractId, concernId, issuedOn, reason, remedyBy } = command;
  return [{ type: 'DefaultNoticeIssued', occurredAt: command.occurredAt, data: { contractId, concernId, issuedOn, reason, remedyBy } }];
}
