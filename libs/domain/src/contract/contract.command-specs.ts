import { concernRef } from '../concern/concern.ref';
import type { ConcernState } from '../concern/concern.state';
import type { OrganisationState } from '../organisation/organisation.decider';
import { organisationRef } from '../organisation/organisation.ref';
import { serviceRef } from '../service/service.ref';
import type { ServiceState } from '../service/service.state';
import type { CommandSpec, RefRequest } from '../shared/command-spec';
import { concernRefKey, serviceRefKey, type ConcernRefKey, type ServiceRefKey } from '../shared/ref-keys';
import { contractStream } from '../shared/stream-names';
import type {
  AwardContract,
  ConfirmContract,
  ContractCommand,
  CorrectContractEntry,
  EndContract,
  ExtendContract,
  IssueDefaultNotice,
  RecordContractComment,
  RecordSignedContract,
  RetractContractEntry,
} from './contract.commands';
import { contractDecider, type ContractRefs } from './contract.decider';
import type { ContractState } from './contract.state';

function contractSpec<C extends ContractCommand, R extends ContractRefs & Record<string, unknown> = Record<string, never>>(
  kind: C['kind'],
  target: 'new' | 'existing',
  refs?: (command: C, state: ContractState) => { [P in keyof R]: RefRequest<R[P]> },
): CommandSpec<C, ContractState, R> {
  return {
    kind,
    recordType: 'contract',
    recordId: (c) => c.contractId,
    stream: (c) => contractStream(c.contractId),
    target,
    decider: contractDecider,
    ...(refs ? { refs } : {}),
  };
}

/** The provider, and each listed service under `service:<id>`. */
type AwardRefs = { provider: OrganisationState } & { [key: ServiceRefKey]: ServiceState };

export const awardContractSpec = contractSpec<AwardContract, AwardRefs>('AwardContract', 'new', (c) => ({
  provider: organisationRef(c.providerId),
  ...Object.fromEntries(c.serviceIds.map((id) => [serviceRefKey(id), serviceRef(id)])),
}));
/** The council named on the signed contract, the provider, and each listed service under `service:<id>`. */
export const recordSignedContractSpec = contractSpec<RecordSignedContract, AwardRefs & { council: OrganisationState }>('RecordSignedContract', 'new', (c) => ({
  council: organisationRef(c.councilId),
  provider: organisationRef(c.providerId),
  ...Object.fromEntries(c.serviceIds.map((id) => [serviceRefKey(id), serviceRef(id)])),
}));
export const confirmContractSpec = contractSpec<ConfirmContract>('ConfirmContract', 'existing');
export const extendContractSpec = contractSpec<ExtendContract>('ExtendContract', 'existing');
export const endContractSpec = contractSpec<EndContract>('EndContract', 'existing');
/** The concern behind the notice, when named, under `concern:<id>`. */
export const issueDefaultNoticeSpec = contractSpec<IssueDefaultNotice, { [key: ConcernRefKey]: ConcernState }>('IssueDefaultNotice', 'existing', (c) =>
  c.concernId === null ? {} : { [concernRefKey(c.concernId)]: concernRef(c.concernId) },
);
export const recordContractCommentSpec = contractSpec<RecordContractComment>('RecordContractComment', 'existing');
export const correctContractEntrySpec = contractSpec<CorrectContractEntry>('CorrectContractEntry', 'existing');
export const retractContractEntrySpec = contractSpec<RetractContractEntry>('RetractContractEntry', 'existing');
