import { CommandExecutor } from '@caretrail/application';
import { createEventStore, loadConfig } from '@caretrail/config';
import { seedDemo, storyClock } from '@caretrail/demo';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../apps/api/src/create-app';

export interface WebApp {
  app: INestApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application on a real port over a temporary SQLite store, seeded with the demo story the
 * way `npm start` seeds it (recorded on the story's dates), with the read models kept up to date.
 */
export async function startWebApp(): Promise<WebApp> {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-browser-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    CARETRAIL_SEED_DEMO: 'false',
    CARETRAIL_STORE: 'sqlite',
    CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db'),
    CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
  });
  const clock = storyClock();
  const seedStore = await createEventStore(config, clock.now);
  await seedDemo(new CommandExecutor(seedStore), clock);
  await seedStore.close();

  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  // The API runs the projections itself; wait until they have read the seeded story.
  await app.get(ProjectionHost).waitFor(await app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
