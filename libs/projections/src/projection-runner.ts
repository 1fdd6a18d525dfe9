import { CheckpointMovedError, ProjectionNotCaughtUpError } from './projection.errors';
import type { Projection, ReadDb, ReadDialect } from './projection';
import { applyNextPage, nextBatchSize, type FeedReader, type PageDeps } from './apply-page';
import { createGeneration, findCheckpoint, type Checkpoint } from './projection-checkpoints';
import { deleteRetiredGenerations, rebuildProjection, type RebuildProgress } from './projection-rebuild';
import { isTransientError, listFaults } from './projection-faults';
import { lagSeconds, type ProjectionStatus } from './projection-status';
import { WakeupSignal } from './wakeup-signal';

export interface ProjectionRunnerOptions {
  store: FeedReader;
  db: ReadDb;
  dialect: ReadDialect;
  projection: Projection;
  /** Events per transaction while following (and the first page of a catch-up). Default 500. */
  pageSize?: number;
  /**
   * Events per transaction at most while catching up or rebuilding: each page that comes back full
   * (the runner is behind) doubles the next one, up to this; a page that reaches the head goes back to
   * pageSize. Fewer, larger transactions (fewer commits, each stream a page touches folded once per
   * batch) make a rebuild faster (docs/performance.md). Default 4,000.
   */
  maxBatchSize?: number;
  /** How often a caught-up runner looks for appends made by other processes. Default 500 ms. */
  pollIntervalMs?: number;
  /**
   * After a failed page (store or read database away) the runner waits pollIntervalMs, then twice as
   * long after each further failure, up to this. Default 5000 ms.
   */
  maxRetryDelayMs?: number;
  /** How often waitFor re-reads the checkpoint when the runner may live in another process. Default 50 ms. */
  waitPollMs?: number;
  /** Rebuild on start when the serving generation was built by another version. Default true. */
  rebuildOnVersionChange?: boolean;
  onError?: (error: unknown, projection: string) => void;
  now?: () => Date;
}

/**
 * Keeps one projection up to date with the store's global feed: catches up page by page (rows and
 * checkpoint in one transaction), then follows, woken by poke() after an append in this process or
 * by a short poll for appends made elsewhere. Framework-free: the API's module starts and stops it.
 */
export class ProjectionRunner {
  readonly name: string;
  private readonly deps: PageDeps;
  private readonly pageSize: number;
  private readonly maxBatchSize: number;
  /** Events asked for by the next page on the serving generation (grows while behind). */
  private batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly waitPollMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly wakeup = new WakeupSignal();
  /** Signals each commit of the serving generation, for waitFor. */
  private readonly advanced = new WakeupSignal();
  private stopping: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private applying: Promise<unknown> = Promise.resolve();
  /** Set by stop(): a catch-up in progress ends after its page, so nothing reads after the caller closes its pools. */
  private stopRequested = false;
  private rebuilding: Promise<RebuildProgress> | undefined;
  private stopRebuild: AbortController | undefined;
  private lastRebuild: RebuildProgress | undefined;
  private lastError: string | null = null;
  /** Where the serving generation's pages have been failing, and how often in a row (transient failures aside). */
  private failing: { generation: number; position: number; times: number } | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.name = options.projection.name;
    this.pageSize = options.pageSize ?? 500;
    this.maxBatchSize = Math.max(this.pageSize, options.maxBatchSize ?? 4_000);
    this.batchSize = this.pageSize;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.waitPollMs = options.waitPollMs ?? 50;
    this.maxRetryDelayMs = Math.max(this.pollIntervalMs, options.maxRetryDelayMs ?? 5000);
    this.deps = {
      store: options.store,
      db: options.db,
      dialect: options.dialect,
      projection: options.projection,
      now: options.now ?? (() => new Date()),
    };
  }

  get isFollowing(): boolean {
    return this.loop !== undefined;
  }

  /** Starts following (idempotent). A model built by another version is rebuilt beside the serving one. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopRequested = false;
    const active = await this.ensureActive();
    await deleteRetiredGenerations(this.deps); // a switch that crashed before its clean-up
    if (active.version !== this.options.projection.version && (this.options.rebuildOnVersionChange ?? true)) {
      void this.rebuild().catch((error) => this.report(error));
    }
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = this.follow(stopping.signal);
  }

  /** Stops following, and stops a rebuild between pages (the next rebuild resumes it). */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.stopping?.abort();
    this.stopRebuild?.abort();
    await this.loop;
    this.loop = undefined;
    // A page a caller's catch-up started is finished before stop returns.
    await this.applying;
    await this.rebuilding?.catch(() => undefined);
  }

  /** Something was appended in this process: look now rather than at the next poll. */
  poke(): void {
    this.wakeup.notify();
  }

  /** Applies pages until the end of the feed as it stands; returns the serving checkpoint. */
  async catchUp(): Promise<Checkpoint> {
    for (;;) {
      const page = await this.step();
      if (page.isEnd || this.stopRequested) return page.checkpoint;
    }
  }

  async status(): Promise<ProjectionStatus> {
    const [active, headPosition] = await Promise.all([findCheckpoint(this.deps.db, this.name, 'active'), this.deps.store.headPosition()]);
    const position = active?.position ?? 0;
    let lag = 0;
    if (headPosition > position) {
      // Positions are integers, so the event after head - 1 is the newest one.
      const [newest] = (await this.deps.store.readAll({ after: headPosition - 1, limit: 1 })).events;
      // Nothing applied yet: behind by everything since the first event.
      const [first] = active?.lastRecordedAt ? [] : (await this.deps.store.readAll({ after: 0, limit: 1 })).events;
      lag = lagSeconds(active?.lastRecordedAt ?? first?.recordedAt ?? null, newest?.recordedAt ?? null);
    }
    const { count: faultCount, faults } = active ? await listFaults(this.deps.db, this.name, active.generation, FAULTS_LISTED) : { count: 0, faults: [] };
    return {
      name: this.name,
      version: this.options.projection.version,
      generation: active?.generation ?? null,
      builtByVersion: active?.version ?? null,
      position,
      headPosition,
      lagPositions: Math.max(0, headPosition - position),
      lagSeconds: lag,
      following: this.isFollowing,
      lastError: this.lastError,
      updatedAt: active?.updatedAt ?? null,
      faultCount,
      faults,
    };
  }

  /**
   * Resolves with the serving position once it is at least `position`; rejects with
   * ProjectionNotCaughtUpError after `timeoutMs`. Reads the checkpoint from the database, so it
   * also works where the runner follows in another process (this one only pokes and polls).
   */
  async waitFor(position: number, timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      this.advanced.clear();
      const reached = (await findCheckpoint(this.deps.db, this.name, 'active'))?.position ?? 0;
      if (reached >= position) return reached;
      const waited = Date.now() - started;
      if (waited >= timeoutMs) {
        throw new ProjectionNotCaughtUpError(this.name, position, reached, waited, Math.max(1, Math.ceil(timeoutMs / 1000)));
      }
      this.poke();
      await this.advanced.wait(Math.min(this.waitPollMs, timeoutMs - waited));
    }
  }

  /** Rebuilds from zero beside the serving model (one rebuild at a time; a second call joins the first). */
  rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    if (this.rebuilding) return this.rebuilding;
    this.stopRebuild = new AbortController();
    const run = rebuildProjection({
      ...this.deps,
      pageSize: this.pageSize,
      maxBatchSize: this.maxBatchSize,
      signal: this.stopRebuild.signal,
      onProgress: (progress) => {
        this.lastRebuild = progress;
        onProgress?.(progress);
        if (progress.phase === 'cleaning') this.advanced.notify();
      },
    });
    this.rebuilding = run.finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  /** The running rebuild's progress, or the last one's outcome. */
  rebuildProgress(): RebuildProgress | null {
    return this.lastRebuild ? { ...this.lastRebuild } : null;
  }

  /** One page on the serving generation; pages never overlap within a process. */
  private step(): ReturnType<typeof applyNextPage> {
    const run = this.applying.then(async () => {
      const active = await this.ensureActive();
      const failing = this.failing;
      const isolate =
        failing !== null && failing.generation === active.generation && failing.position === active.position && failing.times >= ISOLATE_AFTER_FAILURES;
      try {
        const page = await applyNextPage(this.deps, active, this.batchSize, { isolate });
        this.failing = null;
        this.batchSize = nextBatchSize(page, this.batchSize, this.pageSize, this.maxBatchSize);
        if (page.applied > 0) this.advanced.notify();
        return page;
      } catch (error) {
        // Another writer (a switch, another process) moved it: nothing was applied, look again.
        if (error instanceof CheckpointMovedError) return { checkpoint: active, applied: 0, isEnd: false };
        if (!isTransientError(error)) {
          const again = failing?.generation === active.generation && failing.position === active.position;
          this.failing = { generation: active.generation, position: active.position, times: again ? failing.times + 1 : 1 };
        }
        throw error;
      }
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  /**
   * Follows until stopped, whatever fails: a page that fails (PostgreSQL restarting, a file locked)
   * is retried after a delay that doubles with each further failure, so the runner neither dies nor
   * floods the log and the database while they are away, and picks up by itself once they are back.
   * A poke (an append in this process, so the store is back) cuts the delay short.
   */
  private async follow(stop: AbortSignal): Promise<void> {
    let failures = 0;
    while (!stop.aborted) {
      this.wakeup.clear();
      try {
        const caughtUp = (await this.step()).isEnd;
        this.lastError = null;
        failures = 0;
        if (!caughtUp) continue;
        await this.wakeup.wait(this.pollIntervalMs, stop);
      } catch (error) {
        failures += 1;
        this.report(error);
        await this.wakeup.wait(retryDelay(failures, this.pollIntervalMs, this.maxRetryDelayMs), stop);
      }
    }
  }

  /** The serving generation; the very first one is created active and fills as readers watch. */
  private async ensureActive(): Promise<Checkpoint> {
    const active = await findCheckpoint(this.deps.db, this.name, 'active');
    if (active) return active;
    try {
      return await createGeneration(this.deps.db, this.name, this.options.projection.version, 'active', this.deps.now());
    } catch (error) {
      // Another process created it first (one active generation per name is a unique index).
      const created = await findCheckpoint(this.deps.db, this.name, 'active');
      if (created) return created;
      throw error;
    }
  }

  private report(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    try {
      this.options.onError?.(error, this.name);
    } catch {
      // A failing error reporter must not stop the runner.
    }
  }
}

/**
 * A page that fails this many times in a row at the same place, for a reason other than the databases
 * being away, is applied next time in isolation: the events that fail on their own are recorded as
 * faults and passed. Retrying first means a passing blip never turns an event into a fault.
 */
export const ISOLATE_AFTER_FAILURES = 2;

/** Faults listed in a status (all are counted). */
const FAULTS_LISTED = 100;

/** The wait before retry number `failures` (1, 2, ...): first `base`, doubling up to `max`. */
export function retryDelay(failures: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.min(Math.max(0, failures - 1), 30));
}
