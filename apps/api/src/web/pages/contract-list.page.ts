import type { ListPage } from '@caretrail/projections';
import type { PortfolioContract } from '../read/portfolio';
import type { FilterField } from './concern-list.page';
import { listView, parseListQuery, type ListSpec } from './list-view';

export const CONTRACTS_PER_PAGE = 20;
/** How many contracts the dashboard and the provider overview show before "See all". */
export const CONTRACTS_SHOWN = 10;

const CONTRACT_SORTS = ['starts', 'reference', 'party', 'ends'] as const;
type ContractSort = (typeof CONTRACT_SORTS)[number];

export interface ContractRow extends PortfolioContract {
  /** The other party's name: the provider on a council's list, the council on a provider's. */
  partyName: string;
}

const STATE_WORDS: Record<string, string> = { confirmed: 'Confirmed', awaiting: "Awaiting the provider's confirmation" };

function contractListPage(contracts: ContractRow[], path: string, query: Record<string, unknown>) {
  const spec: ListSpec<ContractSort> = {
    path,
    sorts: CONTRACT_SORTS,
    defaultSort: 'starts',
    defaultOrder: 'desc',
    filters: { state: ['confirmed', 'awaiting'] },
    perPage: CONTRACTS_PER_PAGE,
    label: 'Contracts pages',
  };
  const state = parseListQuery(query, spec);
  return { ...pageOf(contracts, spec, state), spec };
}

function pageOf(contracts: ContractRow[], spec: ListSpec<ContractSort>, state: ReturnType<typeof parseListQuery<ContractSort>>) {
  const words = state.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const matching = contracts.filter(
    (c) =>
      words.every((w) => c.reference.toLowerCase().includes(w) || c.partyName.toLowerCase().includes(w)) &&
      (state.filters.state === undefined || (state.filters.state === 'confirmed') === c.confirmed),
  );
  const key: Record<ContractSort, (c: ContractRow) => string> = {
    starts: (c) => c.startsOn,
    reference: (c) => c.reference.toLowerCase(),
    party: (c) => c.partyName.toLowerCase(),
    ends: (c) => c.endsOn ?? '9999-12-31',
  };
  const sign = state.order === 'asc' ? 1 : -1;
  const sorted = [...matching].sort((a, b) => sign * (key[state.sort](a).localeCompare(key[state.sort](b)) || a.contractId.localeCompare(b.contractId)));
  const total = sorted.length;
  const pages = Math.max(1, Math.ceil(total / spec.perPage));
  const page = Math.min(state.page, pages);
  const result: ListPage<ContractRow> = { rows: sorted.slice((page - 1) * spec.perPage, page * spec.perPage), total, page, perPage: spec.perPage, pages };
  return { state, result };
}

/**
 * A party's contracts (issue 13): search by reference or the other party's name, a filter by
 * confirmation, sortable heads and GOV.UK pagination, served by the server. The contracts come from
 * the scope's events the page has already read (there is no contracts read model to query), so the
 * list is sorted and paged in memory; a party holds tens of contracts, not thousands.
 */
export function contractListView(contracts: ContractRow[], path: string, partyHeading: 'Provider' | 'Council', query: Record<string, unknown>) {
  const { spec, state, result } = contractListPage(contracts, path, query);
  const list = listView(
    spec,
    state,
    result,
    [
      { text: 'Contract', sort: 'reference' },
      { text: partyHeading, sort: 'party' },
      { text: 'Starts', sort: 'starts' },
      { text: 'Ends', sort: 'ends' },
      { text: 'Status' },
    ],
    ['contract', 'contracts'],
    { state: { heading: 'Status', text: (v) => STATE_WORDS[v] ?? v } },
  );
  const filterFields: FilterField[] = [
    {
      name: 'state',
      label: 'Status',
      items: [{ value: '', text: 'Any' }, ...Object.entries(STATE_WORDS).map(([value, text]) => ({ value, text }))].map((i) => ({
        ...i,
        selected: (state.filters.state ?? '') === i.value,
      })),
    },
  ];
  return { list: { ...list, action: path, filterFields }, rows: result.rows };
}

/** The first contracts in the list's default order (newest start first), for the dashboard and the overview. */
export function firstContracts(contracts: ContractRow[]): ContractRow[] {
  return [...contracts].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.contractId.localeCompare(a.contractId)).slice(0, CONTRACTS_SHOWN);
}
