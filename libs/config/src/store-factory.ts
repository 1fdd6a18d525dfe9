import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { EventStore } from '@caretrail/event-store';
import type { ReadDatabase } from '@caretrail/read-store';
import type { AppConfig } from './app-config';

// Each store's driver is loaded only when that kind of store is opened, so code that merely imports
// @caretrail/config (the offline `caretrail verify` among it) loads no pg, better-sqlite3 or
// EventStoreDB client: test/lint/event-store-entries.e2e.ts checks it.

/** The configured event store, initialised. `clock` sets recordedAt; only the demo seed moves it. */
export async function createEventStore(config: AppConfig, clock?: () => Date): Promise<EventStore> {
  let store: EventStore;
  switch (config.CARETRAIL_STORE) {
    case 'postgres': {
      const { PostgresEventStore } = await import('@caretrail/event-store/postgres');
      store = new PostgresEventStore({ connectionString: config.CARETRAIL_PG_URL!, schema: config.CARETRAIL_PG_SCHEMA, clock });
      break;
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('@caretrail/event-store/eventstoredb');
      store = new EventStoreDbEventStore({ connectionString: config.CARETRAIL_ESDB_URL!, streamPrefix: config.CARETRAIL_ESDB_PREFIX, clock });
      break;
    }
    default: {
      const { SqliteEventStore } = await import('@caretrail/event-store/sqlite');
      store = new SqliteEventStore({ filename: config.CARETRAIL_SQLITE_FILE, clock });
    }
  }
  await store.init();
  return store;
}

/** A command that reads a store was pointed at a place holding none: it says where it looked and what sets that. */
export class MissingStoreError extends Error {
  override readonly name = 'MissingStoreError';
}

/** A PostgreSQL URL as it may be printed: never with its password. */
export const withoutPassword = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether a file is a SQLite database by its first bytes (an empty file is one, to SQLite). */
function startsLikeSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === 0 || (read === head.length && head.equals(SQLITE_HEADER));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a SQLite file that is not there (a mistyped path must not become a new, empty store) or that
 * holds no CareTrail store. `setBy` names what gave the path, e.g. `CARETRAIL_SQLITE_FILE`. Never creates
 * or changes the file.
 */
export function assertSqliteStoreExists(filename: string, setBy: string): void {
  const file = resolve(filename);
  if (!existsSync(file)) {
    throw new MissingStoreError(
      `There is no CareTrail store at ${file} (set by ${setBy}): check the path. Nothing was created; the service or caretrail seed creates a new store.`,
    );
  }
  if (!statSync(file).isFile()) throw new MissingStoreError(`${file} (set by ${setBy}) is not a file: name the store's .db file`);
  // Something else is never opened by SQLite, which would take a -wal file beside it for its own.
  if (!startsLikeSqlite(file)) throw new MissingStoreError(`${file} (set by ${setBy}) is not a SQLite database, so holds no CareTrail store: check the path`);
  let db: Database.Database | undefined;
  let hasEvents: boolean;
  try {
    // Synchronous callers: required here, not at the top, so importing this module loads no driver.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Sqlite = require('better-sqlite3') as typeof Database;
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
    hasEvents = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'streams')`).all().length === 2;
  } catch (error) {
    throw new MissingStoreError(`${file} (set by ${setBy}) cannot be read as a CareTrail store: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
  if (!hasEvents) throw new MissingStoreError(`${file} (set by ${setBy}) holds no CareTrail store (no events table): check the path`);
}

/** Refuses a PostgreSQL schema that holds no CareTrail store (a mistyped schema must not become a new, empty one). */
export async function assertPostgresStoreExists(connectionString: string, schema: string | undefined, setBy: string): Promise<void> {
  const name = schema ?? 'caretrail';
  const { Client } = await import('pg');
  const client = new Client({ connectionString, connectionTimeoutMillis: 10_000 });
  // An idle connection that drops reports here; the query below has already answered or failed.
  client.on('error', () => undefined);
  let found: boolean;
  try {
    await client.connect();
    const { rows } = await client.query<{ events: string | null; streams: string | null }>(
      `SELECT to_regclass(format('%I.events', $1::text))::text AS events, to_regclass(format('%I.streams', $1::text))::text AS streams`,
      [name],
    );
    found = rows[0].events !== null && rows[0].streams !== null;
  } catch (error) {
    throw new MissingStoreError(`Cannot look for a CareTrail store in schema ${name} at ${withoutPassword(connectionString)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!found) {
    throw new MissingStoreError(
      `Schema ${name} at ${withoutPassword(connectionString)} (set by ${setBy}) holds no CareTrail store (no ${name}.events table): check the schema name. Nothing was created.`,
    );
  }
}

/** Refuses, with a MissingStoreError, a configured store that is not there (EventStoreDB, a server whose CareTrail streams may be none yet, is taken as it is). */
export async function assertConfiguredStoreExists(config: AppConfig): Promise<void> {
  if (config.CARETRAIL_STORE === 'postgres')
    await assertPostgresStoreExists(config.CARETRAIL_PG_URL!, config.CARETRAIL_PG_SCHEMA, 'CARETRAIL_PG_URL and CARETRAIL_PG_SCHEMA');
  else if (config.CARETRAIL_STORE === 'sqlite') assertSqliteStoreExists(config.CARETRAIL_SQLITE_FILE, 'CARETRAIL_SQLITE_FILE');
}

/**
 * The configured store for a command that only reads it (verify-store, export): refused when there is
 * none, never created; a SQLite store is opened read-only.
 */
export async function openExistingEventStore(config: AppConfig): Promise<EventStore> {
  await assertConfiguredStoreExists(config);
  if (config.CARETRAIL_STORE !== 'sqlite') return createEventStore(config);
  const { SqliteEventStore } = await import('@caretrail/event-store/sqlite');
  const store = new SqliteEventStore({ filename: config.CARETRAIL_SQLITE_FILE, readonly: true });
  await store.init();
  return store;
}

/**
 * Read models live beside the events: a second SQLite file, or a sibling PostgreSQL schema. With
 * EventStoreDB they live in PostgreSQL (CARETRAIL_PG_URL), in the same schema a PostgreSQL store's would.
 */
export async function openConfiguredReadDatabase(config: AppConfig): Promise<ReadDatabase> {
  const { openReadDatabase } = await import('@caretrail/read-store');
  return config.CARETRAIL_STORE === 'postgres' || config.CARETRAIL_STORE === 'eventstoredb'
    ? openReadDatabase({
        kind: 'postgres',
        connectionString: config.CARETRAIL_PG_URL!,
        schema: config.CARETRAIL_PG_SCHEMA ? `${config.CARETRAIL_PG_SCHEMA}_read` : undefined,
      })
    : openReadDatabase({ kind: 'sqlite', filename: sqliteReadDatabaseFile(config.CARETRAIL_SQLITE_FILE) });
}

/** The read-model file beside a SQLite event store: `caretrail.db` has `caretrail-read.db`. */
export function sqliteReadDatabaseFile(storeFile: string): string {
  return storeFile.replace(/(\.db)?$/, '-read.db');
}
