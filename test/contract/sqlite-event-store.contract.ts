import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError, verifyChain, type EventStore } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { describeEventStoreContract } from './event-store-contract.suite';
import { newEvent } from './event.fixtures';

/** A store on a fresh file in a directory that does not exist yet (the store creates it). */
async function openTemporaryStore(): Promise<{ filename: string; stores: EventStore[]; dir: string; store: SqliteEventStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-contract-'));
  const filename = join(dir, 'data', 'events.db');
  const store = new SqliteEventStore({ filename, pollIntervalMs: 50 });
  await store.init();
  return { filename, dir, store, stores: [store] };
}

describeEventStoreContract('SqliteEventStore', async () => {
  const { filename, dir, store, stores } = await openTemporaryStore();
  return {
    store,
    async openPeer() {
      const peer = new SqliteEventStore({ filename, pollIntervalMs: 50 });
      await peer.init();
      stores.push(peer);
      return peer;
    },
    async cleanup() {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore on disk', () => {
  let dir: string;
  let filename: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    ({ dir, filename, store } = await openTemporaryStore());
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses WAL and records its migrations once, across reopening', async () => {
    await store.append('s', [newEvent()], 'no_stream');
    await store.close();
    store = new SqliteEventStore({ filename });
    await store.init();
    expect(await store.streamVersion('s')).toBe(1);

    const raw = new Database(filename, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      raw.close();
    }
  });

  it('reports the store unavailable when another connection holds the write lock too long', async () => {
    const impatient = new SqliteEventStore({ filename, busyTimeoutMs: 50 });
    await impatient.init();
    const raw = new Database(filename);
    try {
      raw.exec('BEGIN IMMEDIATE');
      await expect(impatient.append('s', [newEvent()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
      raw.exec('COMMIT');
      await expect(impatient.append('s', [newEvent()], 'any')).resolves.toMatchObject({ nextExpectedVersion: 1 });
    } finally {
      raw.close();
      await impatient.close();
    }
  });

  it('takes recordedAt from the given clock, and the chain still verifies', async () => {
    const clocked = new SqliteEventStore({ filename, clock: () => new Date('2024-02-29T12:00:00.000Z') });
    await clocked.init();
    try {
      const { events } = await clocked.append('s', [newEvent(), newEvent()], 'no_stream');
      expect(events.map((e) => e.recordedAt)).toEqual(['2024-02-29T12:00:00.000Z', '2024-02-29T12:00:00.000Z']);
      verifyChain(await store.readStream('s'));
    } finally {
      await clocked.close();
    }
  });

  it('fails init when the file cannot be created', async () => {
    writeFileSync(join(dir, 'not-a-directory'), '');
    const nowhere = new SqliteEventStore({ filename: join(dir, 'not-a-directory', 'events.db') });
    await expect(nowhere.init()).rejects.toThrow(/not-a-directory/);
    await nowhere.close();
  });
});
