import { SERVICE_LIST_SORTS, type ServiceListSort } from '@caretrail/projections';
import type { Identity } from '../../identity/identity';
import type { WebReadModels } from '../read/web-read-models';
import type { FilterField } from './concern-list.page';
import { listView, parseListQuery, type ListSpec } from './list-view';

export const SERVICES_PER_PAGE = 20;

const CONCERN_FILTER_WORDS: Record<string, string> = { open: 'With open concerns', none: 'Without open concerns' };

/**
 * The services list (issue 13): search by the service's or provider's name, MOJ filter (provider, open
 * concerns, and for a council the services under its contracts), sort by name, provider or open
 * concerns, GOV.UK pagination, all in the query. The read policy's service rule decides the rows (a
 * provider lists only its own services; services are public at the regulator, so councils, the
 * regulator and administrators list every registered one) and its concern rule the open-concern counts
 * (a council counts only the concerns it raised, a provider those about its services).
 */
export async function serviceListPage(readModels: WebReadModels, who: Identity, query: Record<string, unknown>) {
  const isProvider = who.organisationKind === 'provider';
  const isCouncil = who.organisationKind === 'council';
  const spec: ListSpec<ServiceListSort> = {
    path: '/app/services',
    sorts: SERVICE_LIST_SORTS,
    defaultSort: 'name',
    defaultOrder: 'asc',
    filters: {
      ...(isProvider ? {} : { providerId: 'uuid' as const }),
      concerns: ['open', 'none'],
      ...(isCouncil ? { contracted: ['yes'] } : {}),
    },
    perPage: SERVICES_PER_PAGE,
    label: 'Services pages',
  };
  const state = parseListQuery(query, spec);
  const f = state.filters;
  const onlyProviderId = isProvider ? who.organisationId : undefined;
  const [result, providers] = await Promise.all([
    readModels.serviceList(
      {
        q: state.q,
        providerId: f.providerId,
        concerns: f.concerns as 'open' | 'none' | undefined,
        contractedBy: f.contracted === 'yes' ? who.organisationId : undefined,
        onlyProviderId,
        sort: state.sort,
        order: state.order,
        page: state.page,
        perPage: spec.perPage,
      },
      who,
    ),
    isProvider ? Promise.resolve([]) : readModels.serviceListProviders(),
  ]);
  const list = listView(
    spec,
    state,
    result,
    [
      { text: 'Service', sort: 'name' },
      ...(isProvider ? [] : [{ text: 'Provider', sort: 'provider' as const }]),
      { text: 'Registered manager' },
      { text: isCouncil ? 'Your open concerns' : 'Open concerns', sort: 'concerns', format: 'numeric' },
    ],
    ['service', 'services'],
    {
      providerId: { heading: 'Provider', text: (v) => providers.find((p) => p.id === v)?.name ?? 'another provider' },
      concerns: { heading: 'Open concerns', text: (v) => CONCERN_FILTER_WORDS[v] ?? v },
      contracted: { heading: 'Contracts', text: () => 'Under your contracts' },
    },
  );
  const select = (name: string, label: string, items: { value: string; text: string }[]): FilterField => ({
    name,
    label,
    items: [{ value: '', text: 'Any' }, ...items].map((i) => ({ ...i, selected: (f[name] ?? '') === i.value })),
  });
  const filterFields: FilterField[] = [
    ...(isProvider
      ? []
      : [
          select(
            'providerId',
            'Provider',
            providers.map((p) => ({ value: p.id, text: p.name })),
          ),
        ]),
    select(
      'concerns',
      isCouncil ? 'Your open concerns' : 'Open concerns',
      Object.entries(CONCERN_FILTER_WORDS).map(([value, text]) => ({ value, text })),
    ),
    ...(isCouncil ? [select('contracted', 'Contracts', [{ value: 'yes', text: 'Under your contracts' }])] : []),
  ];
  return { list: { ...list, action: spec.path, filterFields, byProvider: !isProvider }, rows: result.rows };
}
