import { Client } from 'pg';

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A database of the bench's own, created empty (dropped first when `fresh`); returns its URL. */
export async function benchDatabase(url: string, database: string, fresh: boolean): Promise<string> {
  await onServer(url, async (client) => {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  });
  return withDatabase(url, database);
}

/**
 * Drops a bench database once every subject has closed. Not WITH (FORCE): a connection some subject
 * failed to close would be killed under it, and an idle pg client whose server goes away raises an
 * unhandled 'error' event that ends the process. A leak is reported instead; the next run's
 * `benchDatabase(..., fresh)` drops the leftover.
 */
export async function dropDatabase(url: string, database: string): Promise<void> {
  await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS "${database}"`)).catch((error: unknown) => {
    console.warn(`  (database ${database} left in place: ${error instanceof Error ? error.message : String(error)})`);
  });
}

export async function postgresReachable(url: string): Promise<string | undefined> {
  try {
    await onServer(url, (client) => client.query('SELECT 1'));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
