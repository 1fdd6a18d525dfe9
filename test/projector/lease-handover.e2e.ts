import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type EventStore } from '@caretrail/event-store';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import { findCheckpoint } from '@caretrail/projections';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';
import { leaseKey, PostgresLease } from '../../apps/projector/src/postgres-lease';
import { Projector } from '../../apps/projector/src/projector';
import { CareHistory, day } from '../projections/support/care-history';

const url = process.env.CARETRAIL_TEST_PG_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(25);
  }
}

async function sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

if (!url) {
  const reason = 'CARETRAIL_TEST_PG_URL is not set (e.g. postgres://root@127.0.0.1:5432/test)';
  console.warn(`Projector lease handover tests skipped: ${reason}`);
  describe.skip(`projector lease handover (skipped: ${reason})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('projector lease handover on PostgreSQL', () => {
    let schema: string;
    let leaseName: string;
    let writer: PostgresEventStore;
    let history: CareHistory;
    const closers: (() => Promise<unknown>)[] = [];
    const children: ChildProcess[] = [];

    /** One projector replica as its own process would have it: its own store, read pool and lease connection. */
    async function replica(name: string): Promise<{ projector: Projector; read: ReadDatabase; store: EventStore; logs: string[] }> {
      const store = new PostgresEventStore({ connectionString: url!, schema, poolSize: 2, pollIntervalMs: 50 });
      await store.init();
      const read = await openReadDatabase({ kind: 'postgres', connectionString: url!, schema: `${schema}_read`, poolSize: 3 });
      const lease = new PostgresLease({ connectionString: url!, name: leaseName, holder: `caretrail-test-${name}`, retryMs: 100, heartbeatMs: 100 });
      const logs: string[] = [];
      const projector = new Projector({ store, read, lease, pollIntervalMs: 50, pageSize: 7, log: (m) => logs.push(m) });
      closers.push(async () => {
        await projector.stop();
        await store.close();
        await read.close();
      });
      return { projector, read, store, logs };
    }

    async function record(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const n = history.recorded.length;
        await history.organisation(`org-${n}`, n % 2 ? 'provider' : 'council', day(n % 200));
      }
    }

    /**
     * Until the serving scope-events model has applied everything appended so far (by the last
     * appended position: the feed's head may lag while another transaction in the cluster is open).
     */
    async function caughtUp(read: ReadDatabase): Promise<void> {
      const last = history.recorded[history.recorded.length - 1].globalPosition;
      await until(
        'the read model reaches the last append',
        async () => ((await findCheckpoint(read.db, 'scope-events', 'active'))?.position ?? 0) >= last || undefined,
        15_000,
      );
    }

    async function scopeRows(read: ReadDatabase): Promise<string[]> {
      const rows = await read.db.selectFrom('scope_events').select(['event_id']).orderBy('global_position').execute();
      return rows.map((r) => r.event_id);
    }

    beforeEach(async () => {
      schema = `projector_${process.pid}_${randomBytes(4).toString('hex')}`;
      leaseName = `caretrail-projector-test:${schema}`;
      writer = new PostgresEventStore({ connectionString: url!, schema, poolSize: 2 });
      await writer.init();
      history = new CareHistory(writer);
    });

    // Cleanup is bounded: a session of a killed replica can hold a lock until PostgreSQL notices it
    // is gone, and the schemas are unique per test, so a slow drop is left behind rather than waited on.
    const bounded = (work: Promise<unknown>, ms: number) => Promise.race([work.catch(() => undefined), sleep(ms)]);

    afterEach(async () => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
      for (const close of closers.splice(0).reverse()) await bounded(close(), 10_000);
      await bounded(writer.close(), 10_000);
      await bounded(sql(`SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`), 15_000);
    }, 60_000);

    it('runs the projections on one replica only; when its lease connection dies the other takes over from the checkpoint, with no doubled rows', async () => {
      const a = await replica('a');
      const b = await replica('b');
      a.projector.start();
      await until('a leads', () => a.projector.role === 'leader');
      b.projector.start();
      await until('b waits', () => b.projector.role === 'standby');

      await record(40);
      await caughtUp(a.read);
      await sleep(300);
      expect(b.projector.role).toBe('standby');
      expect(b.projector.leadershipTerms).toBe(0);
      const generation = (await findCheckpoint(a.read.db, 'scope-events', 'active'))!.generation;

      // Appends keep coming while the holder's database session is killed.
      const writing = record(30);
      const pid = a.projector.backendPid!;
      const [{ terminated }] = await sql<{ terminated: boolean }>('SELECT pg_terminate_backend($1) AS terminated', [pid]);
      expect(terminated).toBe(true);
      const killedAt = Date.now();
      await until('a notices and stands down', () => a.projector.role === 'standby', 5_000);
      await until('b takes over', () => b.projector.role === 'leader', 5_000);
      const handover = Date.now() - killedAt;
      expect(handover).toBeLessThan(5_000);
      await writing;
      await record(10);
      await caughtUp(b.read);

      // Every event exactly once, in feed order, in the generation that was serving all along.
      const rows = await scopeRows(b.read);
      expect(rows).toEqual(history.recorded.map((e) => e.eventId));
      const checkpoint = (await findCheckpoint(b.read.db, 'scope-events', 'active'))!;
      expect(checkpoint.generation).toBe(generation);
      expect(checkpoint.position).toBe(history.recorded[history.recorded.length - 1].globalPosition);
      const [{ doubled }] = await sql<{ doubled: string }>(
        `SELECT count(*) AS doubled FROM (SELECT event_id FROM "${schema}_read".scope_events GROUP BY generation, event_id HAVING count(*) > 1) d`,
      );
      expect(Number(doubled)).toBe(0);
      expect(a.logs.join('\n')).toMatch(/lost the lease/);
      // The lease is b's alone now: a keeps waiting.
      await sleep(300);
      expect(a.projector.role).toBe('standby');
    }, 60_000);

    it('hands over when the holder stops cleanly, and again when it comes back and the other stops', async () => {
      const a = await replica('a');
      const b = await replica('b');
      a.projector.start();
      await until('a leads', () => a.projector.role === 'leader');
      b.projector.start();
      await record(15);
      await caughtUp(a.read);
      await a.projector.stop();
      await until('b takes over', () => b.projector.role === 'leader', 5_000);
      await record(15);
      await caughtUp(b.read);
      expect(await scopeRows(b.read)).toEqual(history.recorded.map((e) => e.eventId));
    }, 60_000);

    it('takes over within seconds from a holder process killed with SIGKILL', async () => {
      // A plain Node child takes the same advisory lock, as a projector process holding the lease would.
      const script = `
        const { Client } = require('pg');
        const client = new Client({ connectionString: process.argv[1], application_name: 'caretrail-test-child' });
        client.connect()
          .then(() => client.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [process.argv[2]]))
          .then((r) => { console.log(r.rows[0].locked ? 'LOCKED' : 'BUSY'); setInterval(() => undefined, 1000); });`;
      const child = spawn(process.execPath, ['-e', script, url!, leaseKey(leaseName)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await until('the child holds the lease', () => output.includes('LOCKED') || undefined);

      const b = await replica('b');
      b.projector.start();
      await record(10);
      await sleep(400);
      expect(b.projector.role).toBe('standby');
      expect(await scopeRows(b.read)).toEqual([]);

      const killedAt = Date.now();
      child.kill('SIGKILL');
      await until('b takes over', () => b.projector.role === 'leader', 5_000);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await caughtUp(b.read);
      expect(await scopeRows(b.read)).toEqual(history.recorded.map((e) => e.eventId));
    }, 60_000);
  });
}
