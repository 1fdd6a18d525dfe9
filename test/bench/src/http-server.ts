/**
 * The API for the HTTP row, in a process of its own (the load generator must not share its event
 * loop): createApp as main.ts does, but listening on 127.0.0.1 only. Configured by the environment
 * (CARETRAIL_STORE, CARETRAIL_SQLITE_FILE, CARETRAIL_PG_URL, PORT); prints "listening <port>".
 */
import { loadConfig } from '@caretrail/config';
import { createApp } from '../../../apps/api/src/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  console.log(`listening ${address.port}`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
