import { isStoreUnavailable, StoreUnavailableError, type RecordedEvent } from '@caretrail/event-store';
import type { ProjectionFaultsTable } from '@caretrail/read-store';
import type { ReadDb, ReadTrx } from './projection';
import { CheckpointMovedError, RebuildStoppedError } from './projection.errors';

/**
 * - `skipped`: applying the event failed on its own, twice, with both databases answering; the runner
 *   recorded this and moved past it, so the read model goes on without it.
 * - `unreadable`: the projection applied the event but its fold could not read it (the timeline shows
 *   its entry as "could not be read"; a dashboard row is folded without it).
 */
export type ProjectionFaultKind = 'skipped' | 'unreadable';

/** An event one generation of a projection could not apply or read, as administrators see it. */
export interface ProjectionFault {
  projection: string;
  generation: number;
  kind: ProjectionFaultKind;
  globalPosition: number;
  eventId: string;
  eventType: string;
  streamId: string;
  error: string;
  /** When the runner recorded it. */
  recordedAt: string;
}

export interface FaultNote {
  event: Pick<RecordedEvent, 'eventId' | 'globalPosition' | 'streamId' | 'type'>;
  kind: ProjectionFaultKind;
  error: string;
}

/** Longest error text kept: enough to tell what went wrong, never a whole dump. */
const ERROR_TEXT_LIMIT = 1000;

export const errorText = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}` : String(error);
  return text.length > ERROR_TEXT_LIMIT ? `${text.slice(0, ERROR_TEXT_LIMIT - 1)}…` : text;
};

/** Records faults in the page's transaction; a fault already recorded for the event stays as first recorded. */
export async function recordFaults(trx: ReadTrx, projection: string, generation: number, notes: readonly FaultNote[], now: Date): Promise<void> {
  const rows = new Map<string, ProjectionFaultsTable>();
  for (const { event, kind, error } of notes) {
    if (rows.has(event.eventId)) continue;
    rows.set(event.eventId, {
      projection,
      generation,
      event_id: event.eventId,
      global_position: event.globalPosition,
      stream_id: event.streamId,
      event_type: event.type,
      kind,
      error: error.length > ERROR_TEXT_LIMIT ? `${error.slice(0, ERROR_TEXT_LIMIT - 1)}…` : error,
      recorded_at: now.toISOString(),
    });
  }
  const values = [...rows.values()];
  for (let i = 0; i < values.length; i += 100) {
    await trx
      .insertInto('projection_faults')
      .values(values.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['projection', 'generation', 'event_id']).doNothing())
      .execute();
  }
}

/** Events the runner skipped in this generation: projections that fold whole streams fold them without these. */
export async function skippedEventIds(db: ReadDb | ReadTrx, projection: string, generation: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('projection_faults')
    .select('event_id')
    .where('projection', '=', projection)
    .where('generation', '=', generation)
    .where('kind', '=', 'skipped')
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

/** A generation's faults, oldest position first, at most `limit`, and how many there are in all. */
export async function listFaults(
  db: ReadDb | ReadTrx,
  projection: string,
  generation: number,
  limit = 100,
): Promise<{ count: number; faults: ProjectionFault[] }> {
  const where = db.selectFrom('projection_faults').where('projection', '=', projection).where('generation', '=', generation);
  const [{ count }, rows] = await Promise.all([
    where.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow(),
    where.selectAll().orderBy('global_position').limit(limit).execute(),
  ]);
  return {
    count: Number(count),
    faults: rows.map((r) => ({
      projection: r.projection,
      generation: Number(r.generation),
      kind: r.kind as ProjectionFaultKind,
      globalPosition: Number(r.global_position),
      eventId: r.event_id,
      eventType: r.event_type,
      streamId: r.stream_id,
      error: r.error,
      recordedAt: r.recorded_at,
    })),
  };
}

export async function deleteFaults(trx: ReadTrx, projection: string, generation: number): Promise<void> {
  await trx.deleteFrom('projection_faults').where('projection', '=', projection).where('generation', '=', generation).execute();
}

/** SQLite result codes of a database that is busy, locked, full or failing beneath us: try again later. */
const TRANSIENT_SQLITE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|INTERRUPT|PROTOCOL|NOTADB|CORRUPT|PERM|AUTH)/;
/** PostgreSQL SQLSTATEs of a transaction that lost a race or a server short of something (not the data's fault). */
const TRANSIENT_SQLSTATES = /^(40001|40P01|55P03|55006|57014|53\d{3}|58\d{3}|XX\d{3}|F0\d{3}|HV\d{3})$/;
const TRANSIENT_MESSAGES = /database connection is not open|driver has already been destroyed|The operation was aborted|This socket has been ended/i;

/**
 * Whether an error says the databases (event store or read database) are away or busy, rather than
 * that the events being applied are at fault. Only what is not transient can make an event a fault;
 * a transient error is retried (with back-off) by the runner and never skips anything.
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (error instanceof StoreUnavailableError || error instanceof CheckpointMovedError || error instanceof RebuildStoppedError) return true;
  if ((error as { retryable?: unknown })?.retryable === true) return true;
  if (isStoreUnavailable(error)) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLITE.test(code) || TRANSIENT_SQLSTATES.test(code))) return true;
  const message = (error as { message?: unknown })?.message;
  if (typeof message === 'string' && TRANSIENT_MESSAGES.test(message)) return true;
  const cause = (error as { cause?: unknown })?.cause;
  return depth < 5 && cause !== undefined && cause !== error && isTransientError(cause, depth + 1);
}
