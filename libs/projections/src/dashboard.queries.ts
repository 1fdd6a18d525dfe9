import { sql, type RawBuilder } from 'kysely';
import { DASHBOARD } from './dashboard.projection';
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
