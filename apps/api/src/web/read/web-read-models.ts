import type { RecordedEvent } from '@caretrail/event-store';
import {
  concernListChoices,
  dashboard,
  listConcerns,
  listOrganisations,
  listProviders,
  listServices,
  listWorkQueue,
  openConcernLevels,
  serviceListProviders,
  type ServiceListRequest,
  type ServiceListRow,
  type WorkQueue,
  type WorkQueueRequest,
  type WorkQueueRow,
  type ConcernListRequest,
  type ConcernListRow,
  type ListPage,
  type ProviderListRow,
  type ProviderListSort,
  loadMeasureEvents,
  loadScopeEvents,
  type Dashboard,
  type DashboardScope,
  type OrganisationRow,
  type RecordScope,
} from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { readableConcerns } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { readConcernsAbout, readTaggedTimelinePage, readTimelinePage, type ConcernAbout, type TimelinePageRead } from './record-timeline';

/**
 * What the pages read from the projections (the dashboard queries and the scope event index). A port,
 * so the pages do not care how the read models are kept; the projections' runners keep them current.
 * Each read names its reader: the queries keep to the concerns that reader may read (the read policy's
 * one rule), so no page can show another party's concern.
 */
export interface WebReadModels {
  dashboard(scope: DashboardScope, on: string, who: Identity): Promise<Dashboard>;
  /** The stored events of a scope the reader may see, in global order. */
  scopeEvents(scope: RecordScope, who: Identity): Promise<RecordedEvent[]>;
  /** A scope's events and its concerns' councils' clock settings: what its measures are computed from. */
  measureEvents(scope: RecordScope, who: Identity): Promise<RecordedEvent[]>;
  organisations(kind?: string): Promise<OrganisationRow[]>;
  /** One page (newest first) of a scope's timeline the reader may see. */
  /**
   * One page (newest first) of a scope's timeline the reader may see. A concern's is counted (its
   * reader has been checked against the concern, so the count runs on the index alone); a service's
   * is read uncounted (previous and next only).
   */
  timelinePage(scope: RecordScope, who: Identity, page: number, perPage?: number): Promise<TimelinePageRead>;
  /** One page of a record's timeline kept to entries tagged with one of `tags` or a tag under one (issue 16 item 4). */
  taggedTimelinePage(scope: RecordScope, who: Identity, tags: readonly string[], page: number, perPage?: number): Promise<TimelinePageRead>;
  /** The concerns about a service the reader may read, newest first, as their raising reads now. */
  concernsAbout(serviceId: string, providerId: string, who: Identity): Promise<ConcernAbout[]>;
  /** One page of a party's concerns the reader may read, searched, filtered and sorted in the query (the lists, issue 13). */
  concernList(scope: DashboardScope, request: ConcernListRequest, who: Identity): Promise<ListPage<ConcernListRow>>;
  /** The services and providers of a party's concerns the reader may read: the lists' filter choices. */
  concernListChoices(scope: DashboardScope, who: Identity): Promise<{ services: { id: string; name: string }[]; providers: { id: string; name: string }[] }>;
  /** One page of providers (`onlyId`: just that one), searched and sorted in the query. */
  providerList(request: {
    q?: string;
    sort: ProviderListSort;
    order: 'asc' | 'desc';
    page: number;
    perPage: number;
    onlyId?: string;
  }): Promise<ListPage<ProviderListRow>>;
  /** One page of services (each with its open concerns the reader may read), searched, filtered and sorted in the query. */
  serviceList(request: ServiceListRequest, who: Identity): Promise<ListPage<ServiceListRow>>;
  /** The providers of the services list's filter (`onlyId`: just that one). */
  serviceListProviders(onlyId?: string): Promise<{ id: string; name: string }[]>;
  /** One page of a dashboard work queue (plans awaiting review, overdue updates and actions, services without a registered manager). */
  workQueue(scope: DashboardScope, queue: WorkQueue, request: WorkQueueRequest, who: Identity): Promise<ListPage<WorkQueueRow>>;
  /** How many open concerns the reader may read at each escalation level, highest first. */
  openConcernLevels(scope: DashboardScope, who: Identity): Promise<{ level: number; count: number }[]>;
}

export const WEB_READ_MODELS = Symbol('WEB_READ_MODELS');

export const projectionReadModels = (read: ReadDatabase): WebReadModels => ({
  dashboard: (scope, on, who) => dashboard(read.db, { ...scope, readableConcerns: readableConcerns(who) }, { on }),
  scopeEvents: (scope, who) => loadScopeEvents(read.db, { ...scope, readableConcerns: readableConcerns(who) }),
  measureEvents: (scope, who) => loadMeasureEvents(read.db, { ...scope, readableConcerns: readableConcerns(who) }),
  organisations: (kind) => listOrganisations(read.db, kind),
  timelinePage: (scope, who, page, perPage) =>
    scope.kind === 'concern'
      ? readTimelinePage(read.db, { kind: 'concern', concernId: scope.concernId }, page, perPage)
      : readTimelinePage(read.db, { ...scope, readableConcerns: readableConcerns(who) }, page, perPage, false),
  taggedTimelinePage: (scope, who, tags, page, perPage) =>
    readTaggedTimelinePage(
      read.db,
      scope.kind === 'concern' ? { kind: 'concern', concernId: scope.concernId } : { ...scope, readableConcerns: readableConcerns(who) },
      tags,
      page,
      perPage,
    ),
  concernsAbout: (serviceId, providerId, who) => readConcernsAbout(read.db, serviceId, providerId, readableConcerns(who)),
  concernList: (scope, request, who) => listConcerns(read.db, { ...scope, readableConcerns: readableConcerns(who) }, request),
  concernListChoices: (scope, who) => concernListChoices(read.db, { ...scope, readableConcerns: readableConcerns(who) }),
  providerList: (request) => listProviders(read.db, request),
  serviceList: (request, who) => listServices(read.db, readableConcerns(who), request),
  serviceListProviders: (onlyId) => serviceListProviders(read.db, onlyId),
  workQueue: (scope, queue, request, who) => listWorkQueue(read.db, { ...scope, readableConcerns: readableConcerns(who) }, queue, request),
  openConcernLevels: (scope, who) => openConcernLevels(read.db, { ...scope, readableConcerns: readableConcerns(who) }),
});
