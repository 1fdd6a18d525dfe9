import type { EventStore } from '@caretrail/event-store';
import { dashboardProjection } from './dashboard.projection';
import { dueItemsProjection } from './due-items.projection';
import { UnknownProjectionError } from './projection.errors';
import type { Projection } from './projection';
import { rebuildProjections, type RebuildProgress } from './projection-rebuild';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import type { ProjectionStatus } from './projection-status';
import { scopeEventsProjection } from './scope-events.projection';
import { StreamHistories } from './stream-histories';
import { timelineProjection, type TimelineProjectionOptions } from './timeline.projection';

/**
 * CareTrail's read models: scope events (replay), timeline entries, dashboards, due items (the to-do
 * lists). Those that fold whole streams share one set of kept stream histories (bounded), so a stream is read once.
 */
export function careTrailProjections(store: Pick<EventStore, 'readStream'>, options: TimelineProjectionOptions = {}): Projection[] {
  const histories = new StreamHistories(store);
  return [scopeEventsProjection, timelineProjection(histories, options), dashboardProjection(histories), dueItemsProjection(histories)];
}

export interface ProjectionHostOptions extends Omit<ProjectionRunnerOptions, 'projection'> {
  projections: readonly Projection[];
}

/**
 * One runner per projection, driven together: what the API's module starts after boot, pokes after
 * each append, asks for status, waits on before a read that must see a write, and rebuilds through
 * (admin endpoint, CLI).
 */
export class ProjectionHost {
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(private readonly options: ProjectionHostOptions) {
    for (const projection of options.projections) {
      this.runners.set(projection.name, new ProjectionRunner({ ...options, projection }));
    }
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new UnknownProjectionError(name);
    return runner;
  }

  async start(): Promise<void> {
    for (const runner of this.runners.values()) await runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  /** Call after each successful append in this process. */
  poke(): void {
    for (const runner of this.runners.values()) runner.poke();
  }

  /** Brings every projection to the end of the feed (CLI, tests, a worker's first pass). */
  async catchUp(): Promise<void> {
    for (const runner of this.runners.values()) await runner.catchUp();
  }

  status(): Promise<ProjectionStatus[]> {
    return Promise.all([...this.runners.values()].map((r) => r.status()));
  }

  /**
   * Resolves once every named projection (all by default) has applied `position`; rejects with the
   * first ProjectionNotCaughtUpError after `timeoutMs` (the API answers 503 with its Retry-After).
   */
  async waitFor(position: number, timeoutMs: number, names: readonly string[] = this.names): Promise<void> {
    await Promise.all(names.map((name) => this.runner(name).waitFor(position, timeoutMs)));
  }

  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    return this.runner(name).rebuild(onProgress);
  }

  /**
   * Rebuilds the named projections (all by default) together: one read of the feed and one
   * transaction per batch for all of them (rebuildProjections), each switching when it is caught up.
   * The CLI's `caretrail rebuild`; a single projection is rebuilt by its runner (rebuild()).
   */
  rebuildTogether(names: readonly string[] = this.names, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress[]> {
    // runner() throws UnknownProjectionError for a name that is not registered.
    const projections = names.map((name) => this.runner(name) && this.options.projections.find((p) => p.name === name)).filter((p) => p !== undefined);
    const { options } = this;
    const pageSize = options.pageSize ?? 500;
    return rebuildProjections({
      store: options.store,
      db: options.db,
      dialect: options.dialect,
      projections,
      now: options.now ?? (() => new Date()),
      pageSize,
      maxBatchSize: Math.max(pageSize, options.maxBatchSize ?? 4_000),
      onProgress,
    });
  }

  rebuildProgress(name: string): RebuildProgress | null {
    return this.runner(name).rebuildProgress();
  }
}
