import { sql } from 'kysely';
import type { EventStore, RecordedEvent } from '@caretrail/event-store';
import { CheckpointMovedError } from './projection.errors';
import type { Projection, ReadDb, ReadDialect } from './projection';
import { advanceCheckpoint, lockCheckpoint, type Checkpoint } from './projection-checkpoints';
import { errorText, isTransientError, recordFaults, skippedEventIds, type FaultNote } from './projection-faults';

/** The part of the EventStore port a projection reads. */
export type FeedReader = Pick<EventStore, 'readAll' | 'headPosition'>;

export interface PageDeps {
  store: FeedReader;
  db: ReadDb;
  dialect: ReadDialect;
  projection: Projection;
  now: () => Date;
}

export interface PageResult {
  checkpoint: Checkpoint;
  applied: number;
  /** The page reached the end of the feed as it stood when read. */
  isEnd: boolean;
}

/**
 * Applies the next page of the feed to one generation: the rows and the checkpoint commit together
 * or not at all, so a crash anywhere leaves the model exactly at its checkpoint. The checkpoint is
 * re-read (and locked) inside the transaction; if another writer moved it since, nothing is applied.
 *
 * A failing page is thrown, for the runner to retry. With `isolate` (the runner asks for it once the
 * same page has failed repeatedly, for a reason other than the databases being away) the page is
 * split until the events that fail on their own are found: each is tried once more, then, while both
 * databases answer, recorded as a fault (projection, generation, position, event id, error) in the
 * transaction that moves the checkpoint past it. So one event a projection cannot apply never stops
 * the others.
 */
export async function applyNextPage(deps: PageDeps, checkpoint: Checkpoint, limit: number, { isolate = false } = {}): Promise<PageResult> {
  const page = await deps.store.readAll({ after: checkpoint.position, limit });
  if (page.events.length === 0) return { checkpoint, applied: 0, isEnd: page.isEnd };
  const next = isolate ? await applyIsolating(deps, checkpoint, page.events) : await applyEvents(deps, checkpoint, page.events);
  return { checkpoint: next, applied: page.events.length, isEnd: page.isEnd };
}

/** Applies the events, halving a part that fails until each event that fails alone is recorded as a fault. */
async function applyIsolating(deps: PageDeps, checkpoint: Checkpoint, events: readonly RecordedEvent[]): Promise<Checkpoint> {
  try {
    return await applyEvents(deps, checkpoint, events);
  } catch (error) {
    if (isTransientError(error)) throw error;
    if (events.length === 1) return applyOnceMoreOrRecordFault(deps, checkpoint, events[0]);
  }
  const half = Math.ceil(events.length / 2);
  const afterFirst = await applyIsolating(deps, checkpoint, events.slice(0, half));
  return applyIsolating(deps, afterFirst, events.slice(half));
}

async function applyEvents(deps: PageDeps, checkpoint: Checkpoint, events: readonly RecordedEvent[]): Promise<Checkpoint> {
  const last = events[events.length - 1];
  return deps.db.transaction().execute(async (trx) => {
    const current = await lockUnmoved(deps, trx, checkpoint);
    const unreadable: FaultNote[] = [];
    await deps.projection.apply(trx, events, {
      generation: current.generation,
      dialect: deps.dialect,
      skipped: await skippedEventIds(trx, checkpoint.name, current.generation),
      reportUnreadable: (event, error) => unreadable.push({ event, kind: 'unreadable', error }),
    });
    if (unreadable.length > 0) await recordFaults(trx, checkpoint.name, current.generation, unreadable, deps.now());
    return advanceCheckpoint(trx, current, last.globalPosition, last.recordedAt, deps.now());
  });
}

/**
 * One page of the feed applied to several projections' generations at once (a rebuild of them
 * together): the feed is read once, and every projection's rows and checkpoint commit in one
 * transaction, or none do. Each projection writes only its own generation, exactly as applyEvents
 * would: the rows depend on the events applied, not on the company they were applied in. No fault
 * isolation here: a page that fails is thrown, and the caller goes on projection by projection
 * (rebuildProjection), which isolates as usual.
 */
export async function applyNextPageTogether(
  deps: Omit<PageDeps, 'projection'>,
  targets: readonly { projection: Projection; checkpoint: Checkpoint }[],
  limit: number,
): Promise<{ checkpoints: Checkpoint[]; applied: number; isEnd: boolean }> {
  const after = targets[0].checkpoint.position;
  if (targets.some((t) => t.checkpoint.position !== after)) throw new Error('applyNextPageTogether: the checkpoints must be at one position');
  const page = await deps.store.readAll({ after, limit });
  if (page.events.length === 0) return { checkpoints: targets.map((t) => t.checkpoint), applied: 0, isEnd: page.isEnd };
  const last = page.events[page.events.length - 1];
  const checkpoints = await deps.db.transaction().execute(async (trx) => {
    const moved: Checkpoint[] = [];
    for (const { projection, checkpoint } of targets) {
      const current = await lockUnmoved(deps, trx, checkpoint);
      const unreadable: FaultNote[] = [];
      await projection.apply(trx, page.events, {
        generation: current.generation,
        dialect: deps.dialect,
        skipped: await skippedEventIds(trx, checkpoint.name, current.generation),
        reportUnreadable: (event, error) => unreadable.push({ event, kind: 'unreadable', error }),
      });
      if (unreadable.length > 0) await recordFaults(trx, checkpoint.name, current.generation, unreadable, deps.now());
      moved.push(await advanceCheckpoint(trx, current, last.globalPosition, last.recordedAt, deps.now()));
    }
    return moved;
  });
  return { checkpoints, applied: page.events.length, isEnd: page.isEnd };
}

async function applyOnceMoreOrRecordFault(deps: PageDeps, checkpoint: Checkpoint, event: RecordedEvent): Promise<Checkpoint> {
  let failure: unknown;
  try {
    return await applyEvents(deps, checkpoint, [event]);
  } catch (error) {
    if (isTransientError(error)) throw error;
    failure = error;
  }
  // The event is to blame only if both databases answer now; if either does not, this throws and the
  // runner retries the event later instead of skipping it.
  await deps.store.headPosition();
  await sql`SELECT 1`.execute(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    const current = await lockUnmoved(deps, trx, checkpoint);
    await recordFaults(trx, checkpoint.name, current.generation, [{ event, kind: 'skipped', error: errorText(failure) }], deps.now());
    return advanceCheckpoint(trx, current, event.globalPosition, event.recordedAt, deps.now());
  });
}

async function lockUnmoved(deps: Pick<PageDeps, 'dialect'>, trx: Parameters<Projection['apply']>[0], checkpoint: Checkpoint): Promise<Checkpoint> {
  const current = await lockCheckpoint(trx, deps.dialect, checkpoint.name, checkpoint.generation);
  if (!current || current.status !== checkpoint.status || current.position !== checkpoint.position) {
    throw new CheckpointMovedError(`${checkpoint.name} generation ${checkpoint.generation} moved from ${checkpoint.position} (${checkpoint.status})`);
  }
  return current;
}

/**
 * The size of the page after this one: twice this one's while pages come back full and the feed goes
 * on (catching up), back to `pageSize` once a page reaches the head (following).
 */
export function nextBatchSize(page: { applied: number; isEnd: boolean }, size: number, pageSize: number, maxBatchSize: number): number {
  if (page.isEnd || page.applied < size) return pageSize;
  return Math.min(maxBatchSize, size * 2);
}
