import type { EventStore } from '@caretrail/event-store';
import { careTrailProjections, ProjectionHost, type Projection, type ProjectionStatus } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import type { HeldLease, PostgresLease } from './postgres-lease';
import { abortableSleep } from './abortable-sleep';

export type ProjectorRole = 'starting' | 'standby' | 'leader' | 'stopped';

export interface ProjectorOptions {
  store: EventStore;
  read: ReadDatabase;
  lease: PostgresLease;
  /** Default: CareTrail's read models (careTrailProjections). */
  projections?: readonly Projection[];
  /** How often the leader looks for new events (appends happen in other processes). Default 200 ms. */
  pollIntervalMs?: number;
  pageSize?: number;
  /**
   * How long a replica that just lost the lease waits before competing for it again, so that a
   * standby (which has been trying all along) takes over rather than the replica whose connection
   * just failed. Default 2000 ms.
   */
  rejoinDelayMs?: number;
  log?: (message: string) => void;
}

/**
 * The projection runner as a process of its own, for deployments whose API replicas run with
 * CARETRAIL_PROJECTIONS=external. Replicas of it may run side by side: each waits for the lease, and
 * only its holder runs the projections; when the holder dies, its lease goes with its database
 * session and a standby takes over from the checkpoints the read models keep.
 */
export class Projector {
  private currentRole: ProjectorRole = 'starting';
  private host: ProjectionHost | undefined;
  private lease: HeldLease | undefined;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private terms = 0;

  constructor(private readonly options: ProjectorOptions) {}

  get role(): ProjectorRole {
    return this.currentRole;
  }

  /** How many times this replica has taken the lease. */
  get leadershipTerms(): number {
    return this.terms;
  }

  get backendPid(): number | undefined {
    return this.lease?.backendPid;
  }

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => {
      this.log(`stopped by an error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.currentRole = 'stopped';
      throw error;
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop?.catch(() => undefined);
    this.currentRole = 'stopped';
  }

  async status(): Promise<{ role: ProjectorRole; projections: ProjectionStatus[] }> {
    return { role: this.currentRole, projections: this.host ? await this.host.status() : [] };
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let rejoinAfterLoss = false;
    while (!signal.aborted) {
      this.currentRole = 'standby';
      if (rejoinAfterLoss) await abortableSleep(this.options.rejoinDelayMs ?? 2000, signal);
      const lease = await this.options.lease.acquire(signal);
      if (!lease) break;
      this.lease = lease;
      this.terms += 1;
      const host = new ProjectionHost({
        store: this.options.store,
        db: this.options.read.db,
        dialect: this.options.read.dialect,
        projections: this.options.projections ?? careTrailProjections(this.options.store),
        pollIntervalMs: this.options.pollIntervalMs ?? 200,
        pageSize: this.options.pageSize,
        onError: (error, projection) => this.logError(projection, error),
      });
      this.host = host;
      this.currentRole = 'leader';
      this.log(`took the lease (backend ${lease.backendPid}); running ${host.names.join(', ')}`);
      let lost: Error | undefined;
      try {
        await host.start();
        lost = await Promise.race([
          lease.lost,
          new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true })),
        ]);
      } finally {
        // Stop writing first: a lost lease may already be someone else's.
        await host.stop();
        this.currentRole = 'standby';
        if (lost) this.log(`lost the lease (${lost.message}); projections stopped, waiting to take it again`);
        rejoinAfterLoss = lost !== undefined;
        await lease.release();
        this.lease = undefined;
      }
    }
  }

  private readonly lastErrors = new Map<string, { message: string; at: number }>();

  /** A failing projection retries every poll: say so once, then again only if it changes or every minute. */
  private logError(projection: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const last = this.lastErrors.get(projection);
    if (last && last.message === message && Date.now() - last.at < 60_000) return;
    this.lastErrors.set(projection, { message, at: Date.now() });
    this.log(`projection ${projection}: ${message}`);
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => console.log(m)))(`[projector] ${message}`);
  }
}
