import {
  loadMeasureEvents,
  loadScopeEvents,
  organisationKindMap,
  readTimeline,
  type MeasuresReader,
  type ReadDb,
  type RecordScope,
} from '@caretrail/projections';
import {
  computeMeasures,
  endOfLondonDay,
  replayMeasures,
  replayTimeline,
  toLondonDate,
  type Measures,
  type ReplayPoint,
  type TimelinePage,
  type TimelineQuery,
} from '@caretrail/timeline';

/**
 * Reads of a scope (a concern, a service, a provider's services, a council's portfolio) from the read
 * models, shared by the API's query handlers and the CLI (which has no Nest app). The scope must
 * already carry the concerns its reader may read (the query keeps to them); who may read the scope
 * at all is the caller's check (the API's ResolveScopeQuery).
 */

/** On the 'recorded' basis nothing recorded after the day is loaded at all; on 'occurred' the replay selects. */
const loadOptions = (point: ReplayPoint) => (point.basis === 'recorded' ? { recordedBy: endOfLondonDay(point.asOf) } : {});

/** A scope's timeline: live from the timeline read model, as of a date replayed from the scope's events through the same pure functions. */
export async function scopeTimeline(db: ReadDb, scope: RecordScope, query: TimelineQuery, point: ReplayPoint | null): Promise<TimelinePage> {
  if (!point) return readTimeline(db, scope, query);
  const events = await loadScopeEvents(db, scope, loadOptions(point));
  const organisationKinds = await organisationKindMap(
    db,
    events.map((e) => e.actor.organisationId),
  );
  return replayTimeline(events, { ...query, asOf: point.asOf, basis: point.basis, organisationKinds });
}

/**
 * A scope's ten measures, evaluated today (London) live, or on the day as of a date. Live, a server
 * passes its MeasuresReader (figures held per scope, equal to computing them from every event); a
 * one-off reader (the CLI) computes them from every event.
 */
export async function scopeMeasures(
  db: ReadDb,
  scope: RecordScope,
  point: ReplayPoint | null,
  held?: MeasuresReader,
  today: string = toLondonDate(new Date()),
): Promise<Measures> {
  if (!point && held) return held.live(scope, today);
  if (!point) return computeMeasures(await loadMeasureEvents(db, scope), { on: today });
  return replayMeasures(await loadMeasureEvents(db, scope, loadOptions(point)), point);
}
