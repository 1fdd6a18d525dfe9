import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import { ProjectionHost, findCheckpoint, scopeEventsProjection } from '@caretrail/projections';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';
import { CareHistory, day } from './support/care-history';

/**
 * PostgreSQL's feed horizon on a shared server: a transaction that holds a transaction id anywhere in
 * the cluster (here in the `postgres` database, not the test's) holds the feed back. A wait for the
 * store's head (what the pages, the health report and the tests wait for) must neither return before
 * the event just appended is applied nor lose it once that transaction ends. The plain store is used
 * (not the projection harness, whose appends wait for the feed).
 */
const url = process.env.CARETRAIL_TEST_PG_URL;
const describePg = url ? describe : describe.skip;

/** Whether a promise has settled by the time the promises already queued have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describePg('the feed horizon on a shared PostgreSQL server', () => {
  const schema = `horizon_${process.pid}_${randomBytes(4).toString('hex')}`;
  let store: PostgresEventStore;
  let read: ReadDatabase;
  let host: ProjectionHost;
  let elsewhere: Client;

  beforeEach(async () => {
    store = new PostgresEventStore({ connectionString: url!, schema, poolSize: 3, pollIntervalMs: 20 });
    await store.init();
    read = await openReadDatabase({ kind: 'postgres', connectionString: url!, schema: `${schema}_read`, poolSize: 3 });
    host = new ProjectionHost({ store, db: read.db, dialect: read.dialect, projections: [scopeEventsProjection], pageSize: 50 });
    const other = new URL(url!);
    other.pathname = '/postgres';
    elsewhere = new Client({ connectionString: other.toString() });
    await elsewhere.connect();
  });

  afterEach(async () => {
    await elsewhere.query('ROLLBACK').catch(() => undefined);
    await elsewhere.end();
    await host.stop();
    await store.close();
    await read.close();
    const client = new Client({ connectionString: url! });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
    await client.end();
  });

  it.each(['COMMIT', 'ROLLBACK'])(
    'waits for the head past a transaction open in another database, and applies the event once it ends (%s)',
    async (end) => {
      const history = new CareHistory(store);
      await history.organisation('org-before', 'provider', day(0));
      await host.start();
      await host.waitFor(await store.headPosition(), 60_000);

      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      const appended = await history.organisation('org-during', 'provider', day(1));

      // The head counts the event at once, though the feed does not show it yet.
      const head = await store.headPosition();
      expect(head).toBe(appended.globalPosition);
      expect((await store.readAll({ after: head - 1 })).events).toEqual([]);
      const waiting = host.waitFor(head, 120_000);
      // A catch-up applies the whole feed as it stands: still short of the head, so the wait goes on.
      const checkpoint = await host.runner(scopeEventsProjection.name).catchUp();
      expect(checkpoint.position).toBeLessThan(head);
      expect(await settled(waiting)).toBe(false);
      const rows = async () => (await read.db.selectFrom('scope_events').select('event_id').orderBy('global_position').execute()).map((r) => r.event_id);
      expect(await rows()).toEqual([history.recorded[0].eventId]);

      await elsewhere.query(end);
      await waiting;
      expect((await findCheckpoint(read.db, scopeEventsProjection.name, 'active'))?.position).toBe(head);
      expect(await rows()).toEqual(history.recorded.map((e) => e.eventId));
      const [status] = await host.status();
      expect(status).toMatchObject({ position: head, headPosition: head, lagPositions: 0 });
    },
    180_000,
  );
});
