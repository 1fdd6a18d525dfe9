import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEventStore, loadConfig, type AppConfig } from '@caretrail/config';
import { createApp } from '../../apps/api/src/create-app';

export type StoreKind = 'sqlite' | 'postgres';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  server: unknown;
  close(): Promise<void>;
}

/** The stores an end-to-end suite runs on: SQLite always, PostgreSQL when CARETRAIL_TEST_PG_URL is set. */
export function storesUnderTest(): StoreKind[] {
  if (process.env.CARETRAIL_TEST_PG_URL) return ['sqlite', 'postgres'];
  console.warn('CARETRAIL_TEST_PG_URL is not set: end-to-end tests run on SQLite only (CI sets it)');
  return ['sqlite'];
}

/** Starts the real HTTP application on a fresh store (a temp SQLite file or a fresh PostgreSQL schema). */
export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  let cleanup: () => Promise<void>;
  let storeEnv: Record<string, string>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-e2e-'));
    storeEnv = { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db'), CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = process.env.CARETRAIL_TEST_PG_URL!;
    const schema = `e2e_${process.pid}_${Date.now().toString(36)}`;
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-e2e-'));
    storeEnv = { CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: url, CARETRAIL_PG_SCHEMA: schema, CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem') };
    cleanup = async () => {
      rmSync(dir, { recursive: true, force: true });
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
      await client.end();
    };
  }
  // A read asked to wait for a position waits longer than in production: CI machines are shared and slow.
  const config = loadConfig({ NODE_ENV: 'test', CARETRAIL_SEED_DEMO: 'false', CARETRAIL_READ_WAIT_MS: '30000', ...storeEnv, ...env });
  const app = await createApp(config, process.env.CARETRAIL_TEST_LOG ? {} : { logger: false });
  await app.init();
  return {
    app,
    config,
    server: app.getHttpServer(),
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** Seeds the demo story with its recording clock, as `npm start` does, so recordedAt follows the story. */
/** Returns the global position of the story's last event: ask reads for at least that (minPosition). */
export async function seedDemoStory(t: TestApp): Promise<number> {
  const { CommandExecutor } = await import('@caretrail/application');
  const { seedDemo, storyClock } = await import('@caretrail/demo');
  const clock = storyClock();
  const store = await createEventStore(t.config, clock.now);
  try {
    return (await seedDemo(new CommandExecutor(store), clock)).position;
  } finally {
    await store.close();
  }
}
