import type { RecordedEvent } from '@caretrail/event-store';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { applyScopeDirectory } from './scope-directory';

export const SCOPE_EVENTS = 'scope-events';

/** Rows per INSERT: 13 parameters each stays far below SQLite's limit on bound variables. */
const ROWS_PER_INSERT = 200;

/**
 * Every event's envelope beside its scope columns, so a replay of one provider, service, concern or
 * council portfolio loads exactly its events in one indexed query and hands them to the pure replay.
 */
export const scopeEventsProjection: Projection = {
  name: SCOPE_EVENTS,
  // 2: contract_services holds confirmed contracts only (docs/contracts.md), so older models are rebuilt.
  version: 2,
  tables: ['scope_events', 'record_scopes', 'organisations', 'contract_services'],
  async apply(trx: ReadTrx, events: readonly RecordedEvent[], { generation }: ProjectionContext) {
    const scopes = await applyScopeDirectory(trx, events, generation);
    const rows = events.map((event) => {
      const scope = scopes.scopeOf(event);
      return {
        generation,
        global_position: event.globalPosition,
        event_id: event.eventId,
        stream_id: event.streamId,
        type: event.type,
        provider_id: scope.providerId,
        service_id: scope.serviceId,
        concern_id: scope.concernId,
        council_id: scope.councilId,
        contract_id: scope.contractId,
        occurred_ms: Date.parse(event.occurredAt),
        recorded_ms: Date.parse(event.recordedAt),
        envelope: JSON.stringify(event),
      };
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('scope_events')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
  },
};
