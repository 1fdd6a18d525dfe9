import { createEventStore, loadConfig } from '@caretrail/config';
import { findChainProblems, type RecordedEvent } from '@caretrail/event-store';
import type { Command } from 'commander';

/** Walks the whole global feed once, checking every stream's hash chain as its events go by. */
export function registerVerifyStoreCommand(program: Command): void {
  program
    .command('verify-store')
    .description("Check every stream's hash chain in the configured store; exit 1 naming each broken link")
    .action(async () => {
      const store = await createEventStore(loadConfig());
      const lastOf = new Map<string, RecordedEvent>();
      let events = 0;
      let problems = 0;
      try {
        for (let after = 0, end = false; !end; ) {
          const page = await store.readAll({ after, limit: 1000 });
          for (const event of page.events) {
            const previous = lastOf.get(event.streamId);
            const found = findChainProblems([event], previous?.hash ?? null);
            if (!previous && event.streamVersion !== 1) found.push({ streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId, problem: 'stream does not start at version 1' });
            if (previous && event.streamVersion !== previous.streamVersion + 1) found.push({ streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId, problem: `follows version ${previous.streamVersion}` });
            for (const p of found) console.error(`BROKEN ${p.streamId} v${p.streamVersion} (${p.eventId}): ${p.problem}`);
            problems += found.length;
            lastOf.set(event.streamId, event);
            events += 1;
          }
          after = page.nextAfter;
          end = page.isEnd;
        }
      } finally {
        await store.close();
      }
      console.log(`${events} events in ${lastOf.size} streams checked: ${problems === 0 ? 'every hash chain verifies' : `${problems} problems`}`);
      if (problems > 0) process.exitCode = 1;
    });
}
