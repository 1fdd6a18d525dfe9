import type { OrganisationKind } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { ReadDb } from './projection';
import { activeGeneration } from './projection-checkpoints';
import { scopeCondition, type RecordScope } from './record-scope';
import { SCOPE_EVENTS } from './scope-events.projection';
import { councilsOfConcerns } from './timeline-lib';

export interface ScopeEventsOptions {
  /** Only events recorded by this instant: what the record showed then (basis 'recorded'). */
  recordedBy?: string;
  /** Only events after this global position (an incremental read of a scope already loaded up to it). */
  after?: number;
}

/** The stored events of a scope, in global order, ready for the timeline library's pure functions. */
export async function loadScopeEvents(db: ReadDb, scope: RecordScope, options: ScopeEventsOptions = {}): Promise<RecordedEvent[]> {
  let query = db
    .selectFrom('scope_events')
    .select('envelope')
    .where('generation', '=', activeGeneration(SCOPE_EVENTS))
    .where(scopeCondition('scope_events', scope));
  if (options.recordedBy !== undefined) query = query.where('recorded_ms', '<=', Date.parse(options.recordedBy));
  if (options.after !== undefined) query = query.where('global_position', '>', options.after);
  const rows = await query.orderBy('global_position').execute();
  return rows.map((row) => JSON.parse(row.envelope) as RecordedEvent);
}

/** The CouncilClocksSet events of these councils, in global order (replay and measures pick the ones in force). */
export async function loadCouncilClocksEvents(db: ReadDb, councilIds: readonly string[], options: ScopeEventsOptions = {}): Promise<RecordedEvent[]> {
  if (councilIds.length === 0) return [];
  let query = db
    .selectFrom('scope_events')
    .select('envelope')
    .where('generation', '=', activeGeneration(SCOPE_EVENTS))
    .where('council_id', 'in', [...new Set(councilIds)])
    .where('type', '=', 'CouncilClocksSet');
  if (options.recordedBy !== undefined) query = query.where('recorded_ms', '<=', Date.parse(options.recordedBy));
  if (options.after !== undefined) query = query.where('global_position', '>', options.after);
  const rows = await query.orderBy('global_position').execute();
  return rows.map((row) => JSON.parse(row.envelope) as RecordedEvent);
}

/**
 * What measures of a scope are computed from: its events, and the clocks settings of every council
 * whose concern is among them, so each concern is judged by its own council's clocks.
 */
export async function loadMeasureEvents(db: ReadDb, scope: RecordScope, options: ScopeEventsOptions = {}): Promise<RecordedEvent[]> {
  const events = await loadScopeEvents(db, scope, options);
  const councilIds = councilsOfConcerns(events);
  const seen = new Set(events.map((e) => e.eventId));
  const settings = (await loadCouncilClocksEvents(db, councilIds, options)).filter((e) => !seen.has(e.eventId));
  return settings.length === 0 ? events : [...events, ...settings].sort((a, b) => Number(a.globalPosition) - Number(b.globalPosition));
}

export interface OrganisationRow {
  organisationId: string;
  kind: string;
  name: string;
}

/** Registered organisations as the scope-events projection last saw them. */
export async function listOrganisations(db: ReadDb, kind?: string): Promise<OrganisationRow[]> {
  let query = db.selectFrom('organisations').select(['organisation_id', 'kind', 'name']).where('generation', '=', activeGeneration(SCOPE_EVENTS));
  if (kind !== undefined) query = query.where('kind', '=', kind);
  const rows = await query.orderBy('organisation_id').execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, kind: r.kind, name: r.name }));
}

/**
 * Kinds of registered organisations, for the timeline library's party rule when replaying. Pass the
 * ids that act in the events being replayed (the rule looks up nothing else) to keep a replay from
 * reading every organisation there is.
 */
export async function organisationKindMap(db: ReadDb, organisationIds?: Iterable<string>): Promise<Map<string, OrganisationKind>> {
  const ids = organisationIds === undefined ? undefined : [...new Set(organisationIds)];
  if (ids?.length === 0) return new Map();
  let query = db.selectFrom('organisations').select(['organisation_id', 'kind']).where('generation', '=', activeGeneration(SCOPE_EVENTS));
  if (ids) query = query.where('organisation_id', 'in', ids);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.organisation_id, r.kind as OrganisationKind]));
}
