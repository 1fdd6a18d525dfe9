import { isStoreUnavailable, mapPgError } from '@caretrail/event-store';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { Pool, PoolClient } from 'pg';

interface GuardedClient extends PostgresPoolClient {
  /** The connection failed during this checkout: the pool must drop it, not hand it out again. */
  lost?: unknown;
}

/**
 * The read database's pg pool as Kysely sees it, made safe for a server that goes away and comes
 * back: a lost or refused connection becomes StoreUnavailableError (HTTP 503 with Retry-After)
 * instead of a driver error (HTTP 500), a connection that failed is dropped rather than reused, and
 * a connection dropping never crashes the process through an unhandled 'error' event.
 */
export function guardReadPool(pool: Pool): PostgresPool {
  // An idle connection that drops is reported on the pool; without a listener the process dies.
  pool.on('error', () => undefined);
  // A checked-out connection reports on itself once its query has already failed (Kysely listens to
  // neither): the query's own error is the one that counts.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const guarded = new WeakMap<PoolClient, GuardedClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw mapPgError(error, 'connecting to the read database');
      }
      let wrapper = guarded.get(client);
      if (!wrapper) {
        const own: GuardedClient = {
          query: ((sql: string, parameters: readonly unknown[]) =>
            client.query(sql, parameters as unknown[]).then(
              (result) => result as unknown as PostgresQueryResult<unknown>,
              (error: unknown) => {
                if (isStoreUnavailable(error)) own.lost = error;
                throw mapPgError(error, 'querying the read database');
              },
            )) as PostgresPoolClient['query'],
          release: () => {
            const lost = own.lost;
            own.lost = undefined;
            client.release(lost instanceof Error ? lost : lost === undefined ? undefined : true);
          },
        };
        wrapper = own;
        guarded.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
