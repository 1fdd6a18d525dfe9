import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_IDS } from '@caretrail/demo';
import type { RowResult } from './bench-result';
import type { BenchOptions } from './bench-options';
import { benchDatabase, dropDatabase } from './bench-databases';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}
interface AutocannonClient {
  setRequests(requests: { method: string; path: string; headers: Record<string, string>; body: string }[]): void;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const CONNECTIONS = 8;
const HTTP_DB = 'caretrail_bench_http';

/** Starts the API on 127.0.0.1 in a child process; resolves with its base URL once it listens. */
function startApi(env: NodeJS.ProcessEnv, root: string): Promise<{ url: string; child: ChildProcess }> {
  const entry = join(root, 'dist', 'test', 'bench', 'src', 'http-server.js');
  // e.g. CARETRAIL_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=test-artifacts/bench/profiles' to profile the API.
  const extra = process.env.CARETRAIL_BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start in 60 s: ${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, child });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}): ${output.slice(-2000)}`));
    });
  });
}

async function call(url: string, path: string, token: string, body: object): Promise<{ id?: string }> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { id?: string };
}

/**
 * Commands through the whole API: HTTP, validation, the command bus, load and fold the stream,
 * decide, append (and the projections following in the same process). Each connection comments on a
 * concern of its own, as separate users would; 0 errors and 0 non-2xx answers are allowed.
 */
export async function runHttpRow(options: BenchOptions, work: string, report: (row: RowResult) => void): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as Autocannon;
  for (const backend of options.backends) {
    const dir = join(work, 'http');
    mkdirSync(dir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      // Not production: demo tokens (the only sign-in a bench can script) are refused there. 'test' has no file watchers.
      NODE_ENV: 'test',
      CARETRAIL_SESSION_SECRET: process.env.CARETRAIL_SESSION_SECRET ?? randomBytes(32).toString('hex'),
      CARETRAIL_SEED_DEMO: 'false',
      CARETRAIL_AUTH: 'demo',
      // The per-user rate limit still runs on every request, but must not answer the load with 429s.
      CARETRAIL_RATE_LIMIT: '100000000',
      CARETRAIL_STORE: backend,
      CARETRAIL_SQLITE_FILE: join(dir, `caretrail-${backend}.db`),
    };
    if (backend === 'postgres') {
      env.CARETRAIL_PG_URL = await benchDatabase(options.pgUrl!, HTTP_DB, true);
      env.CARETRAIL_PG_SCHEMA = 'caretrail';
    }
    const { url, child } = await startApi(env, options.root);
    try {
      const admin = 'demo-admin';
      for (const [organisationId, kind, name] of [
        [DEMO_IDS.council, 'council', 'Northshire County Council'],
        [DEMO_IDS.provider, 'provider', 'Hollybank Support Trust'],
      ] as const) {
        await call(url, '/organisations', admin, { organisationId, kind, name, occurredAt: '2024-01-01T09:00:00.000Z' });
      }
      const service = await call(url, '/services', 'demo-provider-manager', {
        providerId: DEMO_IDS.provider,
        name: 'Maple Court',
        serviceType: 'supported_living',
        regulator: 'CQC',
        occurredAt: '2024-01-02T10:00:00Z',
      });
      const contract = await call(url, '/contracts', 'demo-council-officer', {
        providerId: DEMO_IDS.provider,
        serviceIds: [service.id],
        reference: 'NCC-1',
        startsOn: '2024-04-01',
        endsOn: '2027-03-31',
        occurredAt: '2024-03-15T10:00:00Z',
      });
      // A contract gives the council rights once the provider confirms it.
      await call(url, `/contracts/${contract.id}/confirmation`, 'demo-provider-manager', { occurredAt: '2024-03-18T10:00:00Z' });
      const concerns: string[] = [];
      for (let i = 0; i < CONNECTIONS; i++) {
        const raised = await call(url, '/concerns', 'demo-council-officer', {
          serviceId: service.id,
          contractId: contract.id,
          category: 'documentation',
          severity: 'amber',
          source: 'monitoring_visit',
          summary: `Records lapsed after manager changes (${i + 1})`,
          occurredAt: '2025-02-03T09:30:00Z',
        });
        concerns.push(raised.id!);
      }
      const body = JSON.stringify({ topic: 'progress', text: 'We have updated the action plan weekly and senior managers visit monthly.' });
      let next = 0;
      const result = await autocannon({
        url,
        connections: CONNECTIONS,
        duration: options.httpSeconds,
        setupClient: (client: AutocannonClient) => {
          const concernId = concerns[next++ % concerns.length];
          client.setRequests([
            {
              method: 'POST',
              path: `/concerns/${concernId}/comments`,
              headers: { Authorization: 'Bearer demo-provider-ceo', 'Content-Type': 'application/json' },
              body,
            },
          ]);
        },
      });
      const failures = result.errors + result.timeouts + result.non2xx;
      report({
        id: `http.${backend}.comments`,
        backend,
        title: `HTTP: POST a comment on a concern (${CONNECTIONS} connections, ${options.httpSeconds} s, ${result['2xx'].toLocaleString('en-GB')} commands)`,
        unit: 'req/s',
        better: 'higher',
        values: { caretrail: result.requests.average },
        extra: {
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        },
        target: '0 errors',
        met: failures === 0,
      });
      if (failures > 0) console.log(`    ${failures} failed requests (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (backend === 'postgres') await dropDatabase(options.pgUrl!, HTTP_DB).catch(() => undefined);
    }
  }
}
