import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The event store's core entry and the offline bundle verifier load no database driver; each adapter's
// entry loads its own. Every entry is required in a fresh node process, which then lists require.cache.
const root = join(__dirname, '..', '..');
const DRIVERS = ['pg', 'better-sqlite3', '@eventstore/db-client'];

function packagesLoadedBy(...entries: string[]): string[] {
  const child = spawnSync(process.execPath, [join(__dirname, 'support', 'loaded-modules.js'), ...entries], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`requiring ${entries.join(', ')} failed: ${child.stderr}`);
  const files = JSON.parse(child.stdout) as string[];
  const packages = files
    .filter((file) => file.includes('/node_modules/'))
    .map((file) => {
      const parts = file.split('/node_modules/').pop()!.split('/');
      return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    });
  return [...new Set(packages)].sort();
}

const drivers = (packages: string[]): string[] => packages.filter((name) => DRIVERS.includes(name));

describe('event-store entries', () => {
  it('the core entry (port, envelope, hashing, canonical JSON, verification) loads no driver', () => {
    expect(drivers(packagesLoadedBy('libs/event-store/src/index.ts'))).toEqual([]);
  });

  it('the offline verifier (the evidence library and the CLI verify command) loads no driver', () => {
    expect(drivers(packagesLoadedBy('libs/evidence/src/index.ts', 'apps/cli/src/commands/verify-bundle.command.ts'))).toEqual([]);
  });

  it('@caretrail/config loads a driver only when a store is opened', () => {
    expect(drivers(packagesLoadedBy('libs/config/src/index.ts'))).toEqual([]);
  });

  it.each([
    ['sqlite', 'better-sqlite3'],
    ['postgres', 'pg'],
    ['eventstoredb', '@eventstore/db-client'],
  ])('the %s entry loads %s and no other driver', (adapter, driver) => {
    expect(drivers(packagesLoadedBy(`libs/event-store/src/${adapter}/index.ts`))).toEqual([driver]);
  });
});
