import { AwardContractDto } from '../../resources/contracts/contracts.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { v7 as uuidv7 } from 'uuid';
import { homeFor } from '../rendering/navigation';
import { dateFromParts } from './date-parts';
import { text } from './form-values';
import type { FormScope, WebForm } from './web-form';

/** What the award form chooses from: providers, the chosen provider's services, and (for an administrator) councils. */
export interface AwardContractRecord {
  providers: { organisationId: string; name: string }[];
  /** The services of the provider chosen (`?providerId=`), once one is. */
  services: { serviceId: string; name: string }[];
  councils: { organisationId: string; name: string }[];
}

const isAdmin = (scope: FormScope<AwardContractRecord>) => scope.who.organisationKind === 'admin';
/** The provider chosen on the first step (`?providerId=`), carried by a hidden input after it. */
const providerOf = (scope: FormScope<AwardContractRecord>, values: Record<string, unknown>) =>
  scope.params.providerId || text(values, 'providerId') || undefined;
const chosen = (values: Record<string, unknown>): string[] => {
  const raw = values.serviceIds;
  return (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((v): v is string => typeof v === 'string');
};

/**
 * A council awards a contract in its own name (it awaits the provider's confirmation); an
 * administrator records one from the signed contract, naming the council (confirmed at once). The
 * provider is chosen first, so the form lists that provider's services.
 */
export const awardContractForm: WebForm<AwardContractRecord, AwardContractDto> = {
  slug: 'new',
  view: 'forms/award-contract.njk',
  title: () => 'Award a contract',
  dto: AwardContractDto,
  labels: {
    providerId: 'the provider',
    serviceIds: 'the services the contract covers',
    reference: "the contract's reference",
    startsOn: 'the start date',
    endsOn: 'the end date',
    councilId: 'the council named on the signed contract',
    signedContract: 'the signed copy',
    'signedContract.name': "the signed copy's file name",
    'signedContract.sha256': "the signed copy's SHA-256 digest",
  },
  inputOf: { 'serviceIds.*': 'serviceIds', signedContract: 'signedName', 'signedContract.name': 'signedName', 'signedContract.sha256': 'signedSha256' },
  dateFields: ['startsOn', 'endsOn'],
  fieldOfRule: {
    'contract-ends-after-start': 'endsOn',
    'contract-covers-services': 'serviceIds',
    'service-belongs-to-provider': 'serviceIds',
    'organisation-must-be-provider': 'providerId',
    'organisation-must-be-council': 'councilId',
    'signed-contract-required': 'signedName',
    'evidence-digest-sha256': 'signedSha256',
  },
  defaults: (scope) => ({ providerId: scope.params.providerId ?? '' }),
  viewData: (scope, values) => ({
    providers: scope.record.providers.map((p) => ({ value: p.organisationId, text: p.name })),
    providerChosen: Boolean(providerOf(scope, values)),
    providerName: scope.record.providers.find((p) => p.organisationId === providerOf(scope, values))?.name ?? null,
    services: scope.record.services.map((s) => ({ value: s.serviceId, text: s.name, checked: chosen(values).includes(s.serviceId) })),
    councils: scope.record.councils.map((c) => ({ value: c.organisationId, text: c.name })),
    isAdmin: isAdmin(scope),
  }),
  toDto: (values, scope) => {
    const name = text(values, 'signedName') || undefined;
    const sha256 = text(values, 'signedSha256')?.toLowerCase() || undefined;
    return {
      providerId: providerOf(scope, values),
      serviceIds: chosen(values),
      reference: text(values, 'reference'),
      startsOn: dateFromParts(values, 'startsOn'),
      endsOn: dateFromParts(values, 'endsOn'),
      ...(isAdmin(scope) ? { councilId: text(values, 'councilId') || undefined, ...(name || sha256 ? { signedContract: { name, sha256 } } : {}) } : {}),
    };
  },
  // As the API says it: an administrator records a contract from its signed copy, naming the council.
  check: async (dto, scope) =>
    isAdmin(scope)
      ? [
          ...(dto.councilId === undefined ? [{ path: 'councilId', message: 'Select the council named on the signed contract' }] : []),
          ...(dto.signedContract === undefined ? [{ path: 'signedName', message: "Enter the signed copy's file name and digest" }] : []),
        ]
      : [],
  command: (dto, scope) => {
    const { councilId, signedContract, ...fields } = commandFields(dto);
    const contractId = uuidv7();
    return signedContract && councilId
      ? { kind: 'RecordSignedContract', contractId, councilId, signedContract, ...fields }
      : { kind: 'AwardContract', contractId, councilId: scope.who.organisationId, ...fields };
  },
  back: (scope) => homeFor(scope.who),
  done: (_scope, result) => ({ href: `/app/contracts/${result.recordId}`, outcome: 'contract-awarded' }),
};
