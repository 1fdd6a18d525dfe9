import type { OrganisationState } from '@caretrail/domain';
import { ProviderIdentifiersDto } from '../../resources/organisations/register-organisation.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { ServiceIdentifiersDto } from '../../resources/services/services.dto';
import type { ServiceRecord } from '../read/service-record.reader';
import { text } from './form-values';
import type { WebForm } from './web-form';

/**
 * Identifiers recorded after registration (issue 16 item 5): a service's regulator location id and
 * NHS ODS code, a provider's CQC provider id. Each form shows the identifiers as they now are; what is
 * sent is the whole set as it is to be (a box left empty clears it), with the reason.
 */
export const serviceIdentifiersForm: WebForm<ServiceRecord, ServiceIdentifiersDto> = {
  slug: 'identifiers',
  view: 'forms/service-identifiers.njk',
  title: (scope) => `Record the identifiers of ${scope.record.live.name ?? 'the service'}`,
  dto: ServiceIdentifiersDto,
  labels: { locationId: "the regulator's location id", odsCode: 'the NHS ODS code', reason: 'why the identifiers change' },
  fieldOfRule: { 'location-id-format': 'locationId', 'identifiers-must-change': 'locationId' },
  defaults: (scope) => ({ locationId: scope.record.live.locationId ?? '', odsCode: scope.record.live.odsCode ?? '' }),
  viewData: (scope) => ({
    regulator: scope.record.live.regulator ?? 'CQC',
    current: { locationId: scope.record.live.locationId, odsCode: scope.record.live.odsCode },
  }),
  toDto: (values) => ({ locationId: text(values, 'locationId') || undefined, odsCode: text(values, 'odsCode') || undefined, reason: text(values, 'reason') }),
  command: (dto, scope) => {
    const { locationId, odsCode, ...rest } = dto;
    return { kind: 'RecordServiceIdentifiers', serviceId: scope.record.id, ...commandFields(rest), locationId: locationId ?? null, odsCode: odsCode ?? null };
  },
  done: (scope) => ({ href: `/app/services/${scope.record.id}`, outcome: 'identifiers-recorded' }),
};

/** A provider as its identifiers form sees it. */
export interface ProviderIdentifiersRecord {
  organisationId: string;
  state: OrganisationState;
}

export const providerIdentifiersForm: WebForm<ProviderIdentifiersRecord, ProviderIdentifiersDto> = {
  slug: 'identifiers',
  view: 'forms/provider-identifiers.njk',
  title: (scope) => `Record the CQC provider id of ${scope.record.state.name ?? 'the provider'}`,
  dto: ProviderIdentifiersDto,
  labels: { cqcProviderId: 'the CQC provider id', reason: 'why the identifier changes' },
  fieldOfRule: {
    'identifiers-must-change': 'cqcProviderId',
    'provider-records-own-identifiers': 'cqcProviderId',
    'cqc-provider-id-for-providers': 'cqcProviderId',
  },
  defaults: (scope) => ({ cqcProviderId: scope.record.state.cqcProviderId ?? '' }),
  viewData: (scope) => ({ current: { cqcProviderId: scope.record.state.cqcProviderId } }),
  toDto: (values) => ({ cqcProviderId: text(values, 'cqcProviderId') || undefined, reason: text(values, 'reason') }),
  command: (dto, scope) => {
    const { cqcProviderId, ...rest } = dto;
    return { kind: 'RecordProviderIdentifiers', organisationId: scope.record.organisationId, ...commandFields(rest), cqcProviderId: cqcProviderId ?? null };
  },
  back: (scope) => `/app/providers/${scope.record.organisationId}`,
  done: (scope) => ({ href: `/app/providers/${scope.record.organisationId}`, outcome: 'identifiers-recorded' }),
};
