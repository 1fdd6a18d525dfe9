import { cpus, freemem, loadavg, totalmem, release, platform } from 'node:os';
import Database from 'better-sqlite3';
import { Client } from 'pg';

export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverageAtStart: number[];
  os: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  postgres: string | null;
  pgDriver: string;
}

const packageVersion = (name: string): string => {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

export async function describeMachine(pgUrl: string | undefined): Promise<MachineDescription> {
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  let postgres: string | null = null;
  if (pgUrl) {
    const client = new Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      postgres = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    } catch {
      postgres = null;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.version,
    sqlite,
    betterSqlite3: packageVersion('better-sqlite3'),
    postgres,
    pgDriver: packageVersion('pg'),
  };
}
