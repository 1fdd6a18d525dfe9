import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The event store's core entry and the offline bundle verifier load no database driver; each adapter's
// entry loads its own. Every entry is required in a fresh node process, which then lists require.cache.
const root = join(__dirname, '..', '..');
const DRIVERS = ['pg', 'better-sqlite3', '@eventstore/db-client'];

function packagesLoadedBy(...entries: string[]): string[] {
  const child = spawnSync(process.execPath, [join(__dirname, 'support', 'loaded-modules.js'), ...entries], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`requiring ${entries.join(', ')} failed: ${child.stderr}`);
  return packagesOf(JSON.parse(child.stdout) as string[]);
}

/** The packages `caretrail <args>` has loaded when it exits (whatever its exit code). */
function packagesLoadedByCli(...args: string[]): { packages: string[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-cli-modules-'));
  try {
    const out = join(dir, 'modules.json');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, LOADED_MODULES_OUT: out, CARETRAIL_SQLITE_FILE: join(dir, 'none.db') };
    const child = spawnSync(process.execPath, [join(__dirname, 'support', 'cli-loaded-modules.js'), ...args], { cwd: root, encoding: 'utf8', env });
    return { packages: packagesOf(JSON.parse(readFileSync(out, 'utf8')) as string[]), output: child.stdout + child.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function packagesOf(files: string[]): string[] {
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

  it('the caretrail binary loads only the command asked for: verify loads no driver, nor verify-store before it finds a store', () => {
    const verify = packagesLoadedByCli('verify', join(root, 'no-such-bundle.json'));
    expect(verify.output).toMatch(/no-such-bundle\.json/);
    expect(drivers(verify.packages)).toEqual([]);
    const verifyStore = packagesLoadedByCli('verify-store');
    expect(verifyStore.output).toMatch(/There is no CareTrail store at/);
    expect(drivers(verifyStore.packages)).toEqual([]);
    // Help lists every command, so it loads them all (migrate-store names every adapter).
    const help = packagesLoadedByCli('--help');
    expect(help.output).toMatch(
      /seed[\s\S]*verify-store[\s\S]*export[\s\S]*verify[\s\S]*timeline[\s\S]*measures[\s\S]*rebuild[\s\S]*migrate-store[\s\S]*backup[\s\S]*restore[\s\S]*report[\s\S]*import/,
    );
    expect(drivers(help.packages)).toEqual(['@eventstore/db-client', 'better-sqlite3', 'pg']);
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
