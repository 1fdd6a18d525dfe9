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
        for (const name of names.length > 0 ? names : side.host.names) {
          const started = Date.now();
          const done = await side.host.rebuild(name, (p) => process.stderr.write(`\r${name}: ${p.phase} at position ${p.position} of ${p.headPosition}   `));
          process.stderr.write('\n');
          console.log(`${name}: rebuilt to position ${done.position} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      } finally {
        await side.close();
      }
    });
}
