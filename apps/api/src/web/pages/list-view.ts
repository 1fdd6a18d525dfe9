import { BadRequestException } from '@nestjs/common';
import { paginationParams, type PaginationParams } from './timeline-pagination';

/**
 * The lists' address (issue 13): `q` (search), filters, `sort`, `order` and `page`, all in the query
 * string so every list works without JavaScript, can be bookmarked, and keeps the rest of the query
 * across filtering, sorting and paging. A value the list cannot use is a 400 page naming it, never a
 * 5xx; a page past the end shows the last page.
 */
export interface ListSpec<S extends string> {
  path: string;
  sorts: readonly S[];
  defaultSort: S;
  defaultOrder: 'asc' | 'desc';
  /** Each filter's name and the values it takes (the empty value, or no value, means "any"). */
  filters: Record<string, readonly string[] | 'uuid'>;
  perPage: number;
  /** The fragment the list's links land on (its heading), so a filtered page opens at the list. */
  fragment?: string;
  label: string;
}

export interface ListQuery<S extends string> {
  q: string;
  sort: S;
  order: 'asc' | 'desc';
  page: number;
  filters: Record<string, string>;
}

const bad = (field: string, message: string): never => {
  throw new BadRequestException({ message: `Invalid request: ${field} (${message})`, fields: [{ field, messages: [message] }] });
};

const one = (query: Record<string, unknown>, name: string): string | undefined => {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') return bad(name, `${name} must be given once`);
  return raw;
};

export function parseListQuery<S extends string>(query: Record<string, unknown>, spec: ListSpec<S>): ListQuery<S> {
  const q = (one(query, 'q') ?? '').trim();
  if (q.length > 100) bad('q', 'the search must be 100 characters or fewer');
  const sortRaw = one(query, 'sort') || spec.defaultSort;
  if (!spec.sorts.includes(sortRaw as S)) bad('sort', `the list can be sorted by ${spec.sorts.join(', ')}`);
  const orderRaw = one(query, 'order') || spec.defaultOrder;
  if (orderRaw !== 'asc' && orderRaw !== 'desc') bad('order', 'the order must be asc or desc');
  const pageRaw = one(query, 'page');
  let page = 1;
  if (pageRaw !== undefined && pageRaw !== '') {
    if (!/^\d{1,6}$/.test(pageRaw) || Number(pageRaw) < 1) bad('page', 'the page must be a whole number of at least 1');
    page = Number(pageRaw);
  }
  const filters: Record<string, string> = {};
  for (const [name, values] of Object.entries(spec.filters)) {
    const value = one(query, name);
    if (value === undefined || value === '') continue;
    const fits = values === 'uuid' ? /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) : values.includes(value);
    if (!fits) bad(name, `${name} must be one of the choices offered`);
    filters[name] = value;
  }
  return { q, sort: sortRaw as S, order: orderRaw as 'asc' | 'desc', page, filters };
}

/** The query string of a list state (defaults left out), for its links. */
export function listHref<S extends string>(
  spec: ListSpec<S>,
  state: ListQuery<S>,
  change: Partial<ListQuery<S>> & { filters?: Record<string, string> } = {},
): string {
  const next = { ...state, ...change, filters: change.filters ?? state.filters };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const [name, value] of Object.entries(next.filters)) if (value) params.set(name, value);
  if (next.sort !== spec.defaultSort || next.order !== spec.defaultOrder) {
    params.set('sort', next.sort);
    params.set('order', next.order);
  }
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return `${spec.path}${query ? `?${query}` : ''}${spec.fragment ? `#${spec.fragment}` : ''}`;
}

export interface Column<S extends string> {
  text: string;
  /** The sort it orders by, when sortable. */
  sort?: S;
  format?: 'numeric';
}

export interface ListView {
  /** govukTable head cells: sortable ones are links with aria-sort (the MOJ sortable table pattern, done by the server). */
  head: { html?: string; text?: string; format?: string; attributes?: Record<string, string> }[];
  pagination: PaginationParams | null;
  /** "Showing 21 to 40 of 312 concerns", or "No concerns match" words. */
  showing: string;
  total: number;
  /** The state as hidden inputs of the filter form (the sort is kept when filtering). */
  hidden: { name: string; value: string }[];
  clearHref: string;
  /** Each filter in force (and the search), with a link that removes it. */
  selected: { heading: string; items: { text: string; href: string }[] }[];
  q: string;
  filters: Record<string, string>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function listView<S extends string>(
  spec: ListSpec<S>,
  state: ListQuery<S>,
  result: { total: number; page: number; perPage: number; pages: number; rows: unknown[] },
  columns: Column<S>[],
  nouns: [string, string],
  filterWords: Record<string, { heading: string; text: (value: string) => string }>,
): ListView {
  const shownState = { ...state, page: result.page };
  const head = columns.map((c) => {
    if (!c.sort) return { text: c.text, ...(c.format ? { format: c.format } : {}) };
    const current = state.sort === c.sort;
    const nextOrder: 'asc' | 'desc' = current ? (state.order === 'asc' ? 'desc' : 'asc') : c.sort === spec.defaultSort ? spec.defaultOrder : 'asc';
    const href = listHref(spec, shownState, { sort: c.sort, order: nextOrder, page: 1 });
    const said = current ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none';
    return {
      html: `<a class="govuk-link app-sort-link" href="${escapeHtml(href)}">${escapeHtml(c.text)}<span class="govuk-visually-hidden"> (sort ${nextOrder === 'asc' ? 'ascending' : 'descending'})</span></a>`,
      attributes: { 'aria-sort': said },
      ...(c.format ? { format: c.format } : {}),
    };
  });
  const [one, many] = nouns;
  const first = (result.page - 1) * result.perPage + 1;
  const last = first + result.rows.length - 1;
  const showing =
    result.total === 0
      ? `No ${many} match`
      : result.pages > 1
        ? `Showing ${first} to ${last} of ${result.total} ${many}`
        : `${result.total} ${result.total === 1 ? one : many}`;
  const keep = listHref({ ...spec, fragment: undefined }, shownState, { page: 1 }).replace(/^[^?]*\??/, '');
  const pagination = paginationParams(spec.path, keep, result.page, result.pages, spec.label, spec.fragment ? `#${spec.fragment}` : '');
  const hidden: { name: string; value: string }[] = [];
  if (state.sort !== spec.defaultSort || state.order !== spec.defaultOrder)
    hidden.push({ name: 'sort', value: state.sort }, { name: 'order', value: state.order });
  const selected: ListView['selected'] = [];
  if (state.q) selected.push({ heading: 'Search', items: [{ text: `“${state.q}”`, href: listHref(spec, state, { q: '', page: 1 }) }] });
  for (const [name, value] of Object.entries(state.filters)) {
    const words = filterWords[name];
    const rest = { ...state.filters };
    delete rest[name];
    selected.push({
      heading: words?.heading ?? name,
      items: [{ text: words ? words.text(value) : value, href: listHref(spec, state, { filters: rest, page: 1 }) }],
    });
  }
  const clearHref = listHref(spec, { ...state, q: '', filters: {}, page: 1 });
  return { head, pagination, showing, total: result.total, hidden, clearHref, selected, q: state.q, filters: state.filters };
}
