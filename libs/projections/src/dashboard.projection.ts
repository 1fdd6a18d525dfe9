import type { RecordedEvent } from '@caretrail/event-store';
import { foldConcernSummary, type ConcernSummary } from './concern-summary.fold';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { applyScopeDirectory } from './scope-directory';
import { foldServiceManager, type ServiceManagerSummary } from './service-manager.fold';
import { StreamHistories, type StreamReader } from './stream-histories';
import { foldSkippingUnreadable } from './timeline-lib';

export const DASHBOARD = 'dashboard';

/** Rows per statement: well below SQLite's and PostgreSQL's limits on bound variables. */
const ROWS_PER_WRITE = 500;
const chunked = <T>(items: readonly T[], size = ROWS_PER_WRITE): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Council and provider dashboards: a summary row per concern (with its owed actions) and one per
 * service's management. Each concern or service touched by a page is folded again from its stream
 * up to the version the page reached, so a correction or retraction anywhere in it is simply
 * reflected, and the rows depend only on the position applied (rebuilds give the same rows). The
 * page's rows are replaced in a few statements for the whole page.
 */
export function dashboardProjection(streams: StreamReader): Projection {
  const histories = StreamHistories.over(streams);
  return {
    name: DASHBOARD,
    // 2: contract_services holds confirmed contracts only (docs/contracts.md), so older models are rebuilt.
    version: 2,
    tables: ['concern_summaries', 'concern_actions', 'service_managers', 'record_scopes', 'organisations', 'contract_services'],
    async apply(trx: ReadTrx, events: readonly RecordedEvent[], { generation, skipped, reportUnreadable }: ProjectionContext) {
      histories.notePage(events);
      // A stream is folded without the events skipped as faults, and without any its fold cannot read
      // (those are reported as faults): one bad event never stops its concern's or service's row.
      const fold = <T>(history: readonly RecordedEvent[], folder: (events: readonly RecordedEvent[]) => T): T => {
        const kept = skipped && skipped.size > 0 ? history.filter((e) => !skipped.has(e.eventId)) : history;
        const { result, unreadable } = foldSkippingUnreadable(kept, folder);
        for (const u of unreadable) reportUnreadable?.(u, u.error);
        return result;
      };
      await applyScopeDirectory(trx, events, generation);
      const reached = new Map<string, RecordedEvent>();
      for (const e of events) {
        if (e.streamId.startsWith('concern-') || e.streamId.startsWith('service-')) reached.set(e.streamId, e);
      }
      const concerns: { concernId: string; summary: ConcernSummary | null; position: number }[] = [];
      const services: { serviceId: string; summary: ServiceManagerSummary | null }[] = [];
      for (const [stream, last] of reached) {
        const history = await histories.readStream(stream, { toVersion: last.streamVersion });
        const id = stream.slice(stream.indexOf('-') + 1);
        if (stream.startsWith('concern-')) concerns.push({ concernId: id, summary: fold(history, foldConcernSummary), position: last.globalPosition });
        else services.push({ serviceId: id, summary: fold(history, foldServiceManager) });
      }
      await writeConcerns(trx, generation, concerns);
      await writeServices(trx, generation, services);
    },
  };
}

/** Replaces the concerns' rows; a concern whose raising was retracted (recorded in error) has none. */
async function writeConcerns(
  trx: ReadTrx,
  generation: number,
  concerns: readonly { concernId: string; summary: ConcernSummary | null; position: number }[],
): Promise<void> {
  for (const part of chunked(concerns.map((c) => c.concernId))) {
    await trx.deleteFrom('concern_summaries').where('generation', '=', generation).where('concern_id', 'in', part).execute();
    await trx.deleteFrom('concern_actions').where('generation', '=', generation).where('concern_id', 'in', part).execute();
  }
  const summaries = [];
  const actions = [];
  for (const { summary: s, position } of concerns) {
    if (!s) continue;
    summaries.push({
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
    });
    for (const a of s.actions) {
      actions.push({
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
      });
    }
  }
  // 22 and 10 parameters a row.
  for (const part of chunked(summaries, 400)) await trx.insertInto('concern_summaries').values(part).execute();
  for (const part of chunked(actions)) await trx.insertInto('concern_actions').values(part).execute();
}

async function writeServices(
  trx: ReadTrx,
  generation: number,
  services: readonly { serviceId: string; summary: ServiceManagerSummary | null }[],
): Promise<void> {
  const gone = services.filter((s) => !s.summary).map((s) => s.serviceId);
  for (const part of chunked(gone)) {
    await trx.deleteFrom('service_managers').where('generation', '=', generation).where('service_id', 'in', part).execute();
  }
  const rows = services.flatMap(({ summary: s }) =>
    s
      ? [
          {
            generation,
            service_id: s.serviceId,
            provider_id: s.providerId,
            service_name: s.serviceName,
            manager_id: s.managerId,
            manager_basis: s.managerBasis,
            registered_manager_id: s.registeredManagerId,
            without_registered_manager_since: s.withoutRegisteredManagerSince,
          },
        ]
      : [],
  );
  for (const part of chunked(rows)) {
    await trx
      .insertInto('service_managers')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['generation', 'service_id']).doUpdateSet((eb) => ({
          provider_id: eb.ref('excluded.provider_id'),
          service_name: eb.ref('excluded.service_name'),
          manager_id: eb.ref('excluded.manager_id'),
          manager_basis: eb.ref('excluded.manager_basis'),
          registered_manager_id: eb.ref('excluded.registered_manager_id'),
          without_registered_manager_since: eb.ref('excluded.without_registered_manager_since'),
        })),
      )
      .execute();
  }
}
