import type { ContractState } from '../contract/contract.state';
import { assertCommissioningCouncil } from '../contract/contract-liveness';
import type { OrganisationState } from '../organisation/organisation.decider';
import { decideComment, decideCorrection, decideRetraction } from '../records/record.rules';
import type { Decider, DecisionContext, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import type { Party } from '../shared/primitives';
import { assertRecordExists, requireRef } from '../shared/record-rules';
import { contractRefKey, type ContractRefKey } from '../shared/ref-keys';
import { assertIdentifier, locationIdProblem, normaliseOdsCode, odsCodeProblem } from '../reference/identifiers';
import { requireText } from '../shared/text-rules';
import { assertOccurredAt } from '../shared/time-rules';
import { assertVisitParty, decideVisit } from '../visits/visit.rules';
import type { RecordServiceComment, RecordServiceIdentifiers, RecordServiceVisit, RegisterService, ServiceCommand } from './service.commands';
import { decideManagerCommand } from './service-manager.rules';
import { assertRegulator, decideEnforcement, decidePublishRating } from './service-regulator.rules';
import { evolveService, initialServiceState, type ServiceState } from './service.state';

/** A council acting on a service names its contract; the contract is loaded under `contract:<id>`. */
export type ServiceRefs = { provider?: OrganisationState } & { [key: ContractRefKey]: ContractState };

type Context = DecisionContext & { refs: ServiceRefs };

export const serviceDecider: Decider<ServiceState, ServiceCommand, ServiceRefs> = {
  initialState: initialServiceState,
  evolve: evolveService,
  decide(command, state, context) {
    if (command.kind === 'RegisterService') return register(command, context);

    assertRecordExists(state.exists, 'service', command.serviceId);
    assertOccurredAt(command.occurredAt, context.now, state.recordBeganAt);
    const { actor, now } = context;
    switch (command.kind) {
      case 'RecordServiceIdentifiers':
        return recordIdentifiers(command, state, context);
      case 'AppointManager':
      case 'RecordManagerLeft':
      case 'RecordManagerRegistered':
      case 'NotifyManagerAbsence':
      case 'RecordManagerReturn':
        assertServiceProvider(state, context);
        return decideManagerCommand(command, state, now);
      case 'PublishRating':
        assertRegulator(actor);
        return decidePublishRating(command, state, now);
      case 'RecordEnforcementAction':
        assertRegulator(actor);
        return decideEnforcement(command, now);
      case 'RecordServiceVisit':
        assertServiceParty(assertVisitParty(actor, command.visitType), command, state, context);
        return decideVisit(command, command.serviceId, null, now);
      case 'RecordServiceComment': {
        if (actor.organisationKind === 'admin') {
          throw new WrongPartyError('comment-party', 'Comments speak for a council, a provider or a regulator');
        }
        assertServiceParty(actor.organisationKind, command, state, context);
        return decideComment(command, actor.organisationKind);
      }
      case 'CorrectServiceEntry':
        return decideCorrection(command, state.log, actor);
      case 'RetractServiceEntry':
        return decideRetraction(command, state.log, actor);
    }
  },
};

function register(command: RegisterService, { actor, now, refs }: Context): Occurred[] {
  const isTheProvider = actor.organisationKind === 'provider' && actor.organisationId === command.providerId;
  if (!isTheProvider && actor.organisationKind !== 'admin') {
    throw new WrongPartyError('provider-registers-own-services', 'A provider registers only its own services (or an administrator does)');
  }
  const provider = requireRef(refs.provider, 'organisation', command.providerId);
  if (provider.kind !== 'provider') {
    throw new DomainRuleError('organisation-must-be-provider', `Organisation ${command.providerId} is not a provider`);
  }
  requireText(command.name, 'service-name-required', 'A service needs a name');
  assertOccurredAt(command.occurredAt, now, provider.recordBeganAt);
  const { serviceId, providerId, name, serviceType, regulator, locationId } = command;
  if (locationId !== null) assertIdentifier('locationId', locationIdProblem(regulator, locationId));
  const odsCode = command.odsCode === undefined || command.odsCode === null ? null : normaliseOdsCode(command.odsCode);
  if (odsCode !== null) assertIdentifier('odsCode', odsCodeProblem(odsCode));
  return [
    {
      type: 'ServiceRegistered',
      occurredAt: command.occurredAt,
      data: { serviceId, providerId, name, serviceType, regulator, locationId, odsCode },
    },
  ];
}

function recordIdentifiers(command: RecordServiceIdentifiers, state: ServiceState, context: Context): Occurred[] {
  if (context.actor.organisationKind !== 'admin') assertServiceProvider(state, context);
  const locationId = command.locationId;
  if (locationId !== null) assertIdentifier('locationId', locationIdProblem(state.regulator ?? 'CQC', locationId));
  const odsCode = command.odsCode === null ? null : normaliseOdsCode(command.odsCode);
  if (odsCode !== null) assertIdentifier('odsCode', odsCodeProblem(odsCode));
  if (locationId === state.locationId && odsCode === state.odsCode) {
    throw new DomainRuleError('identifiers-must-change', 'The service already has these identifiers');
  }
  const reason = requireText(command.reason, 'identifiers-reason-required', 'Say why the identifiers are recorded').trim();
  return [
    {
      type: 'ServiceIdentifiersRecorded',
      occurredAt: command.occurredAt,
      data: { serviceId: command.serviceId, locationId, odsCode, previousLocationId: state.locationId, previousOdsCode: state.odsCode, reason },
    },
  ];
}

function assertServiceProvider(state: ServiceState, { actor }: Context): void {
  if (actor.organisationKind !== 'provider' || actor.organisationId !== state.providerId) {
    throw new WrongPartyError('service-provider-only', "Only the service's provider may do this");
  }
}

/**
 * Who speaks on a service's record: its provider, any regulator, and a council only under a live
 * contract of its own covering the service (named in the command), so councils without one stay out.
 */
function assertServiceParty(party: Party, command: RecordServiceVisit | RecordServiceComment, state: ServiceState, context: Context): void {
  if (party === 'provider') return assertServiceProvider(state, context);
  if (party === 'council') {
    if (command.contractId === null) {
      throw new WrongPartyError('council-needs-live-contract', 'A council acts on a service under its contract: name the contract');
    }
    const contract = requireRef(context.refs[contractRefKey(command.contractId)], 'contract', command.contractId);
    assertCommissioningCouncil(context.actor, contract, command.serviceId, command.occurredAt, context.now);
  }
}
