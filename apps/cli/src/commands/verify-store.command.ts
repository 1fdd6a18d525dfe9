import { verifySnapshots } from '@caretrail/application';
import { loadConfig, openExistingEventStore } from '@caretrail/config';
import { describeChainProblem, verifyStoreChains } from '@caretrail/event-store';
import type { Command } from 'commander';

/** Walks the whole global feed once, checking every stream's hash chain as its events go by. */
export function registerVerifyStoreCommand(program: Command): void {
  program
    .command('verify-store')
    .description("Check every stream's hash chain in the configured store; exit 1 naming each broken link, or when there is no store there")
    .action(async () => {
      // A mistyped path must not become a new, empty store that "verifies".
      const store = await openExistingEventStore(loadConfig());
      let report;
      let snapshots;
      try {
        report = await verifyStoreChains(store, { onProblem: (p) => console.error(describeChainProblem(p)) });
        // Each stored snapshot against a fold of its stream from zero (docs/long-records.md).
        snapshots = await verifySnapshots(store);
        for (const p of snapshots.problems) console.error(`BROKEN SNAPSHOT ${p.streamId} ${p.stateType} v${p.streamVersion}: ${p.problem}`);
      } finally {
        await store.close();
      }
      const { events, streams, problems } = report;
      console.log(`${events} events in ${streams} streams checked: ${problems.length === 0 ? 'every hash chain verifies' : `${problems.length} problems`}`);
      if (snapshots.checked > 0)
        console.log(
          `${snapshots.checked} snapshots checked: ${snapshots.problems.length === 0 ? 'each equals a fold of its stream from zero' : `${snapshots.problems.length} problems`}`,
        );
      if (problems.length > 0 || snapshots.problems.length > 0) process.exitCode = 1;
    });
}
