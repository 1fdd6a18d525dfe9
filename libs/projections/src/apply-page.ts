import type { EventStore } from '@caretrail/event-store';
import { CheckpointMovedError } from './projection.errors';
import type { Projection, ReadDb, ReadDialect } from './projection';
import { advanceCheckpoint, lockCheckpoint, type Checkpoint } from './projection-checkpoints';

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
 */
export async function applyNextPage(deps: PageDeps, checkpoint: Checkpoint, limit: number): Promise<PageResult> {
  const page = await deps.store.readAll({ after: checkpoint.position, limit });
  if (page.events.length === 0) return { checkpoint, applied: 0, isEnd: page.isEnd };
  const last = page.events[page.events.length - 1];
  const next = await deps.db.transaction().execute(async (trx) => {
    const current = await lockCheckpoint(trx, deps.dialect, checkpoint.name, checkpoint.generation);
    if (!current || current.status !== checkpoint.status || current.position !== checkpoint.position) {
      throw new CheckpointMovedError(
        `${checkpoint.name} generation ${checkpoint.generation} moved from ${checkpoint.position} (${checkpoint.status})`,
      );
    }
    await deps.projection.apply(trx, page.events, { generation: current.generation, dialect: deps.dialect });
    return advanceCheckpoint(trx, current, last.globalPosition, last.recordedAt, deps.now());
  });
  return { checkpoint: next, applied: page.events.length, isEnd: page.isEnd };
}
