import { CommandExecutor } from '@caretrail/application';
import { DEMO_IDENTITIES, DEMO_IDS, seedDemo, storyClock } from '@caretrail/demo';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ConfigError, createEventStore, loadConfig } from '@caretrail/config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const store = app.get<EventStore>(EVENT_STORE);
  if (config.CARETRAIL_SEED_DEMO && (await store.headPosition()) === 0) {
    // The seed writes through its own store whose clock follows the story, so recordedAt reads true.
    const clock = storyClock();
    const seedStore = await createEventStore(config, clock.now);
    try {
      const seeded = await seedDemo(new CommandExecutor(seedStore), clock);
      console.log(`Seeded the demo story: ${seeded.commands} commands, ${seeded.events} events`);
    } finally {
      await seedStore.close();
    }
  }
  await app.listen(config.PORT);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const tokens = DEMO_IDENTITIES.map((i) => `  ${i.token.padEnd(24)} ${i.displayName}, ${i.description}`).join('\n');
  console.log(
    `CareTrail is running on ${config.CARETRAIL_STORE} at ${url}\n` +
      `  Web pages: ${url}/app (choose who to be)\n` +
      `  API documentation: ${url}/docs\n` +
      (config.CARETRAIL_AUTH === 'demo'
        ? `Demo bearer tokens (CARETRAIL_AUTH=demo):\n${tokens}\n`
        : `Sign-in: bearer JWTs and page sign-in (authorization code with PKCE) from ${config.CARETRAIL_OIDC_ISSUER}\n`) +
      `Try: curl -H 'Authorization: Bearer demo-council-officer' ${url}/concerns/${DEMO_IDS.documentationConcern}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
