import { CommandExecutor } from '@caretrail/application';
import { createEventStore, loadConfig } from '@caretrail/config';
import { seedDemo, storyClock } from '@caretrail/demo';
import type { Command } from 'commander';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Record the demo story (Maple Court) into the configured store, if it is empty')
    .option('--force', 'seed even when the store already holds events (it will refuse duplicates)')
    .action(async (options: { force?: boolean }) => {
      const config = loadConfig();
      const probe = await createEventStore(config);
      const head = await probe.headPosition();
      await probe.close();
      if (head > 0 && !options.force) {
        console.log(`The ${config.CARETRAIL_STORE} store already holds events (head position ${head}); nothing seeded.`);
        return;
      }
      const clock = storyClock();
      const store = await createEventStore(config, clock.now);
      try {
        const seeded = await seedDemo(new CommandExecutor(store), clock);
        console.log(`Seeded the demo story: ${seeded.commands} commands, ${seeded.events} events.`);
      } finally {
        await store.close();
      }
    });
}
