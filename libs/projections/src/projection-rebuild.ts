import { CheckpointMovedError, RebuildStoppedError } from './projection.errors';
import { applyNextPage, applyNextPageTogether, nextBatchSize, type PageDeps } from './apply-page';
import type { Projection } from './projection';
import { createGeneration, findCheckpoint, listCheckpoints, lockCheckpoint, setGenerationStatus, type Checkpoint } from './projection-checkpoints';
import { deleteFaults, isTransientError } from './projection-faults';

export type RebuildPhase = 'building' | 'switching' | 'cleaning' | 'done' | 'failed';

export interface RebuildProgress {
  projection: string;
  /** The generation being built (serving once phase is 'cleaning' or 'done'). */
  generation: number;
  phase: RebuildPhase;
  position: number;
  headPosition: number;
  eventsApplied: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RebuildDeps extends PageDeps {
  pageSize: number;
  /** Pages grow from pageSize up to this while they come back full (see ProjectionRunnerOptions.maxBatchSize). Default pageSize. */
  maxBatchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Stops between pages; the building generation stays, and the next rebuild resumes it. */
  signal?: AbortSignal;
}

/**
 * Builds the projection again from position zero into a new generation while the active one keeps
 * serving (and keeps following the feed), then makes the new one active in one transaction, and
 * deletes the old one's rows. A rebuild that died part-way is resumed from its own checkpoint.
 * Faults belong to a generation, so a rebuild retries every faulted event: one that now applies
 * leaves no fault, and the old generation's faults are deleted with its rows.
 */
export async function rebuildProjection(deps: RebuildDeps): Promise<RebuildProgress> {
  const { projection, now } = deps;
  let building = await resumableGeneration(deps);
  const progress: RebuildProgress = {
    projection: projection.name,
    generation: building.generation,
    phase: 'building',
    position: building.position,
    headPosition: await deps.store.headPosition(),
    eventsApplied: 0,
    startedAt: now().toISOString(),
    finishedAt: null,
    error: null,
  };
  const report = (changes: Partial<RebuildProgress>) => {
    Object.assign(progress, changes);
    deps.onProgress?.({ ...progress });
  };
  report({});
  try {
    for (;;) {
      building = await catchUp(deps, building, (applied, position) => report({ eventsApplied: progress.eventsApplied + applied, position }));
      const headPosition = await deps.store.headPosition();
      report({ phase: 'switching', headPosition });
      if (await trySwitch(deps, building, headPosition)) break;
      // The serving generation moved past us while we caught up: catch up again (each round is shorter).
      report({ phase: 'building' });
    }
    report({ phase: 'cleaning' });
    await deleteRetiredGenerations(deps);
    report({ phase: 'done', finishedAt: now().toISOString() });
    return { ...progress };
  } catch (error) {
    report({ phase: 'failed', finishedAt: now().toISOString(), error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

export interface RebuildTogetherDeps extends Omit<RebuildDeps, 'projection' | 'onProgress'> {
  projections: readonly Projection[];
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Rebuilds several projections at once (`caretrail rebuild` of all of them): each gets its own new
 * generation as rebuildProjection gives it, but the feed is read once per batch for all of them and
 * each batch commits every projection's rows and checkpoint in one transaction. Once the feed's end
 * is reached (or a batch fails, or the building generations stand at different positions, as when a
 * rebuild of one of them is resumed), each projection is finished by rebuildProjection: it resumes
 * its building generation, applies what is left with the usual fault isolation, switches and
 * cleans up. So the models are the same as one rebuild after the other gives, in one read of the
 * feed instead of one per projection (docs/performance.md).
 */
export async function rebuildProjections(deps: RebuildTogetherDeps): Promise<RebuildProgress[]> {
  const { projections } = deps;
  const targets: { projection: Projection; checkpoint: Checkpoint }[] = [];
  for (const projection of projections) targets.push({ projection, checkpoint: await resumableGeneration({ ...deps, projection }) });
  const startedAt = deps.now().toISOString();
  const headPosition = await deps.store.headPosition();
  const applied = new Map<string, number>(projections.map((p) => [p.name, 0]));
  const report = (target: { projection: Projection; checkpoint: Checkpoint }) =>
    deps.onProgress?.({
      projection: target.projection.name,
      generation: target.checkpoint.generation,
      phase: 'building',
      position: target.checkpoint.position,
      headPosition,
      eventsApplied: applied.get(target.projection.name) ?? 0,
      startedAt,
      finishedAt: null,
      error: null,
    });
  // Those at the lowest position go together; any others catch up on their own below.
  const lowest = Math.min(...targets.map((t) => t.checkpoint.position));
  const together = targets.filter((t) => t.checkpoint.position === lowest);
  if (together.length > 1) {
    let size = deps.pageSize;
    const maxBatchSize = deps.maxBatchSize ?? deps.pageSize;
    for (;;) {
      if (deps.signal?.aborted)
        throw new RebuildStoppedError(projections.map((p) => p.name).join(', '), together[0].checkpoint.generation, together[0].checkpoint.position);
      let page: Awaited<ReturnType<typeof applyNextPageTogether>>;
      try {
        page = await applyNextPageTogether(deps, together, size);
      } catch (error) {
        if (isTransientError(error)) throw error;
        break; // a failing batch (or another process moved a checkpoint): each goes on alone, isolating faults
      }
      page.checkpoints.forEach((checkpoint, i) => {
        together[i].checkpoint = checkpoint;
        applied.set(together[i].projection.name, (applied.get(together[i].projection.name) ?? 0) + page.applied);
        if (page.applied > 0) report(together[i]);
      });
      if (page.isEnd) break;
      size = nextBatchSize(page, size, deps.pageSize, maxBatchSize);
    }
  }
  const done: RebuildProgress[] = [];
  for (const { projection } of targets) {
    const before = applied.get(projection.name) ?? 0;
    const progress = await rebuildProjection({
      ...deps,
      projection,
      onProgress: deps.onProgress && ((p) => deps.onProgress?.({ ...p, eventsApplied: before + p.eventsApplied, startedAt })),
    });
    done.push({ ...progress, eventsApplied: before + progress.eventsApplied, startedAt });
  }
  return done;
}

/** A building generation of this version left by an earlier rebuild, or a new one (stale ones retire). */
async function resumableGeneration(deps: Pick<RebuildDeps, 'db' | 'projection' | 'now'>): Promise<Checkpoint> {
  const { db, projection, now } = deps;
  for (const checkpoint of await listCheckpoints(db, projection.name)) {
    if (checkpoint.status !== 'building') continue;
    if (checkpoint.version === projection.version) return checkpoint;
    await db.transaction().execute((trx) => setGenerationStatus(trx, projection.name, checkpoint.generation, 'retired', now()));
  }
  return createGeneration(db, projection.name, projection.version, 'building', now());
}

async function catchUp(deps: RebuildDeps, from: Checkpoint, onPage: (applied: number, position: number) => void): Promise<Checkpoint> {
  let checkpoint = from;
  // A page that fails (the databases answering) is applied again at once in isolation: the events
  // that fail on their own become faults of the new generation, and the rebuild goes on.
  let isolateAt: number | null = null;
  let size = deps.pageSize;
  for (;;) {
    try {
      const page = await applyNextPage(deps, checkpoint, size, { isolate: isolateAt === checkpoint.position });
      size = nextBatchSize(page, size, deps.pageSize, deps.maxBatchSize ?? deps.pageSize);
      checkpoint = page.checkpoint;
      if (page.applied > 0) onPage(page.applied, checkpoint.position);
      if (page.isEnd) return checkpoint;
      if (deps.signal?.aborted) throw new RebuildStoppedError(checkpoint.name, checkpoint.generation, checkpoint.position);
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) {
        if (isTransientError(error) || isolateAt === checkpoint.position) throw error;
        isolateAt = checkpoint.position;
        continue;
      }
      // Another process resumed the same rebuild: go on from where it got to (or stop, if it switched).
      const current = (await listCheckpoints(deps.db, checkpoint.name)).find((c) => c.generation === checkpoint.generation);
      if (current?.status === 'active') return current;
      if (current?.status !== 'building') throw error;
      checkpoint = current;
    }
  }
}

/**
 * Flips the statuses in one transaction, with both checkpoints locked: readers see the old model or
 * the new one, never neither. The new one must not be behind the old, or a reader that waited for a
 * position would see it vanish; unless the old one claims positions beyond the store's head (read
 * models of another store, or of events a restore from an older backup no longer has): no reader
 * can be owed those, and the rebuild is what puts the model right, so it switches.
 */
async function trySwitch(deps: RebuildDeps, building: Checkpoint, headPosition: number): Promise<boolean> {
  const { db, dialect, projection, now } = deps;
  return db.transaction().execute(async (trx) => {
    const seen = await findCheckpoint(trx, projection.name, 'active');
    const active = seen && (await lockCheckpoint(trx, dialect, projection.name, seen.generation));
    const mine = await lockCheckpoint(trx, dialect, projection.name, building.generation);
    if (mine?.status === 'active') return true; // another process finished this same rebuild
    if (!mine || mine.status !== 'building') throw new CheckpointMovedError(`${projection.name} generation ${building.generation} is no longer building`);
    if (seen && active?.status !== 'active') return false;
    if (active && active.position > mine.position && active.position <= headPosition) return false;
    if (active) await setGenerationStatus(trx, projection.name, active.generation, 'retired', now());
    await setGenerationStatus(trx, projection.name, mine.generation, 'active', now());
    return true;
  });
}

/** Deletes the rows, faults and checkpoints of retired generations, one generation per transaction. */
export async function deleteRetiredGenerations(deps: Pick<RebuildDeps, 'db' | 'projection'>): Promise<number> {
  const { db, projection } = deps;
  const retired = (await listCheckpoints(db, projection.name)).filter((c) => c.status === 'retired');
  for (const { generation } of retired) {
    await db.transaction().execute(async (trx) => {
      for (const table of projection.tables) await trx.deleteFrom(table).where('generation', '=', generation).execute();
      await deleteFaults(trx, projection.name, generation);
      await trx.deleteFrom('projection_checkpoints').where('name', '=', projection.name).where('generation', '=', generation).execute();
    });
  }
  return retired.length;
}
