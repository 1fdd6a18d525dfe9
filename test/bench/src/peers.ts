import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSubject } from './bench-subject';

export interface PeerModule {
  openEmmettPostgres(options: { connectionString: string }): Promise<BenchSubject>;
  openEmmettSqlite(options: { fileName: string }): Promise<BenchSubject>;
  versions: Record<string, string>;
}

/** The peers' module, or why it cannot be had (run-bench.js installs it; it may have failed). */
export function loadPeers(root: string): PeerModule | string {
  const dir = join(root, 'test', 'bench', 'peers');
  if (process.env.CARETRAIL_BENCH_PEERS_PROBLEM) return process.env.CARETRAIL_BENCH_PEERS_PROBLEM;
  if (!existsSync(join(dir, 'node_modules'))) return `not installed (npm ci --prefix test/bench/peers --legacy-peer-deps)`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(join(dir, 'emmett-subjects.js')) as Omit<PeerModule, 'versions'>;
    const versionOf = (name: string) => (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    const versions = Object.fromEntries(
      ['@event-driven-io/emmett', '@event-driven-io/emmett-postgresql', '@event-driven-io/emmett-sqlite', 'sqlite3', 'pg'].map((n) => [n, versionOf(n)]),
    );
    return { ...module, versions };
  } catch (error) {
    return `failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
}
