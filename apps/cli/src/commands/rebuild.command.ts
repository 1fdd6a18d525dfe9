import type { Command } from 'commander';
import { openReadSide } from './read-side';

/** Rebuilds projections from position zero beside the serving ones, which switch when caught up. */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('Rebuild read models from the start of the feed (all, or the named ones); the old ones serve until the new ones catch up')
    .argument('[projections...]', 'projection names (default: every one)')
    .action(async (names: string[]) => {
      const side = await openReadSide();
      try {
        // Together: one read of the feed and one transaction per batch for all of them (docs/performance.md).
        const started = Date.now();
        const done = await side.host.rebuildTogether(names.length > 0 ? names : side.host.names, (p) =>
          process.stderr.write(`\r${p.projection}: ${p.phase} at position ${p.position} of ${p.headPosition}   `),
        );
        process.stderr.write('\n');
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        // Built together, so each one's time is the whole rebuild's.
        for (const d of done) console.log(`${d.projection}: rebuilt to position ${d.position} in ${seconds} s`);
      } finally {
        await side.close();
      }
    });
}
