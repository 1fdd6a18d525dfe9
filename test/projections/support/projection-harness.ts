import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type EventStore } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';

export type StoreKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when CARETRAIL_TEST_PG_URL is set (CI sets it). */
export function kindsUnderTest(): StoreKind[] {
  if (process.env.CARETRAIL_TEST_PG_URL) return ['sqlite', 'postgres'];
  console.warn('CARETRAIL_TEST_PG_URL is not set: projection tests run on SQLite only (CI sets it)');
  return ['sqlite'];
}

export interface Harness {
  kind: StoreKind;
  store: EventStore;
  read: ReadDatabase;
  /** Closes and reopens both databases on the same files or schemas: a process restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Waits (bounded) until the feed shows the store's head, and returns it. The head counts every
 * committed event; on PostgreSQL the feed stops below the oldest transaction still open in the whole
 * cluster (the gap-safe horizon), and other suites running beside this one hold transactions open. A
 * catch-up applies the feed as it stands, so a test that compares "caught up" models first settles.
 */
export async function settledHead(store: Pick<EventStore, 'headPosition' | 'readAll'>, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    const [shown] = head > 0 ? (await store.readAll({ after: head - 1, limit: 1 })).events : [];
    if (head === 0 || shown?.globalPosition === head) return head;
    if (Date.now() > deadline) throw new Error(`The feed did not reach the head ${head} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The store as the tests see it: an append returns, and the head answers, once the feed shows them
 * (settledHead, bounded), so a catch-up right after an append applies it on every store.
 */
function settlingHead(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'headPosition') return () => settledHead(target);
      if (prop === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
          const result = await target.append(...args);
          await settledHead(target);
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A fresh event store and read database: temp SQLite files, or fresh PostgreSQL schemas. */
export async function openHarness(kind: StoreKind): Promise<Harness> {
  let open: () => Promise<{ store: EventStore; read: ReadDatabase }>;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-projections-'));
    open = async () => {
      const store = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
      await store.init();
      return { store, read: await openReadDatabase({ kind: 'sqlite', filename: join(dir, 'read.db') }) };
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = process.env.CARETRAIL_TEST_PG_URL!;
    const schema = `proj_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    open = async () => {
      const store = new PostgresEventStore({ connectionString: url, schema, poolSize: 3, pollIntervalMs: 20 });
      await store.init();
      return { store, read: await openReadDatabase({ kind: 'postgres', connectionString: url, schema: `${schema}_read`, poolSize: 4 }) };
    };
    cleanup = async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
      await client.end();
    };
  }
  const opened = open;
  open = async () => {
    const { store, read } = await opened();
    return { store: settlingHead(store), read };
  };
  let current = await open();
  const harness: Harness = {
    kind,
    store: current.store,
    read: current.read,
    async restart() {
      await current.store.close();
      await current.read.close();
      current = await open();
      harness.store = current.store;
      harness.read = current.read;
    },
    async close() {
      await current.store.close();
      await current.read.close();
      await cleanup();
    },
  };
  return harness;
}
