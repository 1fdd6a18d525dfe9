import { COUNCIL_CLOCK_NAMES, COUNCIL_CLOCK_RANGES, ORGANISATION_KINDS, REGULATORS, SERVICE_TYPES, type CouncilClocks } from '@caretrail/domain';
import { v7 as uuidv7 } from 'uuid';
import { SetCouncilClocksDto } from '../../resources/councils/council-clocks.dto';
import { RegisterOrganisationDto } from '../../resources/organisations/register-organisation.dto';
import { commandFields, occurredAtOf } from '../../resources/shared/command.dto';
import { RegisterServiceDto } from '../../resources/services/services.dto';
import { homeFor } from '../rendering/navigation';
import { humanise } from '../rendering/nunjucks-environment';
import { integer, options, text } from './form-values';
import { successMessage } from './form-outcomes';
import type { FormScope, WebForm } from './web-form';

/** A council's clocks as the form shows them: those in force today and whether the council set them. */
export interface CouncilClocksRecord {
  councilId: string;
  councilName: string;
  clocks: CouncilClocks;
  councilSet: boolean;
}

/** What each clock means, said for people (the unit comes from the domain's ranges). */
const CLOCK_LABELS: Record<keyof CouncilClocks, string> = {
  acknowledgeWithinWorkingDays: 'A provider acknowledges a concern within',
  absenceNoticeWithinWorkingDays: "A registered manager's emergency absence is notified within",
  reopenWindowMonths: 'A concern reopened within this long of closing counts as reopened',
  lateRecordAfterWorkingDays: 'An entry recorded this long after it happened is marked as recorded late',
  managerLookbackDays: 'The registered-manager measures look back over',
  afterManagerChangeMonths: 'The months after a manager change counted as "after a change"',
};

export const councilClocksForm: WebForm<CouncilClocksRecord, SetCouncilClocksDto> = {
  slug: 'clocks',
  view: 'forms/council-clocks.njk',
  title: () => "Your council's clocks",
  dto: SetCouncilClocksDto,
  labels: {
    ...Object.fromEntries(COUNCIL_CLOCK_NAMES.map((n) => [n, `the ${COUNCIL_CLOCK_RANGES[n].unit} for "${CLOCK_LABELS[n].toLowerCase()}"`])),
    reason: 'why the clocks change',
  },
  fieldOfRule: { 'council-sets-own-clocks': 'reason', 'council-clock-range': COUNCIL_CLOCK_NAMES[0] },
  defaults: (scope) => Object.fromEntries(COUNCIL_CLOCK_NAMES.map((n) => [n, String(scope.record.clocks[n])])),
  viewData: (scope) => ({
    success: successMessage(scope.params.done),
    record: scope.record,
    clockFields: COUNCIL_CLOCK_NAMES.map((n) => ({
      key: n,
      label: CLOCK_LABELS[n],
      unit: COUNCIL_CLOCK_RANGES[n].unit,
      hint: `${COUNCIL_CLOCK_RANGES[n].min} to ${COUNCIL_CLOCK_RANGES[n].max} ${COUNCIL_CLOCK_RANGES[n].unit}`,
    })),
  }),
  toDto: (values) => ({ ...Object.fromEntries(COUNCIL_CLOCK_NAMES.map((n) => [n, integer(values, n)])), reason: text(values, 'reason') }),
  command: (dto, scope) => {
    const { reason, occurredAt, ...clocks } = commandFields(dto);
    return { kind: 'SetCouncilClocks', councilId: scope.record.councilId, clocks, reason, occurredAt };
  },
  back: () => '/app/dashboard',
  done: (scope) => ({ href: `/app/councils/${scope.record.councilId}/clocks`, outcome: 'clocks-set' }),
};

/** The administrator registers councils, providers and regulators. */
export const registerOrganisationForm: WebForm<Record<string, never>, RegisterOrganisationDto> = {
  slug: 'new',
  view: 'forms/register-organisation.njk',
  title: () => 'Register an organisation',
  dto: RegisterOrganisationDto,
  labels: { kind: 'the kind of organisation', name: "the organisation's name", cqcProviderId: "the provider's CQC provider id" },
  fieldOfRule: { 'cqc-provider-id-providers-only': 'cqcProviderId' },
  viewData: () => ({ kinds: options(ORGANISATION_KINDS, humanise) }),
  toDto: (values) => ({ kind: text(values, 'kind'), name: text(values, 'name'), cqcProviderId: text(values, 'cqcProviderId') || undefined }),
  command: (dto) => ({
    kind: 'RegisterOrganisation',
    organisationId: dto.organisationId ?? uuidv7(),
    organisationKind: dto.kind,
    name: dto.name,
    cqcProviderId: dto.cqcProviderId ?? null,
    occurredAt: occurredAtOf(dto),
  }),
  back: () => '/app/providers',
  done: () => ({ href: '/app/providers', outcome: 'organisation-registered' }),
};

/** Who registers a service: a provider its own (the provider is fixed), an administrator for any provider. */
export interface RegisterServiceRecord {
  providers: { organisationId: string; name: string }[];
}

const providerOf = (scope: FormScope<RegisterServiceRecord>, values: Record<string, unknown>) =>
  scope.who.organisationKind === 'provider' ? scope.who.organisationId : text(values, 'providerId') || undefined;

export const registerServiceForm: WebForm<RegisterServiceRecord, RegisterServiceDto> = {
  slug: 'new',
  view: 'forms/register-service.njk',
  title: () => 'Register a service',
  dto: RegisterServiceDto,
  labels: {
    providerId: 'the provider that runs the service',
    name: "the service's name",
    serviceType: 'the type of service',
    regulator: 'the regulator',
    locationId: "the regulator's location id",
    odsCode: 'the ODS code',
  },
  fieldOfRule: { 'organisation-must-be-provider': 'providerId', 'service-provider-self': 'providerId', 'location-id-format': 'locationId' },
  viewData: (scope) => ({
    chooseProvider: scope.who.organisationKind !== 'provider',
    providers: scope.record.providers.map((p) => ({ value: p.organisationId, text: p.name })),
    serviceTypes: options(SERVICE_TYPES, humanise),
    regulators: options(REGULATORS, (r) => r),
  }),
  toDto: (values, scope) => ({
    providerId: providerOf(scope, values),
    name: text(values, 'name'),
    serviceType: text(values, 'serviceType'),
    regulator: text(values, 'regulator'),
    locationId: text(values, 'locationId') || undefined,
    odsCode: text(values, 'odsCode') || undefined,
  }),
  command: (dto) => {
    const { locationId, odsCode, ...rest } = dto;
    return { kind: 'RegisterService', serviceId: uuidv7(), ...commandFields(rest), locationId: locationId ?? null, odsCode: odsCode ?? null };
  },
  back: (scope) => homeFor(scope.who),
  done: (_scope, result) => ({ href: `/app/services/${result.recordId}`, outcome: 'service-registered' }),
};
