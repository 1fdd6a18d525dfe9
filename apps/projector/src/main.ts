#!/usr/bin/env node
import 'reflect-metadata';
import { hostname } from 'node:os';
import { ConfigError, createEventStore, loadConfig, loadNotifyConfig, openConfiguredReadDatabase } from '@caretrail/config';
import { contactMayRead, createEmailSender, NotificationDispatcher, senderBanner } from '@caretrail/notifications';
import { careTrailProjections, notificationIntentsProjection } from '@caretrail/projections';
import { PostgresLease } from './postgres-lease';
import { Projector } from './projector';
import { startHealthServer } from './projector-health';

/**
 * The standalone projector: keeps the read models of the configured store (PostgreSQL or
 * EventStoreDB; read models in PostgreSQL) while API replicas run with CARETRAIL_PROJECTIONS=external.
 * Run as many replicas as you like: one holds the lease and works, the others wait.
 */
/** The projector reads only where the events and read models are; the API's own settings are not its business. */
const STORE_SETTINGS = [
  'PORT',
  'CARETRAIL_STORE',
  'CARETRAIL_SQLITE_FILE',
  'CARETRAIL_PG_URL',
  'CARETRAIL_PG_SCHEMA',
  'CARETRAIL_ESDB_URL',
  'CARETRAIL_ESDB_PREFIX',
] as const;

async function main(): Promise<void> {
  const config = loadConfig(Object.fromEntries(STORE_SETTINGS.map((name) => [name, process.env[name]])));
  if (config.CARETRAIL_STORE === 'sqlite') {
    throw new ConfigError(
      'The standalone projector needs CARETRAIL_STORE=postgres or eventstoredb (its lease and read models live in PostgreSQL); ' +
        'with SQLite run the API with CARETRAIL_PROJECTIONS=inline',
    );
  }
  const store = await createEventStore(config);
  const read = await openConfiguredReadDatabase(config);
  const readSchema = config.CARETRAIL_PG_SCHEMA ? `${config.CARETRAIL_PG_SCHEMA}_read` : 'caretrail_read';
  const lease = new PostgresLease({
    connectionString: config.CARETRAIL_PG_URL!,
    name: `caretrail-projector:${readSchema}`,
    holder: `caretrail-projector ${hostname()} ${process.pid}`,
  });
  // E-mail notifications (docs/notifications.md): their outbox is kept from the feed with the read
  // models, and sent from here while the API runs with CARETRAIL_PROJECTIONS=external.
  const notify = loadNotifyConfig();
  const projections = [...careTrailProjections(store), notificationIntentsProjection(store, { catchUpMs: notify.catchUpMs })];
  const projector = new Projector({ store, read, lease, projections });
  const log = (line: string) => console.log(`[notifications] ${line}`);
  const dispatcher =
    notify.sender === 'off'
      ? null
      : new NotificationDispatcher({ db: read.db, sender: createEmailSender(notify, log), config: notify, mayRead: contactMayRead, log });
  const health = await startHealthServer(projector, config.PORT);
  projector.start();
  dispatcher?.start();
  log(dispatcher ? senderBanner(notify) : 'E-mail: not sent from this process (CARETRAIL_NOTIFY_SENDER=off)');
  console.log(`[projector] ${config.CARETRAIL_STORE} store, read models in ${readSchema}; health on :${config.PORT}/health`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[projector] ${signal}: stopping`);
    await dispatcher?.stop();
    await projector.stop();
    health.close();
    await Promise.allSettled([store.close(), read.close()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
