import type { RecordedEvent } from '@caretrail/event-store';
import { dashboard, listOrganisations, loadMeasureEvents, loadScopeEvents, type Dashboard, type DashboardScope, type OrganisationRow, type RecordScope } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';

/**
 * What the pages read from the projections (the dashboard queries and the scope event index). A port,
 * so the pages do not care how the read models are kept; the projections' runners keep them current.
 */
export interface WebReadModels {
  dashboard(scope: DashboardScope, on: string): Promise<Dashboard>;
  /** The stored events of a scope, in global order. */
  scopeEvents(scope: RecordScope): Promise<RecordedEvent[]>;
  /** A scope's events and its concerns' councils' clock settings: what its measures are computed from. */
  measureEvents(scope: RecordScope): Promise<RecordedEvent[]>;
  organisations(kind?: string): Promise<OrganisationRow[]>;
}

export const WEB_READ_MODELS = Symbol('WEB_READ_MODELS');

export const projectionReadModels = (read: ReadDatabase): WebReadModels => ({
  dashboard: (scope, on) => dashboard(read.db, scope, { on }),
  scopeEvents: (scope) => loadScopeEvents(read.db, scope),
  measureEvents: (scope) => loadMeasureEvents(read.db, scope),
  organisations: (kind) => listOrganisations(read.db, kind),
});
