import { StoreUnavailableError, type NewEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { FeedReader } from './apply-page';
import type { Projection } from './projection';
import { nextBatchSize } from './apply-page';
import { ProjectionRunner, retryDelay } from './projection-runner';

const comment = (text: string): NewEvent => ({
  eventId: uuidv7(),
  type: 'CommentRecorded',
  schemaVersion: 1,
  data: { text },
  occurredAt: new Date().toISOString(),
  actor: { userId: 'user-1', organisationId: 'org-1', role: 'officer' },
  correlationId: uuidv7(),
  causationId: null,
  commandId: null,
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

describe('retryDelay', () => {
  it('starts at the poll interval and doubles up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 1000].map((n) => retryDelay(n, 500, 5000))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});

describe('nextBatchSize', () => {
  it('doubles while pages come back full, up to the cap, and goes back to the page size at the head', () => {
    expect(nextBatchSize({ applied: 500, isEnd: false }, 500, 500, 4000)).toBe(1000);
    expect(nextBatchSize({ applied: 2000, isEnd: false }, 2000, 500, 4000)).toBe(4000);
    expect(nextBatchSize({ applied: 4000, isEnd: false }, 4000, 500, 4000)).toBe(4000);
    expect(nextBatchSize({ applied: 1200, isEnd: false }, 2000, 500, 4000)).toBe(500);
    expect(nextBatchSize({ applied: 4000, isEnd: true }, 4000, 500, 4000)).toBe(500);
  });
});

describe('a projection runner catching up', () => {
  it('applies growing batches while behind, each event once and in order, then pages of pageSize again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-runner-batches-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.init();
    const read = await openReadDatabase({ kind: 'sqlite', filename: join(dir, 'read.db') });
    try {
      const batches: number[] = [];
      const applied: number[] = [];
      const projection: Projection = {
        name: 'batches',
        version: 1,
        tables: [],
        async apply(_trx, events) {
          batches.push(events.length);
          applied.push(...events.map((e) => e.globalPosition));
        },
      };
      const written = await store.append(
        'comments-1',
        Array.from({ length: 1000 }, (_, i) => comment(`c${i}`)),
        'no_stream',
      );
      const runner = new ProjectionRunner({ store, db: read.db, dialect: read.dialect, projection, pageSize: 10, maxBatchSize: 80 });
      await runner.catchUp();
      expect(applied).toEqual(written.events.map((e) => e.globalPosition));
      expect(batches.slice(0, 5)).toEqual([10, 20, 40, 80, 80]);
      expect(Math.max(...batches)).toBe(80);
      const more = await store.append('comments-1', [comment('later')], 1000);
      await runner.catchUp();
      expect(batches[batches.length - 1]).toBe(1);
      expect(applied.slice(-1)).toEqual(more.events.map((e) => e.globalPosition));
    } finally {
      await store.close();
      await read.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a projection runner whose store goes away and comes back', () => {
  let dir: string;
  let store: SqliteEventStore;
  let read: ReadDatabase;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caretrail-runner-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.init();
    read = await openReadDatabase({ kind: 'sqlite', filename: join(dir, 'read.db') });
  });
  afterEach(async () => {
    await runner?.stop();
    await store.close();
    await read.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps following, backing off while it fails, and catches up by itself once the store is back', async () => {
    const applied: number[] = [];
    const projection: Projection = {
      name: 'positions',
      version: 1,
      tables: [],
      async apply(_trx, events) {
        applied.push(...events.map((e) => e.globalPosition));
      },
    };
    // The runner reads whichever store is open now, as it would across a database restart.
    const feed: FeedReader = { readAll: (o) => store.readAll(o), headPosition: () => store.headPosition() };
    const failures: { at: number; error: unknown }[] = [];
    runner = new ProjectionRunner({
      store: feed,
      db: read.db,
      dialect: read.dialect,
      projection,
      pollIntervalMs: 20,
      maxRetryDelayMs: 160,
      onError: (error) => {
        failures.push({ at: Date.now(), error });
        throw new Error('the error reporter fails too'); // and still the runner must carry on
      },
    });
    const first = await store.append('comments-1', [comment('one'), comment('two')], 'no_stream');
    await runner.start();
    await runner.waitFor(first.lastGlobalPosition, 5000);

    await store.close(); // the store is away: every read now fails with StoreUnavailableError
    await until(() => failures.length >= 6);
    expect(failures.every((f) => f.error instanceof StoreUnavailableError)).toBe(true);
    expect(runner.isFollowing).toBe(true);
    // Each wait at least as long as the schedule says (timers never fire much early; a busy machine only adds).
    const gaps = failures.slice(1).map((f, i) => f.at - failures[i].at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(retryDelay(i + 1, 20, 160) - 5));

    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.init();
    const second = await store.append('comments-2', [comment('three')], 'no_stream');
    await runner.waitFor(second.lastGlobalPosition, 5000); // no poke: found by the runner's own retry
    expect(applied).toEqual([...first.events, ...second.events].map((e) => e.globalPosition));
    let status = await runner.status();
    for (let i = 0; i < 100 && status.lastError !== null; i++) status = await new Promise((r) => setTimeout(r, 20)).then(() => runner!.status());
    expect(status).toMatchObject({ following: true, lastError: null, lagPositions: 0 });
  });
});
