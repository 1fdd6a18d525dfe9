import { contractRef } from '../contract/contract.ref';
import type { ContractState } from '../contract/contract.state';
import type { OrganisationState } from '../organisation/organisation.decider';
import { organisationRef } from '../organisation/organisation.ref';
import type { CommandSpec, RefRequest } from '../shared/command-spec';
import { contractRefKey, type ContractRefKey } from '../shared/ref-keys';
import { serviceStream } from '../shared/stream-names';
import type {
  AppointManager,
  CorrectServiceEntry,
  NotifyManagerAbsence,
  PublishRating,
  RecordEnforcementAction,
  RecordManagerLeft,
  RecordManagerRegistered,
  RecordManagerReturn,
  RecordServiceComment,
  RecordServiceVisit,
  RecordServiceIdentifiers,
  RegisterService,
  RetractServiceEntry,
  ServiceCommand,
} from './service.commands';
import { serviceDecider, type ServiceRefs } from './service.decider';
import type { ServiceState } from './service.state';

type NamedContractRefs = { [key: ContractRefKey]: ContractState };

function serviceSpec<C extends ServiceCommand, R extends ServiceRefs & Record<string, unknown> = Record<string, never>>(
  kind: C['kind'],
  target: 'new' | 'existing',
  refs?: (command: C, state: ServiceState) => { [P in keyof R]: RefRequest<R[P]> },
): CommandSpec<C, ServiceState, R> {
  return {
    kind,
    recordType: 'service',
    recordId: (c) => c.serviceId,
    stream: (c) => serviceStream(c.serviceId),
    target,
    decider: serviceDecider,
    ...(refs ? { refs } : {}),
  };
}

/** A council names the contract it acts under; nobody else loads one. */
const namedContract = (c: RecordServiceVisit | RecordServiceComment): { [key: ContractRefKey]: RefRequest<ContractState> } =>
  c.contractId === null ? {} : { [contractRefKey(c.contractId)]: contractRef(c.contractId) };

export const registerServiceSpec = serviceSpec<RegisterService, { provider: OrganisationState }>('RegisterService', 'new', (c) => ({
  provider: organisationRef(c.providerId),
}));
export const recordServiceIdentifiersSpec = serviceSpec<RecordServiceIdentifiers>('RecordServiceIdentifiers', 'existing');
export const appointManagerSpec = serviceSpec<AppointManager>('AppointManager', 'existing');
export const recordManagerLeftSpec = serviceSpec<RecordManagerLeft>('RecordManagerLeft', 'existing');
export const recordManagerRegisteredSpec = serviceSpec<RecordManagerRegistered>('RecordManagerRegistered', 'existing');
export const notifyManagerAbsenceSpec = serviceSpec<NotifyManagerAbsence>('NotifyManagerAbsence', 'existing');
export const recordManagerReturnSpec = serviceSpec<RecordManagerReturn>('RecordManagerReturn', 'existing');
export const publishRatingSpec = serviceSpec<PublishRating>('PublishRating', 'existing');
export const recordEnforcementActionSpec = serviceSpec<RecordEnforcementAction>('RecordEnforcementAction', 'existing');
export const recordServiceVisitSpec = serviceSpec<RecordServiceVisit, NamedContractRefs>('RecordServiceVisit', 'existing', namedContract);
export const recordServiceCommentSpec = serviceSpec<RecordServiceComment, NamedContractRefs>('RecordServiceComment', 'existing', namedContract);
export const correctServiceEntrySpec = serviceSpec<CorrectServiceEntry>('CorrectServiceEntry', 'existing');
export const retractServiceEntrySpec = serviceSpec<RetractServiceEntry>('RetractServiceEntry', 'existing');
