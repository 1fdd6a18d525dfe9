import type { EventStore, RecordedEvent } from '@caretrail/event-store';
import { foldConcernSummary, type ConcernSummary } from './concern-summary.fold';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { applyScopeDirectory } from './scope-directory';
import { foldServiceManager, type ServiceManagerSummary } from './service-manager.fold';

export const DASHBOARD = 'dashboard';

/** The part of the store the dashboard folds streams from. */
export type StreamReader = Pick<EventStore, 'readStream'>;

/**
 * Council and provider dashboards: a summary row per concern (with its owed actions) and one per
 * service's management. Each concern or service touched by a page is folded again from its stream
 * up to the version the page reached, so a correction or retraction anywhere in it is simply
 * reflected, and the rows depend only on the position applied (rebuilds give the same rows).
 */
export function dashboardProjection(streams: StreamReader): Projection {
  return {
    name: DASHBOARD,
    version: 1,
    tables: ['concern_summaries', 'concern_actions', 'service_managers', 'record_scopes', 'organisations', 'contract_services'],
    async apply(trx: ReadTrx, events: readonly RecordedEvent[], { generation }: ProjectionContext) {
      await applyScopeDirectory(trx, events, generation);
      const reached = new Map<string, RecordedEvent>();
      for (const e of events) {
        if (e.streamId.startsWith('concern-') || e.streamId.startsWith('service-')) reached.set(e.streamId, e);
      }
      for (const [stream, last] of reached) {
        const history = await streams.readStream(stream, { toVersion: last.streamVersion });
        const id = stream.slice(stream.indexOf('-') + 1);
        if (stream.startsWith('concern-')) await writeConcern(trx, generation, id, foldConcernSummary(history), last.globalPosition);
        else await writeService(trx, generation, id, foldServiceManager(history));
      }
    },
  };
}

/** Replaces the concern's rows; a concern whose raising was retracted (recorded in error) has none. */
async function writeConcern(trx: ReadTrx, generation: number, concernId: string, s: ConcernSummary | null, position: number): Promise<void> {
  await trx.deleteFrom('concern_summaries').where('generation', '=', generation).where('concern_id', '=', concernId).execute();
  await trx.deleteFrom('concern_actions').where('generation', '=', generation).where('concern_id', '=', concernId).execute();
  if (!s) return;
  await trx
    .insertInto('concern_summaries')
    .values({
      generation,
      concern_id: s.concernId,
      council_id: s.councilId,
      provider_id: s.providerId,
      service_id: s.serviceId,
      contract_id: s.contractId,
      category: s.category,
      severity: s.severity,
      state: s.state,
      escalation_level: s.escalationLevel,
      raised_at: s.raisedAt,
      closed_at: s.closedAt,
      plan_status: s.planStatus,
      plan_due_on: s.planDueOn,
      plan_version: s.planVersion,
      plan_submitted_at: s.planSubmittedAt,
      plan_accepted_on: s.planAcceptedOn,
      update_cadence_days: s.updateCadenceDays,
      grace_days: s.graceDays,
      last_period_ending: s.lastPeriodEnding,
      next_update_late_after: s.nextUpdateLateAfter,
      last_position: position,
    })
    .execute();
  if (s.actions.length === 0) return;
  await trx
    .insertInto('concern_actions')
    .values(
      s.actions.map((a) => ({
        generation,
        concern_id: s.concernId,
        action_id: a.actionId,
        council_id: s.councilId,
        provider_id: s.providerId,
        service_id: s.serviceId,
        description: a.description,
        due_on: a.dueOn,
        status: a.status,
        live: a.live ? 1 : 0,
      })),
    )
    .execute();
}

async function writeService(trx: ReadTrx, generation: number, serviceId: string, s: ServiceManagerSummary | null): Promise<void> {
  if (!s) {
    await trx.deleteFrom('service_managers').where('generation', '=', generation).where('service_id', '=', serviceId).execute();
    return;
  }
  const row = {
    provider_id: s.providerId,
    service_name: s.serviceName,
    manager_id: s.managerId,
    manager_basis: s.managerBasis,
    registered_manager_id: s.registeredManagerId,
    without_registered_manager_since: s.withoutRegisteredManagerSince,
  };
  await trx
    .insertInto('service_managers')
    .values({ generation, service_id: s.serviceId, ...row })
    .onConflict((oc) => oc.columns(['generation', 'service_id']).doUpdateSet(row))
    .execute();
}
