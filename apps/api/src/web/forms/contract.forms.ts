import type { ContractState } from '@caretrail/domain';
import { ConfirmContractDto } from '../../resources/contracts/contracts.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { text } from './form-values';
import type { FormScope, WebForm } from './web-form';

/** A contract as its confirmation form shows it: the award, and the names of the council and services. */
export interface ContractRecord {
  id: string;
  state: ContractState;
  councilName: string;
  serviceNames: string[];
}

/**
 * The provider confirms a contract awarded to it: until then the award gives the council no rights
 * (docs/contracts.md). The signed copy is optional: its name and SHA-256 digest, never the document.
 */
export const confirmContractForm: WebForm<ContractRecord, ConfirmContractDto> = {
  slug: 'confirm',
  view: 'forms/confirm-contract.njk',
  title: (scope) => `Confirm contract ${scope.record.state.reference ?? ''}`.trim(),
  dto: ConfirmContractDto,
  labels: { signedContract: 'the signed copy', 'signedContract.name': "the signed copy's file name", 'signedContract.sha256': "the signed copy's SHA-256 digest" },
  inputOf: { signedContract: 'signedName', 'signedContract.name': 'signedName', 'signedContract.sha256': 'signedSha256' },
  fieldOfRule: { 'evidence-digest-sha256': 'signedContract.sha256' },
  viewData: (scope) => ({ contract: scope.record.state, councilName: scope.record.councilName, serviceNames: scope.record.serviceNames }),
  toDto: (values) => {
    const name = text(values, 'signedName') || undefined;
    const sha256 = text(values, 'signedSha256')?.toLowerCase() || undefined;
    return name === undefined && sha256 === undefined ? {} : { signedContract: { name, sha256 } };
  },
  command: (dto, scope: FormScope<ContractRecord>) => {
    const { signedContract, ...fields } = commandFields(dto);
    return { kind: 'ConfirmContract', contractId: scope.record.id, signedContract: signedContract ?? null, ...fields };
  },
  back: (scope) => `/app/providers/${scope.record.state.providerId}`,
  done: (scope) => ({ href: `/app/providers/${scope.record.state.providerId}`, outcome: 'contract-confirmed' }),
};
