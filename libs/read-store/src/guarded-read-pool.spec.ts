import { StoreUnavailableError } from '@caretrail/event-store';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { openReadDatabase, type ReadDatabase } from './read-database';

const url = process.env.CARETRAIL_TEST_PG_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A local port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the read database on PostgreSQL, when the server is away', () => {
  it('reports a refused connection as StoreUnavailableError (503), not as a driver error', async () => {
    const port = await closedPort();
    const opening = openReadDatabase({ kind: 'postgres', connectionString: `postgres://nobody@127.0.0.1:${port}/none`, schema: 'unused' });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

if (!url) {
  const reason = 'CARETRAIL_TEST_PG_URL is not set (e.g. postgres://root@127.0.0.1:5432/test)';
  console.warn(`Read database connection-loss tests skipped: ${reason}`);
  describe.skip(`the read database on PostgreSQL, losing connections (skipped: ${reason})`, () => {
    it('needs a PostgreSQL database', () => undefined);
  });
} else {
  describe('the read database on PostgreSQL, losing connections', () => {
    // Only this test's own connections are ever terminated: they carry a name nobody else uses.
    const tag = `caretrail_read_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const schema = `${tag}_read`;
    let read: ReadDatabase;
    let admin: Client;

    // Two steps on purpose: in one statement the planner may call pg_terminate_backend before the
    // filter, on every backend of the (shared) cluster.
    const terminateOwnConnections = async (onlyRunning?: string): Promise<number> => {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()
           AND ($2::text IS NULL OR (state = 'active' AND query LIKE $2))`,
        [tag, onlyRunning ?? null],
      );
      for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      return rows.length;
    };

    beforeAll(async () => {
      admin = new Client({ connectionString: url });
      try {
        await admin.connect();
      } catch (error) {
        throw new Error(`CARETRAIL_TEST_PG_URL is set but PostgreSQL cannot be reached: ${String(error)}`);
      }
      const tagged = new URL(url);
      tagged.searchParams.set('application_name', tag);
      read = await openReadDatabase({ kind: 'postgres', connectionString: tagged.toString(), schema, poolSize: 3 });
    });
    afterAll(async () => {
      await read?.close();
      await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin?.end();
    });

    it('works in its own schema on every connection', async () => {
      const { rows } = await sql<{ search_path: string }>`SHOW search_path`.execute(read.db);
      expect(rows[0].search_path).toContain(schema);
      await expect(read.db.selectFrom('idempotency_keys').select('key').execute()).resolves.toEqual([]);
    });

    it('survives connections dropped while idle in the pool, and the next queries succeed', async () => {
      await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(read.db)));
      expect(await terminateOwnConnections()).toBeGreaterThan(0);
      await sleep(200); // the pool hears of it: an 'error' event that would end the process if unheard
      const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => sql`SELECT 1 AS one`.execute(read.db)));
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(StoreUnavailableError);
      await expect(sql<{ one: number }>`SELECT 1 AS one`.execute(read.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    });

    it('reports a connection lost inside a transaction as StoreUnavailableError, and never reuses it', async () => {
      const transaction = read.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        await terminateOwnConnections();
        // The connection is checked out and idle here: its 'error' event has no query to go to.
        await sleep(200);
        await sql`SELECT 1`.execute(trx);
      });
      await expect(transaction).rejects.toBeInstanceOf(StoreUnavailableError);
      for (let i = 0; i < 4; i++) {
        await expect(sql<{ one: number }>`SELECT 1 AS one`.execute(read.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
      }
    });

    it('reports a query cut off by the server as StoreUnavailableError', async () => {
      const running = sql`SELECT pg_sleep(5)`.execute(read.db);
      for (let i = 0; i < 50 && (await terminateOwnConnections('%pg_sleep(5)%')) === 0; i++) await sleep(20);
      await expect(running).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(sql<{ one: number }>`SELECT 1 AS one`.execute(read.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    });
  });
}
