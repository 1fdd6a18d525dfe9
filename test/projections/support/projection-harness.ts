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
 * The store as the tests see it: its head waits (bounded) until every event this test appended is
 * visible in the feed. On PostgreSQL the feed stops below the oldest transaction still open in the
 * whole cluster (the gap-safe design), and other suites running beside this one hold transactions
 * open; a test that compares "caught up" models must compare them at the same, complete, feed.
 */
function settlingHead(store: EventStore): EventStore {
  let appended = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
          const result = await target.append(...args);
          appended = Math.max(appended, result.lastGlobalPosition);
          return result;
        };
      }
      if (prop === 'headPosition') {
        return async () => {
          const deadline = Date.now() + 30_000;
          for (;;) {
            const head = await target.headPosition();
            if (head >= appended || Date.now() > deadline) return head;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
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
