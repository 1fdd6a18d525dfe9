import { NotFoundException } from '@nestjs/common';
import { WORK_QUEUE_SORTS, WORK_QUEUES, type DashboardScope, type WorkQueue, type WorkQueueRow } from '@caretrail/projections';
import type { Identity } from '../../identity/identity';
import type { WebReadModels } from '../read/web-read-models';
import { listView, parseListQuery, type Column, type ListSpec } from './list-view';

/** How many rows a work queue's own page shows, and how many the dashboard shows before "See all". */
export const WORK_QUEUE_PER_PAGE = 20;
export const DASHBOARD_SHOWS = 10;

interface QueueWords {
  title: string;
  nouns: [string, string];
  /** The heads, by sort (undefined: not sortable). */
  columns: Column<string>[];
  searchHint: string;
  /** Which way each sort starts when first chosen (the default sort starts as the queue is worked). */
  defaultOrder: 'asc' | 'desc';
}

export const QUEUE_WORDS: Record<WorkQueue, QueueWords> = {
  'plans-awaiting-review': {
    title: 'Plans awaiting your review',
    nouns: ['plan awaiting review', 'plans awaiting review'],
    columns: [
      { text: 'Reference', sort: 'reference' },
      { text: 'Concern', sort: 'service' },
      { text: 'Provider', sort: 'provider' },
      { text: 'Version', sort: 'version' },
      { text: 'Submitted', sort: 'submitted' },
      { text: 'Waiting', format: 'numeric' },
    ],
    searchHint: 'A reference (CT-1A2B3C4D), a service, a provider or a category',
    defaultOrder: 'asc',
  },
  'overdue-updates': {
    title: 'Overdue plan updates',
    nouns: ['overdue plan update', 'overdue plan updates'],
    columns: [
      { text: 'Reference', sort: 'reference' },
      { text: 'Concern', sort: 'service' },
      { text: 'Provider', sort: 'provider' },
      { text: 'Last period reported', sort: 'period' },
      { text: 'Overdue by', sort: 'overdue', format: 'numeric' },
    ],
    searchHint: 'A reference (CT-1A2B3C4D), a service, a provider or a category',
    defaultOrder: 'asc',
  },
  'overdue-actions': {
    title: 'Overdue actions',
    nouns: ['overdue action', 'overdue actions'],
    columns: [
      { text: 'Action', sort: 'action' },
      { text: 'Service', sort: 'service' },
      { text: 'Provider', sort: 'provider' },
      { text: 'Due', sort: 'due' },
      { text: 'Status', sort: 'status' },
      { text: 'Overdue by', format: 'numeric' },
    ],
    searchHint: "Words of the action, a service's or a provider's name",
    defaultOrder: 'asc',
  },
  'no-registered-manager': {
    title: 'Services without a registered manager',
    nouns: ['service without a registered manager', 'services without a registered manager'],
    columns: [
      { text: 'Service', sort: 'service' },
      { text: 'Provider', sort: 'provider' },
      { text: 'Since', sort: 'since' },
      { text: 'For', format: 'numeric' },
    ],
    searchHint: "A service's or a provider's name",
    defaultOrder: 'asc',
  },
};

export const queueOf = (slug: string): WorkQueue => {
  if (!(WORK_QUEUES as readonly string[]).includes(slug)) throw new NotFoundException(`There is no list called ${slug}`);
  return slug as WorkQueue;
};

/**
 * A dashboard work queue on a page of its own (`/app/dashboard/{queue}`): searched, sorted by its heads
 * (aria-sort) and paged by the server, as the concerns list; the dashboard shows the first rows of each
 * and links here. Only the party's rows the reader may read (the read policy's condition is in the query).
 */
export async function workQueuePage(
  readModels: WebReadModels,
  who: Identity,
  scope: DashboardScope,
  queue: WorkQueue,
  query: Record<string, unknown>,
  on: string,
) {
  const words = QUEUE_WORDS[queue];
  const sorts = WORK_QUEUE_SORTS[queue] as readonly string[];
  const spec: ListSpec<string> = {
    path: `/app/dashboard/${queue}`,
    sorts,
    defaultSort: sorts[0],
    defaultOrder: words.defaultOrder,
    filters: {},
    perPage: WORK_QUEUE_PER_PAGE,
    label: `${words.title} pages`,
  };
  const state = parseListQuery(query, spec);
  const result = await readModels.workQueue(
    scope,
    queue,
    { on, q: state.q, sort: state.sort, order: state.order, page: state.page, perPage: spec.perPage },
    who,
  );
  const list = listView(spec, state, result, words.columns, words.nouns, {});
  return { list: { ...list, action: spec.path, filterFields: [] }, rows: result.rows, words, queue };
}

/** The first rows of each work queue, in the order the work is done, with each queue's count: the dashboard's sections. */
export async function workQueueHeads(
  readModels: WebReadModels,
  who: Identity,
  scope: DashboardScope,
  on: string,
): Promise<Record<WorkQueue, { total: number; rows: WorkQueueRow[] }>> {
  const heads = await Promise.all(
    WORK_QUEUES.map(async (queue) => {
      const page = await readModels.workQueue(
        scope,
        queue,
        { on, sort: WORK_QUEUE_SORTS[queue][0], order: QUEUE_WORDS[queue].defaultOrder, page: 1, perPage: DASHBOARD_SHOWS },
        who,
      );
      return [queue, { total: page.total, rows: page.rows }] as const;
    }),
  );
  return Object.fromEntries(heads) as Record<WorkQueue, { total: number; rows: WorkQueueRow[] }>;
}
