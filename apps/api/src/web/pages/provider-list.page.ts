import { PROVIDER_LIST_SORTS, type ProviderListSort } from '@caretrail/projections';
import type { Identity } from '../../identity/identity';
import type { WebReadModels } from '../read/web-read-models';
import { listView, parseListQuery, type ListSpec } from './list-view';

export const PROVIDERS_PER_PAGE = 20;

/** The providers list (issue 13): search by name, sort by name or services, GOV.UK pagination; a provider sees only itself. */
export async function providerListPage(readModels: WebReadModels, who: Identity, query: Record<string, unknown>) {
  const spec: ListSpec<ProviderListSort> = {
    path: '/app/providers',
    sorts: PROVIDER_LIST_SORTS,
    defaultSort: 'name',
    defaultOrder: 'asc',
    filters: {},
    perPage: PROVIDERS_PER_PAGE,
    label: 'Providers pages',
  };
  const state = parseListQuery(query, spec);
  const result = await readModels.providerList({
    q: state.q,
    sort: state.sort,
    order: state.order,
    page: state.page,
    perPage: spec.perPage,
    ...(who.organisationKind === 'provider' ? { onlyId: who.organisationId } : {}),
  });
  const list = listView(
    spec,
    state,
    result,
    [
      { text: 'Provider', sort: 'name' },
      { text: 'Services', sort: 'services', format: 'numeric' },
    ],
    ['provider', 'providers'],
    {},
  );
  return { list: { ...list, action: spec.path, filterFields: [] }, rows: result.rows };
}
