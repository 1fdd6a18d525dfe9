import { RAG_SEVERITIES } from '@caretrail/domain';
import { CONCERN_LIST_SORTS, type ConcernListSort, type DashboardScope } from '@caretrail/projections';
import type { Identity } from '../../identity/identity';
import type { WebReadModels } from '../read/web-read-models';
import { humanise } from '../rendering/nunjucks-environment';
import { listView, parseListQuery, type Column, type ListSpec } from './list-view';
import { LEVEL_NAMES } from './status-badges';

/** How many concerns a list page shows. */
export const CONCERNS_PER_PAGE = 20;

const LEVELS = LEVEL_NAMES.map((_, i) => String(i));

/** One filter of a list's filter form: a select whose first option is "Any". */
export interface FilterField {
  name: string;
  label: string;
  items: { value: string; text: string; selected?: boolean }[];
}

/**
 * The concerns list of the dashboard (a council's) and of a provider's overview: search, filters
 * (status, severity, escalation level, provider, service, overdue), sortable columns and GOV.UK
 * pagination, all served by the server from the dashboard read model a page at a time.
 */
export async function concernListPage(
  readModels: WebReadModels,
  who: Identity,
  scope: DashboardScope,
  path: string,
  query: Record<string, unknown>,
  on: string,
  { byProvider }: { byProvider: boolean },
) {
  const spec: ListSpec<ConcernListSort> = {
    path,
    sorts: CONCERN_LIST_SORTS,
    defaultSort: 'raised',
    defaultOrder: 'desc',
    filters: { status: ['open', 'closed'], severity: RAG_SEVERITIES, level: LEVELS, providerId: 'uuid', serviceId: 'uuid', overdue: ['yes'] },
    perPage: CONCERNS_PER_PAGE,
    fragment: 'concerns',
    label: 'Concerns pages',
  };
  const state = parseListQuery(query, spec);
  const f = state.filters;
  const [result, choices] = await Promise.all([
    readModels.concernList(
      scope,
      {
        on,
        q: state.q,
        state: f.status as 'open' | 'closed' | undefined,
        severity: f.severity,
        level: f.level === undefined ? undefined : Number(f.level),
        providerId: f.providerId,
        serviceId: f.serviceId,
        overdue: f.overdue === 'yes',
        sort: state.sort,
        order: state.order,
        page: state.page,
        perPage: spec.perPage,
      },
      who,
    ),
    readModels.concernListChoices(scope, who),
  ]);
  const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? 'another';
  const columns: Column<ConcernListSort>[] = [
    { text: 'Reference', sort: 'reference' },
    { text: 'Concern', sort: 'service' },
    ...(byProvider ? [{ text: 'Provider', sort: 'provider' as const }] : []),
    { text: 'Raised', sort: 'raised' },
    { text: 'Severity', sort: 'severity' },
    { text: 'Escalation', sort: 'level' },
    { text: 'Status', sort: 'status' },
  ];
  const list = listView(spec, state, result, columns, ['concern', 'concerns'], {
    status: { heading: 'Status', text: humanise },
    severity: { heading: 'Severity', text: humanise },
    level: { heading: 'Escalation', text: (v) => `Level ${v}: ${LEVEL_NAMES[Number(v)]}` },
    providerId: { heading: 'Provider', text: (v) => nameOf(choices.providers, v) },
    serviceId: { heading: 'Service', text: (v) => nameOf(choices.services, v) },
    overdue: { heading: 'Overdue', text: () => 'Overdue update or action' },
  });
  const select = (name: string, label: string, items: { value: string; text: string }[]): FilterField => ({
    name,
    label,
    items: [{ value: '', text: 'Any' }, ...items].map((i) => ({ ...i, selected: (f[name] ?? '') === i.value })),
  });
  const filterFields: FilterField[] = [
    select('status', 'Status', [
      { value: 'open', text: 'Open' },
      { value: 'closed', text: 'Closed' },
    ]),
    select(
      'severity',
      'Severity',
      RAG_SEVERITIES.map((s) => ({ value: s, text: humanise(s) })),
    ),
    select(
      'level',
      'Escalation level',
      LEVELS.map((l) => ({ value: l, text: `Level ${l}: ${LEVEL_NAMES[Number(l)]}` })),
    ),
    ...(byProvider
      ? [
          select(
            'providerId',
            'Provider',
            choices.providers.map((p) => ({ value: p.id, text: p.name })),
          ),
        ]
      : []),
    select(
      'serviceId',
      'Service',
      choices.services.map((s) => ({ value: s.id, text: s.name })),
    ),
  ];
  return { list: { ...list, action: path, overdueChecked: f.overdue === 'yes', filterFields, byProvider }, rows: result.rows };
}
