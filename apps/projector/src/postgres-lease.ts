import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { abortableSleep } from './abortable-sleep';

export interface PostgresLeaseOptions {
  connectionString: string;
  /** What is leased; every replica that must not run beside another uses the same name. */
  name: string;
  /** Shown in pg_stat_activity, so an operator sees who holds what. */
  holder: string;
  /** How often a replica without the lease tries to take it. Default 1000 ms. */
  retryMs?: number;
  /** How often the holder checks its connection is still alive. Default 1000 ms. */
  heartbeatMs?: number;
}

/** The lease while held: `lost` settles (with why) if the connection that holds it dies. */
export interface HeldLease {
  readonly lost: Promise<Error>;
  /** Backend process id of the connection holding the lock (pg_terminate_backend ends the lease). */
  readonly backendPid: number;
  release(): Promise<void>;
}

/** The advisory lock key of a lease name: the first 8 bytes of its SHA-256, as a signed bigint. */
export function leaseKey(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest().readBigInt64BE(0).toString();
}

/**
 * A lease on a PostgreSQL session-level advisory lock, held on a connection of its own. PostgreSQL
 * releases the lock when that session ends for any reason (process killed, connection cut, backend
 * terminated), so a standby replica's next try takes it over. The holder notices a dead connection
 * through the client's error and end events and a heartbeat query, and must then stop writing.
 * The lease is ownership, not the only guard: projection pages still commit only if their checkpoint
 * has not moved, so even two writers in the moment of a handover never apply an event twice.
 */
export class PostgresLease {
  readonly key: string;
  private readonly retryMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly options: PostgresLeaseOptions) {
    this.key = leaseKey(options.name);
    this.retryMs = options.retryMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 1000;
  }

  /** Waits until the lease is ours (undefined if `signal` aborts first). */
  async acquire(signal: AbortSignal): Promise<HeldLease | undefined> {
    while (!signal.aborted) {
      const held = await this.tryAcquire().catch(() => undefined);
      if (held) {
        if (!signal.aborted) return held;
        await held.release();
        return undefined;
      }
      await abortableSleep(this.retryMs, signal);
    }
    return undefined;
  }

  /** One attempt: the lease, or undefined when another session holds it. Throws if PostgreSQL cannot be reached. */
  async tryAcquire(): Promise<HeldLease | undefined> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.holder.slice(0, 63),
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    let reportLoss: (error: Error) => void = () => undefined;
    const lost = new Promise<Error>((resolve) => (reportLoss = resolve));
    client.on('error', (error) => reportLoss(error));
    client.on('end', () => reportLoss(new Error('lease connection ended')));
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean; pid: number }>('SELECT pg_try_advisory_lock($1::bigint) AS locked, pg_backend_pid() AS pid', [
        this.key,
      ]);
      if (!rows[0]?.locked) {
        await client.end();
        return undefined;
      }
      return this.held(client, rows[0].pid, lost, reportLoss);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private held(client: Client, backendPid: number, lost: Promise<Error>, reportLoss: (error: Error) => void): HeldLease {
    let released = false;
    const heartbeat = setInterval(() => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`lease heartbeat got no answer within ${this.heartbeatMs * 3} ms`)), this.heartbeatMs * 3).unref(),
      );
      Promise.race([client.query('SELECT 1'), timeout]).catch((error: Error) => {
        if (!released) reportLoss(error);
      });
    }, this.heartbeatMs);
    heartbeat.unref();
    void lost.then(() => {
      clearInterval(heartbeat);
      // The lock went with the session; drop what is left of the connection.
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    });
    return {
      lost,
      backendPid,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }
}
