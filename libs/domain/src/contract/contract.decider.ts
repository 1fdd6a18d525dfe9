import type { ConcernState } from '../concern/concern.state';
import type { OrganisationState } from '../organisation/organisation.decider';
import { decideComment, decideCorrection, decideRetraction } from '../records/record.rules';
import type { ServiceState } from '../service/service.state';
import { assertDateNotInFuture, assertLocalDate, latestInstant } from '../shared/date-rules';
import { assertEvidence } from '../shared/evidence-rules';
import type { Decider, DecisionContext, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { compareLocalDates } from '../shared/local-date';
import { assertRecordExists, requireRef } from '../shared/record-rules';
import { concernRefKey, serviceRefKey, type ConcernRefKey, type ServiceRefKey } from '../shared/ref-keys';
import { requireText } from '../shared/text-rules';
import { assertOccurredAt } from '../shared/time-rules';
import type {
  AwardContract,
  ConfirmContract,
  ContractCommand,
  EndContract,
  ExtendContract,
  IssueDefaultNotice,
  RecordSignedContract,
} from './contract.commands';
import { assertConfirmed, assertDatedWithinTerm, contractLiveOn } from './contract-liveness';
import { evolveContract, initialContractState, type ContractState } from './contract.state';

export type ContractRefs = { provider?: OrganisationState; council?: OrganisationState } & { [key: ServiceRefKey]: ServiceState } & {
  [key: ConcernRefKey]: ConcernState;
};

type Context = DecisionContext & { refs: ContractRefs };

export const contractDecider: Decider<ContractState, ContractCommand, ContractRefs> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide(command, state, context) {
    if (command.kind === 'AwardContract') return award(command, context);
    if (command.kind === 'RecordSignedContract') return recordSigned(command, context);

    assertRecordExists(state.exists, 'contract', command.contractId);
    assertOccurredAt(command.occurredAt, context.now, state.recordBeganAt);
    const { actor } = context;
    switch (command.kind) {
      case 'ConfirmContract':
        return confirm(command, state, context);
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
        assertNotConfirmation(state, command.targetEventId);
        return decideCorrection(command, state.log, actor);
      case 'RetractContractEntry':
        assertNotConfirmation(state, command.targetEventId);
        return decideRetraction(command, state.log, actor);
    }
  },
};

/** A council's award: recorded at once, awaiting the provider's confirmation before it gives any rights. */
function award(command: AwardContract, context: Context): Occurred[] {
  const { actor } = context;
  if (actor.organisationKind !== 'council' || actor.organisationId !== command.councilId) {
    throw new WrongPartyError('council-awards-own-contracts', 'A council awards contracts only for itself');
  }
  return [awarded(command, context)];
}

/** An administrator records an award from the signed contract: the signature is the provider's confirmation. */
function recordSigned(command: RecordSignedContract, context: Context): Occurred[] {
  if (context.actor.organisationKind !== 'admin') {
    throw new WrongPartyError('administrator-records-signed-contracts', 'Only an administrator records a contract from its signed copy');
  }
  const council = requireRef(context.refs.council, 'organisation', command.councilId);
  if (council.kind !== 'council') {
    throw new DomainRuleError('organisation-must-be-council', `Organisation ${command.councilId} is not a council`);
  }
  assertEvidence([command.signedContract]);
  const award = awarded(command, context);
  const { contractId, councilId, providerId, serviceIds } = command;
  return [
    award,
    {
      type: 'ContractConfirmed',
      occurredAt: command.occurredAt,
      data: { contractId, councilId, providerId, serviceIds, confirmedBy: 'administrator', signedContract: command.signedContract },
    },
  ];
}

function awarded(command: AwardContract | RecordSignedContract, { now, refs }: Context): Occurred {
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
  return {
    type: 'ContractAwarded',
    occurredAt: command.occurredAt,
    data: { contractId, councilId, providerId, serviceIds, reference, startsOn, endsOn },
  };
}

/**
 * The provider the contract was awarded to confirms it; an administrator may, from the signed contract
 * (so a provider cannot stall a contract it signed). Confirmed once; the award's terms are repeated.
 */
function confirm(command: ConfirmContract, state: ContractState, { actor }: Context): Occurred[] {
  const isProvider = actor.organisationKind === 'provider' && actor.organisationId === state.providerId;
  const isAdministrator = actor.organisationKind === 'admin';
  if (!isProvider && !isAdministrator) {
    throw new WrongPartyError(
      'contract-confirmed-by-provider',
      'Only the provider the contract was awarded to (or an administrator, from the signed contract) confirms it',
    );
  }
  if (state.confirmation) {
    throw new DomainRuleError('contract-already-confirmed', `Contract ${state.contractId} was confirmed at ${state.confirmation.at}`);
  }
  if (isAdministrator && command.signedContract === null) {
    throw new DomainRuleError('signed-contract-required', 'An administrator confirms a contract from its signed copy: name it and give its SHA-256 digest');
  }
  if (command.signedContract !== null) assertEvidence([command.signedContract]);
  const { contractId } = command;
  return [
    {
      type: 'ContractConfirmed',
      occurredAt: command.occurredAt,
      data: {
        contractId,
        councilId: state.councilId as string,
        providerId: state.providerId as string,
        serviceIds: state.serviceIds,
        confirmedBy: isProvider ? 'provider' : 'administrator',
        signedContract: command.signedContract,
      },
    },
  ];
}

/** Rights hang on the confirmation, so it stands as recorded: the council ends a contract instead. */
function assertNotConfirmation(state: ContractState, targetEventId: string): void {
  if (state.log.entries[targetEventId]?.type === 'ContractConfirmed') {
    throw new DomainRuleError('contract-confirmation-stands', 'A contract confirmation cannot be corrected or retracted; the contract can be ended');
  }
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
  assertConfirmed(state);
  assertNotEnded(state);
  // An extension is agreed while the term runs: a lapsed term is not revived by a backdated extension.
  assertDatedWithinTerm(state, command.occurredAt, context.now);
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
  assertConfirmed(state);
  assertDateNotInFuture(command.issuedOn, context.now, 'issuedOn');
  if (!contractLiveOn(state, command.issuedOn)) {
    throw new DomainRuleError('default-notice-on-live-contract', `Contract ${state.contractId} is not live on ${command.issuedOn}`);
  }
  assertDatedWithinTerm(state, command.occurredAt, context.now);
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
