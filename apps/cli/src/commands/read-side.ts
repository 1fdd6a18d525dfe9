import { assertConfiguredStoreExists, createEventStore, loadConfig, openConfiguredReadDatabase, type AppConfig } from '@caretrail/config';
import type { EventStore } from '@caretrail/event-store';
import { careTrailProjections, ProjectionHost } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';

export interface ReadSide {
  store: EventStore;
  read: ReadDatabase;
  host: ProjectionHost;
  close(): Promise<void>;
}

/**
 * The configured store (or the one `config` names), its read database and the projections over them,
 * as the API has them. A store that is not there is refused, not created empty.
 */
export async function openReadSide(config: AppConfig = loadConfig()): Promise<ReadSide> {
  await assertConfiguredStoreExists(config);
  const store = await createEventStore(config);
  const read = await openConfiguredReadDatabase(config);
  const host = new ProjectionHost({ store, db: read.db, dialect: read.dialect, projections: careTrailProjections(store) });
  return {
    store,
    read,
    host,
    async close() {
      await host.stop();
      await Promise.allSettled([read.close(), store.close()]);
    },
  };
}
