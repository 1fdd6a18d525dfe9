import { EventStoreDbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@caretrail/event-store';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';
import type { AppConfig } from './app-config';

/** The configured event store, initialised. `clock` sets recordedAt; only the demo seed moves it. */
export async function createEventStore(config: AppConfig, clock?: () => Date): Promise<EventStore> {
  let store: EventStore;
  switch (config.CARETRAIL_STORE) {
    case 'postgres':
      store = new PostgresEventStore({ connectionString: config.CARETRAIL_PG_URL!, schema: config.CARETRAIL_PG_SCHEMA, clock });
      break;
    case 'eventstoredb':
      store = new EventStoreDbEventStore({ connectionString: config.CARETRAIL_ESDB_URL!, streamPrefix: config.CARETRAIL_ESDB_PREFIX, clock });
      break;
    default:
      store = new SqliteEventStore({ filename: config.CARETRAIL_SQLITE_FILE, clock });
  }
  await store.init();
  return store;
}

/**
 * Read models live beside the events: a second SQLite file, or a sibling PostgreSQL schema. With
 * EventStoreDB they live in PostgreSQL (CARETRAIL_PG_URL), in the same schema a PostgreSQL store's would.
 */
export function openConfiguredReadDatabase(config: AppConfig): Promise<ReadDatabase> {
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
