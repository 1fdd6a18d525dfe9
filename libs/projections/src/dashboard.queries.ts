import { sql, type RawBuilder } from 'kysely';
import { DASHBOARD } from './dashboard.projection';
import { SCOPE_EVENTS } from './scope-events.projection';
import type { ReadDb } from './projection';
import { activeGeneration } from './projection-checkpoints';
import { ALL_CONCERNS, readableConcernCondition, type ReadableConcerns } from './readable-concerns';
import { daysBetween, toLondonDate } from './timeline-lib';

/** A council's dashboard covers the concerns it raised and the services its contracts cover; a provider's, its own. */
export type DashboardScope = ({ councilId: string } | { providerId: string }) & {
  /** Only these concerns (the reader's, by the read policy); every concern of the scope when absent. */
  readableConcerns?: ReadableConcerns;
};

export interface DashboardOptions {
  /** The day (Europe/London) ages and lateness are judged on. */
  on: string;
}

export interface ConcernRef {
  concernId: string;
  councilId: string;
  providerId: string;
  serviceId: string;
  category: string;
  severity: string;
  escalationLevel: number;
}

export interface OpenConcern extends ConcernRef {
  raisedAt: string;
  ageDays: number;
}

export interface OpenConcernsAtLevel {
  level: number;
  count: number;
  /** Oldest first. */
  concerns: OpenConcern[];
}

export interface PlanAwaitingReview extends ConcernRef {
  planVersion: number | null;
  submittedAt: string;
  waitingDays: number;
}

export interface OverduePlanUpdate extends ConcernRef {
  planAcceptedOn: string | null;
  lastPeriodEnding: string | null;
  /** The last day the next update was on time. */
  lateAfter: string;
  daysOverdue: number;
}

export interface OverdueAction {
  concernId: string;
  actionId: string;
  serviceId: string;
  providerId: string;
  description: string;
  dueOn: string;
  status: string;
  daysOverdue: number;
}

export interface ServiceWithoutRegisteredManager {
  serviceId: string;
  providerId: string;
  serviceName: string;
  managerId: string | null;
  managerBasis: string | null;
  since: string;
  days: number;
}

export interface Dashboard {
  on: string;
  openConcernsByLevel: OpenConcernsAtLevel[];
  plansAwaitingReview: PlanAwaitingReview[];
  overduePlanUpdates: OverduePlanUpdate[];
  overdueActions: OverdueAction[];
  servicesWithoutRegisteredManager: ServiceWithoutRegisteredManager[];
}

const party = (scope: DashboardScope) =>
  'councilId' in scope ? ({ column: 'council_id', id: scope.councilId } as const) : ({ column: 'provider_id', id: scope.providerId } as const);

type SummaryRow = {
  concern_id: string;
  council_id: string;
  provider_id: string;
  service_id: string;
  category: string;
  severity: string;
  escalation_level: number;
};

const ref = (r: SummaryRow): ConcernRef => ({
  concernId: r.concern_id,
  councilId: r.council_id,
  providerId: r.provider_id,
  serviceId: r.service_id,
  category: r.category,
  severity: r.severity,
  escalationLevel: Number(r.escalation_level),
});

const openSummaries = (db: ReadDb, scope: DashboardScope) => {
  const { column, id } = party(scope);
  return db
    .selectFrom('concern_summaries')
    .selectAll()
    .where('generation', '=', activeGeneration(DASHBOARD))
    .where(column, '=', id)
    .where(readableConcernCondition('concern_summaries', scope.readableConcerns ?? ALL_CONCERNS))
    .where('state', '=', 'open');
};

export async function openConcernsByLevel(db: ReadDb, scope: DashboardScope, { on }: DashboardOptions): Promise<OpenConcernsAtLevel[]> {
  const rows = await openSummaries(db, scope).orderBy('escalation_level', 'desc').orderBy('raised_at').orderBy('concern_id').execute();
  const levels = new Map<number, OpenConcernsAtLevel>();
  for (const r of rows) {
    const level = Number(r.escalation_level);
    const entry = levels.get(level) ?? { level, count: 0, concerns: [] };
    entry.count += 1;
    entry.concerns.push({ ...ref(r), raisedAt: r.raised_at, ageDays: daysBetween(toLondonDate(r.raised_at), on) });
    levels.set(level, entry);
  }
  return [...levels.values()];
}

export async function plansAwaitingReview(db: ReadDb, scope: DashboardScope, { on }: DashboardOptions): Promise<PlanAwaitingReview[]> {
  const rows = await openSummaries(db, scope).where('plan_status', '=', 'submitted').orderBy('plan_submitted_at').orderBy('concern_id').execute();
  return rows.map((r) => ({
    ...ref(r),
    planVersion: r.plan_version === null ? null : Number(r.plan_version),
    submittedAt: r.plan_submitted_at!,
    waitingDays: daysBetween(toLondonDate(r.plan_submitted_at!), on),
  }));
}

export async function overduePlanUpdates(db: ReadDb, scope: DashboardScope, { on }: DashboardOptions): Promise<OverduePlanUpdate[]> {
  const rows = await openSummaries(db, scope).where('next_update_late_after', '<', on).orderBy('next_update_late_after').orderBy('concern_id').execute();
  return rows.map((r) => ({
    ...ref(r),
    planAcceptedOn: r.plan_accepted_on,
    lastPeriodEnding: r.last_period_ending,
    lateAfter: r.next_update_late_after!,
    daysOverdue: daysBetween(r.next_update_late_after!, on),
  }));
}

export async function overdueActions(db: ReadDb, scope: DashboardScope, { on }: DashboardOptions): Promise<OverdueAction[]> {
  const { column, id } = party(scope);
  const rows = await db
    .selectFrom('concern_actions')
    .selectAll()
    .where('generation', '=', activeGeneration(DASHBOARD))
    .where(column, '=', id)
    .where(readableConcernCondition('concern_actions', scope.readableConcerns ?? ALL_CONCERNS))
    .where('live', '=', 1)
    .where('due_on', '<', on)
    .orderBy('due_on')
    .orderBy('concern_id')
    .orderBy('action_id')
    .execute();
  return rows.map((r) => ({
    concernId: r.concern_id,
    actionId: r.action_id,
    serviceId: r.service_id,
    providerId: r.provider_id,
    description: r.description,
    dueOn: r.due_on,
    status: r.status,
    daysOverdue: daysBetween(r.due_on, on),
  }));
}

/** Services a council's contracts cover (or a provider runs) with no registered manager in post. */
export async function servicesWithoutRegisteredManager(
  db: ReadDb,
  scope: DashboardScope,
  { on }: DashboardOptions,
): Promise<ServiceWithoutRegisteredManager[]> {
  const covered: RawBuilder<boolean> =
    'councilId' in scope
      ? sql<boolean>`service_managers.service_id IN (SELECT cs.service_id FROM contract_services cs
          WHERE cs.generation = service_managers.generation AND cs.council_id = ${scope.councilId})`
      : sql<boolean>`service_managers.provider_id = ${scope.providerId}`;
  const rows = await db
    .selectFrom('service_managers')
    .selectAll()
    .where('generation', '=', activeGeneration(DASHBOARD))
    .where(covered)
    .where('without_registered_manager_since', 'is not', null)
    .orderBy('without_registered_manager_since')
    .orderBy('service_id')
    .execute();
  return rows.map((r) => ({
    serviceId: r.service_id,
    providerId: r.provider_id,
    serviceName: r.service_name,
    managerId: r.manager_id,
    managerBasis: r.manager_basis,
    since: r.without_registered_manager_since!,
    days: Math.max(0, daysBetween(r.without_registered_manager_since!, on) + 1),
  }));
}

export async function dashboard(db: ReadDb, scope: DashboardScope, options: DashboardOptions): Promise<Dashboard> {
  const [levels, plans, updates, actions, services] = await Promise.all([
    openConcernsByLevel(db, scope, options),
    plansAwaitingReview(db, scope, options),
    overduePlanUpdates(db, scope, options),
    overdueActions(db, scope, options),
    servicesWithoutRegisteredManager(db, scope, options),
  ]);
  return {
    on: options.on,
    openConcernsByLevel: levels,
    plansAwaitingReview: plans,
    overduePlanUpdates: updates,
    overdueActions: actions,
    servicesWithoutRegisteredManager: services,
  };
}

// ---------------------------------------------------------------------------------------------------
// Lists people work with (issue 13): search, filter, sort and one page at a time, in the query.

/**
 * A concern's short reference, as the lists show it and their search finds it: "CT-" and eight hex
 * digits of its id, the low 16 bits of its UUID v7 millisecond and its last four digits (concerns
 * raised in a burst share their random tail and differ in the millisecond; fixed ids differ in the tail).
 */
export function concernReference(concernId: string): string {
  const hex = concernId.replace(/-/g, '');
  return `CT-${(hex.slice(8, 12) + hex.slice(28, 32)).toUpperCase()}`;
}

/** The same reference worked out in SQL (lower case, without "CT-"), for the search and the sort. */
const REFERENCE_SQL = sql`(substr(replace(concern_summaries.concern_id, '-', ''), 9, 4) || substr(replace(concern_summaries.concern_id, '-', ''), 29, 4))`;

export const CONCERN_LIST_SORTS = ['raised', 'reference', 'service', 'provider', 'severity', 'level', 'status'] as const;
export type ConcernListSort = (typeof CONCERN_LIST_SORTS)[number];

export interface ConcernListFilters {
  /** Words to find in the reference, the service's or provider's name, or the category. */
  q?: string;
  state?: 'open' | 'closed';
  severity?: string;
  level?: number;
  providerId?: string;
  serviceId?: string;
  /** Open concerns with an overdue plan update or an overdue action of the running plan. */
  overdue?: boolean;
}

export interface ConcernListRequest extends ConcernListFilters {
  on: string;
  sort: ConcernListSort;
  order: 'asc' | 'desc';
  /** 1-based; a page past the end gives the last page. */
  page: number;
  perPage: number;
}

export interface ConcernListRow extends ConcernRef {
  reference: string;
  serviceName: string | null;
  providerName: string | null;
  councilName: string | null;
  state: string;
  raisedAt: string;
  closedAt: string | null;
  planStatus: string;
  overdue: boolean;
  ageDays: number;
}

export interface ListPage<T> {
  rows: T[];
  /** Rows matching the search and filters. */
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

/** `%term%` for LIKE with `\` as escape, so a typed % or _ matches itself. */
const likeTerm = (term: string): string => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const overdueCondition = (on: string): RawBuilder<boolean> =>
  sql<boolean>`(concern_summaries.state = 'open' AND (concern_summaries.next_update_late_after < ${on} OR EXISTS (SELECT 1 FROM concern_actions ca
    WHERE ca.generation = concern_summaries.generation AND ca.concern_id = concern_summaries.concern_id AND ca.live = 1 AND ca.due_on < ${on})))`;

function concernListWhere(scope: DashboardScope, filters: ConcernListFilters & { on: string }): RawBuilder<boolean> {
  const { column, id } = party(scope);
  const conditions: RawBuilder<unknown>[] = [
    sql`concern_summaries.${sql.ref(column)} = ${id}`,
    readableConcernCondition('concern_summaries', scope.readableConcerns ?? ALL_CONCERNS),
  ];
  if (filters.state) conditions.push(sql`concern_summaries.state = ${filters.state}`);
  if (filters.severity) conditions.push(sql`concern_summaries.severity = ${filters.severity}`);
  if (filters.level !== undefined) conditions.push(sql`concern_summaries.escalation_level = ${filters.level}`);
  if (filters.providerId) conditions.push(sql`concern_summaries.provider_id = ${filters.providerId}`);
  if (filters.serviceId) conditions.push(sql`concern_summaries.service_id = ${filters.serviceId}`);
  if (filters.overdue) conditions.push(overdueCondition(filters.on));
  for (const word of (filters.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const term = likeTerm(word);
    const hex = /^(?:ct-?)?([0-9a-f]{4,8})$/i.exec(word)?.[1]?.toLowerCase();
    conditions.push(sql`(lower(sm.service_name) LIKE ${term} ESCAPE '\\' OR lower(po.name) LIKE ${term} ESCAPE '\\'
      OR lower(replace(concern_summaries.category, '_', ' ')) LIKE ${likeTerm(word.replace(/_/g, ' '))} ESCAPE '\\'
      ${hex ? sql`OR lower(${REFERENCE_SQL}) LIKE ${`%${hex}%`}` : sql``})`);
  }
  return sql<boolean>`${sql.join(conditions, sql` AND `)}`;
}

const CONCERN_ORDER: Record<ConcernListSort, RawBuilder<unknown>> = {
  raised: sql`concern_summaries.raised_at`,
  reference: sql`lower(${REFERENCE_SQL})`,
  service: sql`lower(coalesce(sm.service_name, ''))`,
  provider: sql`lower(coalesce(po.name, ''))`,
  severity: sql`CASE concern_summaries.severity WHEN 'red' THEN 3 WHEN 'amber' THEN 2 WHEN 'green' THEN 1 ELSE 0 END`,
  level: sql`concern_summaries.escalation_level`,
  status: sql`concern_summaries.state`,
};

/**
 * One page of a party's concerns, searched, filtered and sorted in the query (one count and one
 * LIMIT/OFFSET range over the party's index, never every row in memory), with the names that tell
 * rows apart. Only the concerns the reader may read (the read policy's condition is in the query).
 */
export async function listConcerns(db: ReadDb, scope: DashboardScope, request: ConcernListRequest): Promise<ListPage<ConcernListRow>> {
  const perPage = Math.max(1, Math.min(100, Math.floor(request.perPage)));
  const where = concernListWhere(scope, request);
  const from = sql`concern_summaries
    LEFT JOIN service_managers sm ON sm.generation = concern_summaries.generation AND sm.service_id = concern_summaries.service_id
    LEFT JOIN organisations po ON po.generation = concern_summaries.generation AND po.organisation_id = concern_summaries.provider_id
    LEFT JOIN organisations co ON co.generation = concern_summaries.generation AND co.organisation_id = concern_summaries.council_id`;
  const generation = activeGeneration(DASHBOARD);
  const counted = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${from} WHERE concern_summaries.generation = ${generation} AND ${where}`.execute(
    db,
  );
  const total = Number(counted.rows[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(request.page)), pages);
  const direction = request.order === 'asc' ? sql`ASC` : sql`DESC`;
  const result = await sql<
    SummaryRow & {
      state: string;
      raised_at: string;
      closed_at: string | null;
      plan_status: string;
      service_name: string | null;
      provider_name: string | null;
      council_name: string | null;
      overdue: number | boolean;
    }
  >`
    SELECT concern_summaries.concern_id, concern_summaries.council_id, concern_summaries.provider_id, concern_summaries.service_id, concern_summaries.category, concern_summaries.severity, concern_summaries.escalation_level, concern_summaries.state,
      concern_summaries.raised_at, concern_summaries.closed_at, concern_summaries.plan_status, sm.service_name, po.name AS provider_name, co.name AS council_name,
      CASE WHEN ${overdueCondition(request.on)} THEN 1 ELSE 0 END AS overdue
    FROM ${from}
    WHERE concern_summaries.generation = ${generation} AND ${where}
    ORDER BY ${CONCERN_ORDER[request.sort]} ${direction}, concern_summaries.raised_at ${direction}, concern_summaries.concern_id ${direction}
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`.execute(db);
  return {
    rows: result.rows.map((r) => ({
      ...ref(r),
      reference: concernReference(r.concern_id),
      serviceName: r.service_name,
      providerName: r.provider_name,
      councilName: r.council_name,
      state: r.state,
      raisedAt: r.raised_at,
      closedAt: r.closed_at,
      planStatus: r.plan_status,
      overdue: Number(r.overdue) === 1,
      ageDays: daysBetween(toLondonDate(r.raised_at), request.on),
    })),
    total,
    page,
    perPage,
    pages,
  };
}

/** The services and providers a party's concerns are about, by name: the choices of the lists' filters. */
export async function concernListChoices(
  db: ReadDb,
  scope: DashboardScope,
): Promise<{ services: { id: string; name: string }[]; providers: { id: string; name: string }[] }> {
  const where = concernListWhere(scope, { on: '' });
  const generation = activeGeneration(DASHBOARD);
  const [services, providers] = await Promise.all([
    sql<{ id: string; name: string | null }>`SELECT DISTINCT concern_summaries.service_id AS id, sm.service_name AS name FROM concern_summaries
      LEFT JOIN service_managers sm ON sm.generation = concern_summaries.generation AND sm.service_id = concern_summaries.service_id
      WHERE concern_summaries.generation = ${generation} AND ${where} ORDER BY name LIMIT 500`.execute(db),
    sql<{ id: string; name: string | null }>`SELECT DISTINCT concern_summaries.provider_id AS id, po.name AS name FROM concern_summaries
      LEFT JOIN organisations po ON po.generation = concern_summaries.generation AND po.organisation_id = concern_summaries.provider_id
      WHERE concern_summaries.generation = ${generation} AND ${where} ORDER BY name LIMIT 500`.execute(db),
  ]);
  const named = (rows: { id: string; name: string | null }[]) => rows.map((r) => ({ id: r.id, name: r.name ?? r.id }));
  return { services: named(services.rows), providers: named(providers.rows) };
}

export const PROVIDER_LIST_SORTS = ['name', 'services'] as const;
export type ProviderListSort = (typeof PROVIDER_LIST_SORTS)[number];

export interface ProviderListRow {
  organisationId: string;
  name: string;
  services: number;
}

/**
 * One page of registered providers (only `onlyId` when given: a provider sees itself), searched by
 * name and sorted in the query, with how many services each runs.
 */
export async function listProviders(
  db: ReadDb,
  request: { q?: string; sort: ProviderListSort; order: 'asc' | 'desc'; page: number; perPage: number; onlyId?: string },
): Promise<ListPage<ProviderListRow>> {
  const perPage = Math.max(1, Math.min(100, Math.floor(request.perPage)));
  const conditions: RawBuilder<unknown>[] = [sql`o.generation = ${activeGeneration(SCOPE_EVENTS)}`, sql`o.kind = 'provider'`];
  if (request.onlyId !== undefined) conditions.push(sql`o.organisation_id = ${request.onlyId}`);
  for (const word of (request.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) conditions.push(sql`lower(o.name) LIKE ${likeTerm(word)} ESCAPE '\\'`);
  const where = sql.join(conditions, sql` AND `);
  const counted = await sql<{ n: number | string }>`SELECT count(*) AS n FROM organisations o WHERE ${where}`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(request.page)), pages);
  const services = sql`(SELECT count(*) FROM service_managers sm WHERE sm.generation = ${activeGeneration(DASHBOARD)} AND sm.provider_id = o.organisation_id)`;
  const direction = request.order === 'asc' ? sql`ASC` : sql`DESC`;
  const order = request.sort === 'services' ? sql`${services} ${direction}, lower(o.name) ASC` : sql`lower(o.name) ${direction}`;
  const result = await sql<{ organisation_id: string; name: string; services: number | string }>`
    SELECT o.organisation_id, o.name, ${services} AS services FROM organisations o WHERE ${where}
    ORDER BY ${order}, o.organisation_id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`.execute(db);
  return { rows: result.rows.map((r) => ({ organisationId: r.organisation_id, name: r.name, services: Number(r.services) })), total, page, perPage, pages };
}

export const SERVICE_LIST_SORTS = ['name', 'provider', 'concerns'] as const;
export type ServiceListSort = (typeof SERVICE_LIST_SORTS)[number];

export interface ServiceListRequest {
  /** Words to find in the service's or its provider's name. */
  q?: string;
  providerId?: string;
  /** `open`: services with at least one open concern the reader may read; `none`: with none. */
  concerns?: 'open' | 'none';
  /** Only services under a contract of this council (a council's "our services"). */
  contractedBy?: string;
  /** Only this provider's services (a provider reads only its own, by the read policy). */
  onlyProviderId?: string;
  sort: ServiceListSort;
  order: 'asc' | 'desc';
  page: number;
  perPage: number;
}

export interface ServiceListRow {
  serviceId: string;
  name: string;
  providerId: string;
  providerName: string | null;
  /** Open concerns about it that the reader may read. */
  openConcerns: number;
  registeredManager: boolean;
}

/**
 * One page of registered services, searched, filtered and sorted in the query (one count and one
 * LIMIT/OFFSET range), with each one's count of open concerns the reader may read: the read policy's
 * condition is inside the count, so another council's or provider's concerns are never counted and the
 * "open concerns" filter cannot find a service by them.
 */
export async function listServices(db: ReadDb, readable: ReadableConcerns, request: ServiceListRequest): Promise<ListPage<ServiceListRow>> {
  const perPage = Math.max(1, Math.min(100, Math.floor(request.perPage)));
  const generation = activeGeneration(DASHBOARD);
  const openConcerns = sql`(SELECT count(*) FROM concern_summaries WHERE concern_summaries.generation = sm.generation
    AND concern_summaries.service_id = sm.service_id AND concern_summaries.state = 'open' AND ${readableConcernCondition('concern_summaries', readable)})`;
  const conditions: RawBuilder<unknown>[] = [sql`sm.generation = ${generation}`];
  if (request.onlyProviderId !== undefined) conditions.push(sql`sm.provider_id = ${request.onlyProviderId}`);
  if (request.providerId) conditions.push(sql`sm.provider_id = ${request.providerId}`);
  if (request.contractedBy) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM contract_services cs WHERE cs.generation = sm.generation AND cs.council_id = ${request.contractedBy} AND cs.service_id = sm.service_id)`,
    );
  }
  if (request.concerns === 'open') conditions.push(sql`${openConcerns} > 0`);
  if (request.concerns === 'none') conditions.push(sql`${openConcerns} = 0`);
  for (const word of (request.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const term = likeTerm(word);
    conditions.push(sql`(lower(sm.service_name) LIKE ${term} ESCAPE '\\' OR lower(po.name) LIKE ${term} ESCAPE '\\')`);
  }
  const where = sql.join(conditions, sql` AND `);
  const from = sql`service_managers sm LEFT JOIN organisations po ON po.generation = sm.generation AND po.organisation_id = sm.provider_id`;
  const counted = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(request.page)), pages);
  const direction = request.order === 'asc' ? sql`ASC` : sql`DESC`;
  const order =
    request.sort === 'concerns'
      ? sql`${openConcerns} ${direction}, lower(sm.service_name) ASC`
      : request.sort === 'provider'
        ? sql`lower(coalesce(po.name, '')) ${direction}, lower(sm.service_name) ASC`
        : sql`lower(sm.service_name) ${direction}`;
  const result = await sql<{
    service_id: string;
    service_name: string;
    provider_id: string;
    provider_name: string | null;
    open_concerns: number | string;
    registered_manager_id: string | null;
  }>`
    SELECT sm.service_id, sm.service_name, sm.provider_id, po.name AS provider_name, sm.registered_manager_id, ${openConcerns} AS open_concerns
    FROM ${from} WHERE ${where}
    ORDER BY ${order}, sm.service_id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`.execute(db);
  return {
    rows: result.rows.map((r) => ({
      serviceId: r.service_id,
      name: r.service_name,
      providerId: r.provider_id,
      providerName: r.provider_name,
      openConcerns: Number(r.open_concerns),
      registeredManager: r.registered_manager_id !== null,
    })),
    total,
    page,
    perPage,
    pages,
  };
}

/** The providers of the services a reader may list, by name (the services list's provider filter; at most 500). */
export async function serviceListProviders(db: ReadDb, onlyProviderId?: string): Promise<{ id: string; name: string }[]> {
  const only = onlyProviderId === undefined ? sql`` : sql`AND sm.provider_id = ${onlyProviderId}`;
  const rows = await sql<{ id: string; name: string | null }>`SELECT DISTINCT sm.provider_id AS id, po.name AS name FROM service_managers sm
    LEFT JOIN organisations po ON po.generation = sm.generation AND po.organisation_id = sm.provider_id
    WHERE sm.generation = ${activeGeneration(DASHBOARD)} ${only} ORDER BY name LIMIT 500`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, name: r.name ?? r.id }));
}

// ---------------------------------------------------------------------------------------------------
// The dashboard's work queues (issue 13), each a page at a time: searched and sorted in the query.

export const WORK_QUEUES = ['plans-awaiting-review', 'overdue-updates', 'overdue-actions', 'no-registered-manager'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

/** Each queue's sorts, the first its default (in the order the work is done: the longest waiting first). */
export const WORK_QUEUE_SORTS = {
  'plans-awaiting-review': ['submitted', 'reference', 'service', 'provider', 'version'],
  'overdue-updates': ['overdue', 'reference', 'service', 'provider', 'period'],
  'overdue-actions': ['due', 'action', 'service', 'provider', 'status'],
  'no-registered-manager': ['since', 'service', 'provider'],
} as const satisfies Record<WorkQueue, readonly string[]>;
export type WorkQueueSort<Q extends WorkQueue> = (typeof WORK_QUEUE_SORTS)[Q][number];

export interface WorkQueueRequest {
  on: string;
  /** Words to find in the service's or provider's name (and a concern's reference and category, an action's description). */
  q?: string;
  sort: string;
  order: 'asc' | 'desc';
  page: number;
  perPage: number;
}

export type WorkQueueRow =
  | (PlanAwaitingReview & { kind: 'plans-awaiting-review'; reference: string; serviceName: string | null; providerName: string | null })
  | (OverduePlanUpdate & { kind: 'overdue-updates'; reference: string; serviceName: string | null; providerName: string | null })
  | (OverdueAction & { kind: 'overdue-actions'; reference: string; serviceName: string | null; providerName: string | null })
  | (ServiceWithoutRegisteredManager & { kind: 'no-registered-manager'; providerName: string | null });

/**
 * One page of a dashboard work queue of a council (or a provider): plans awaiting review, overdue
 * plan updates, overdue actions, services without a registered manager. One count and one
 * LIMIT/OFFSET range; the read policy's condition is inside the query, as for the concerns list.
 */
export async function listWorkQueue(db: ReadDb, scope: DashboardScope, queue: WorkQueue, request: WorkQueueRequest): Promise<ListPage<WorkQueueRow>> {
  const perPage = Math.max(1, Math.min(100, Math.floor(request.perPage)));
  const generation = activeGeneration(DASHBOARD);
  const { column, id } = party(scope);
  const readable = scope.readableConcerns ?? ALL_CONCERNS;
  const words = (request.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const names = (table: string, serviceCol: string, providerCol: string) => sql`
    LEFT JOIN service_managers sm ON sm.generation = ${sql.ref(`${table}.generation`)} AND sm.service_id = ${sql.ref(`${table}.${serviceCol}`)}
    LEFT JOIN organisations po ON po.generation = ${sql.ref(`${table}.generation`)} AND po.organisation_id = ${sql.ref(`${table}.${providerCol}`)}`;
  let from: RawBuilder<unknown>;
  let where: RawBuilder<unknown>;
  let select: RawBuilder<unknown>;
  let orders: Record<string, RawBuilder<unknown>>;
  let tiebreak: RawBuilder<unknown>;
  if (queue === 'plans-awaiting-review' || queue === 'overdue-updates') {
    from = sql`concern_summaries ${names('concern_summaries', 'service_id', 'provider_id')}`;
    const conditions: RawBuilder<unknown>[] = [concernListWhere(scope, { on: request.on, q: request.q, state: 'open' })];
    conditions.push(
      queue === 'plans-awaiting-review' ? sql`concern_summaries.plan_status = 'submitted'` : sql`concern_summaries.next_update_late_after < ${request.on}`,
    );
    where = sql`concern_summaries.generation = ${generation} AND ${sql.join(conditions, sql` AND `)}`;
    select = sql`concern_summaries.*, sm.service_name, po.name AS provider_name`;
    const common = { reference: sql`lower(${REFERENCE_SQL})`, service: sql`lower(coalesce(sm.service_name, ''))`, provider: sql`lower(coalesce(po.name, ''))` };
    orders =
      queue === 'plans-awaiting-review'
        ? { ...common, submitted: sql`concern_summaries.plan_submitted_at`, version: sql`concern_summaries.plan_version` }
        : { ...common, overdue: sql`concern_summaries.next_update_late_after`, period: sql`coalesce(concern_summaries.last_period_ending, '')` };
    tiebreak = sql`concern_summaries.concern_id`;
  } else if (queue === 'overdue-actions') {
    from = sql`concern_actions ${names('concern_actions', 'service_id', 'provider_id')}`;
    const conditions: RawBuilder<unknown>[] = [
      sql`concern_actions.generation = ${generation}`,
      sql`concern_actions.${sql.ref(column)} = ${id}`,
      readableConcernCondition('concern_actions', readable),
      sql`concern_actions.live = 1`,
      sql`concern_actions.due_on < ${request.on}`,
    ];
    for (const word of words) {
      const term = likeTerm(word);
      conditions.push(
        sql`(lower(concern_actions.description) LIKE ${term} ESCAPE '\\' OR lower(sm.service_name) LIKE ${term} ESCAPE '\\' OR lower(po.name) LIKE ${term} ESCAPE '\\')`,
      );
    }
    where = sql.join(conditions, sql` AND `);
    select = sql`concern_actions.*, sm.service_name, po.name AS provider_name`;
    orders = {
      due: sql`concern_actions.due_on`,
      action: sql`lower(concern_actions.description)`,
      service: sql`lower(coalesce(sm.service_name, ''))`,
      provider: sql`lower(coalesce(po.name, ''))`,
      status: sql`concern_actions.status`,
    };
    tiebreak = sql`concern_actions.concern_id, concern_actions.action_id`;
  } else {
    from = sql`service_managers sm LEFT JOIN organisations po ON po.generation = sm.generation AND po.organisation_id = sm.provider_id`;
    const conditions: RawBuilder<unknown>[] = [
      sql`sm.generation = ${generation}`,
      'councilId' in scope
        ? sql`sm.service_id IN (SELECT cs.service_id FROM contract_services cs WHERE cs.generation = sm.generation AND cs.council_id = ${scope.councilId})`
        : sql`sm.provider_id = ${scope.providerId}`,
      sql`sm.without_registered_manager_since IS NOT NULL`,
    ];
    for (const word of words) {
      const term = likeTerm(word);
      conditions.push(sql`(lower(sm.service_name) LIKE ${term} ESCAPE '\\' OR lower(po.name) LIKE ${term} ESCAPE '\\')`);
    }
    where = sql.join(conditions, sql` AND `);
    select = sql`sm.*, po.name AS provider_name`;
    orders = { since: sql`sm.without_registered_manager_since`, service: sql`lower(sm.service_name)`, provider: sql`lower(coalesce(po.name, ''))` };
    tiebreak = sql`sm.service_id`;
  }
  const orderBy = orders[request.sort] ?? orders[WORK_QUEUE_SORTS[queue][0]];
  const counted = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(request.page)), pages);
  const direction = request.order === 'asc' ? sql`ASC` : sql`DESC`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row's columns are the queue's table's
  const result = await sql<any>`SELECT ${select} FROM ${from} WHERE ${where}
    ORDER BY ${orderBy} ${direction}, ${tiebreak} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`.execute(db);
  const on = request.on;
  const rows: WorkQueueRow[] = result.rows.map((r: Record<string, string | number | null>) => {
    const providerName = r.provider_name as string | null;
    if (queue === 'no-registered-manager') {
      const since = r.without_registered_manager_since as string;
      return {
        kind: queue,
        serviceId: r.service_id as string,
        providerId: r.provider_id as string,
        serviceName: r.service_name as string,
        managerId: r.manager_id as string | null,
        managerBasis: r.manager_basis as string | null,
        since,
        days: Math.max(0, daysBetween(since, on) + 1),
        providerName,
      };
    }
    const named = { reference: concernReference(r.concern_id as string), serviceName: r.service_name as string | null, providerName };
    if (queue === 'overdue-actions') {
      return {
        kind: queue,
        concernId: r.concern_id as string,
        actionId: r.action_id as string,
        serviceId: r.service_id as string,
        providerId: r.provider_id as string,
        description: r.description as string,
        dueOn: r.due_on as string,
        status: r.status as string,
        daysOverdue: daysBetween(r.due_on as string, on),
        ...named,
      };
    }
    const summary = r as unknown as SummaryRow & Record<string, string | null>;
    if (queue === 'plans-awaiting-review') {
      return {
        kind: queue,
        ...ref(summary),
        planVersion: summary.plan_version === null ? null : Number(summary.plan_version),
        submittedAt: summary.plan_submitted_at!,
        waitingDays: daysBetween(toLondonDate(summary.plan_submitted_at!), on),
        ...named,
      };
    }
    return {
      kind: queue,
      ...ref(summary),
      planAcceptedOn: summary.plan_accepted_on,
      lastPeriodEnding: summary.last_period_ending,
      lateAfter: summary.next_update_late_after!,
      daysOverdue: daysBetween(summary.next_update_late_after!, on),
      ...named,
    };
  });
  return { rows, total, page, perPage, pages };
}

/** How many open concerns a party has at each escalation level (the dashboard's headline counts), highest level first. */
export async function openConcernLevels(db: ReadDb, scope: DashboardScope): Promise<{ level: number; count: number }[]> {
  const rows = await openSummaries(db, scope)
    .clearSelect()
    .select((eb) => ['escalation_level', eb.fn.countAll().as('n')])
    .groupBy('escalation_level')
    .orderBy('escalation_level', 'desc')
    .execute();
  return rows.map((r) => ({ level: Number(r.escalation_level), count: Number(r.n) }));
}
