import { CONCERN_CATEGORIES, CONCERN_SOURCES, RAG_SEVERITIES } from '@caretrail/domain';
import { v7 as uuidv7 } from 'uuid';
import { RaiseConcernDto } from '../../resources/concerns/concerns.dto';
import { commandFields } from '../../resources/shared/command.dto';
import type { Portfolio } from '../read/portfolio';
import { homeFor } from '../rendering/navigation';
import { formatDate } from '../rendering/date-format';
import { humanise } from '../rendering/nunjucks-environment';
import { options, text } from './form-values';
import type { FormScope, WebForm } from './web-form';

/** The council's contracted services: where it can raise a concern. */
export interface RaiseConcernRecord {
  portfolio: Portfolio;
}

const ownContracts = (scope: FormScope<RaiseConcernRecord>) => scope.record.portfolio.contracts.filter((c) => c.councilId === scope.who.organisationId);

/**
 * One choice per service and contract: a council raises a concern under the confirmed contract that
 * covers the service (an award awaiting the provider's confirmation gives it no rights yet).
 */
function placements(scope: FormScope<RaiseConcernRecord>) {
  const { services } = scope.record.portfolio;
  const nameOf = (id: string) => services.find((s) => s.serviceId === id)?.name ?? id;
  return ownContracts(scope)
    .filter((c) => c.confirmed)
    .flatMap((c) =>
      c.serviceIds.map((serviceId) => ({
        value: `${serviceId}|${c.contractId}`,
        text: nameOf(serviceId),
        hint: `Contract ${c.reference}, ${formatDate(c.startsOn)} to ${c.endsOn ? formatDate(c.endsOn) : 'no end date'}`,
      })),
    );
}

export const raiseConcernForm: WebForm<RaiseConcernRecord, RaiseConcernDto> = {
  slug: 'new',
  view: 'forms/raise-concern.njk',
  title: () => 'Raise a concern',
  dto: RaiseConcernDto,
  labels: {
    serviceId: 'the service',
    contractId: 'the service and contract',
    category: 'the category',
    severity: 'the severity',
    source: 'how the concern came to light',
    summary: 'what you found',
  },
  inputOf: { serviceId: 'placement', contractId: 'placement' },
  fieldOfRule: {
    'contract-must-cover-service': 'contractId',
    'contract-council-only': 'contractId',
    'contract-awaiting-confirmation': 'contractId',
    'occurred-at-within-contract-term': 'contractId',
    'contract-term-over': 'contractId',
  },
  defaults: (scope) => {
    const match = placements(scope).find((p) => p.value.startsWith(`${scope.params.serviceId}|`));
    return match ? { placement: match.value } : {};
  },
  viewData: (scope) => ({
    placements: placements(scope),
    // More than 10 services: a select enhanced by accessible-autocomplete instead of one radio each (issue 13).
    manyServices: placements(scope).length > 10,
    awaitingConfirmation: ownContracts(scope)
      .filter((c) => !c.confirmed)
      .map((c) => ({
        reference: c.reference,
        services: c.serviceIds.map((id) => scope.record.portfolio.services.find((s) => s.serviceId === id)?.name ?? id).join(', '),
      })),
    categories: options(CONCERN_CATEGORIES, humanise),
    severities: options(RAG_SEVERITIES, humanise),
    sources: options(CONCERN_SOURCES, humanise),
  }),
  toDto: (values) => {
    const [serviceId, contractId] = (text(values, 'placement') ?? '').split('|');
    return {
      serviceId: serviceId || undefined,
      contractId: contractId || undefined,
      category: text(values, 'category'),
      severity: text(values, 'severity'),
      source: text(values, 'source'),
      summary: text(values, 'summary'),
    };
  },
  back: (scope) => homeFor(scope.who),
  command: (dto) => ({ kind: 'RaiseConcern', concernId: uuidv7(), ...commandFields(dto) }),
  done: (_scope, result) => ({ href: `/app/concerns/${result.recordId}`, outcome: 'raised' }),
};
