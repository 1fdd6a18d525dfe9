import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_IDS } from '@caretrail/demo';
import { EVENT_SCHEMAS, concernStream, serviceStream } from '@caretrail/domain';
import type { NewEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import type { RowResult } from './bench-result';
import type { BenchOptions } from './bench-options';
import { percentile, timed } from './measure';

/*
 * Issue 12 in `npm run bench` (section "pages"): the case file page (/app/concerns/:id) and the service
 * page (/app/services/:id) rendered for a council officer, over HTTP on 127.0.0.1, when the concern has
 * 10,000 events and the service 10,000 events of its own (quick: 1,000), after the same pages at 100 events
 * each: the larger rows print their ratio to the 100-event rows (issue 12: flat means close to 1). SQLite.
 *
 * The records are made through the API (organisations, service, contract and its confirmation,
 * concern), then grown with comments appended straight to the store while the API is stopped (the
 * bench times the pages, not 20,000 commands), then the API is started again, its projections caught
 * up (GET /health until no lag), and each page fetched (5 warm-up, then the samples).
 */

function startApi(env: NodeJS.ProcessEnv, root: string): Promise<{ url: string; child: ChildProcess }> {
  const entry = join(__dirname, 'http-server.js');
  // As for the http row: CARETRAIL_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=...' profiles the API.
  const extra = process.env.CARETRAIL_BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start in 120 s: ${output.slice(-2000)}`)), 120_000);
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

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function post(url: string, path: string, token: string, body: object): Promise<{ id?: string }> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { id?: string };
}

/** Signs a demo identity in through the sign-in form; returns the Cookie header of its session. */
async function signIn(url: string, identity: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${url}/app/sign-in`, { redirect: 'manual' });
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await fetch(`${url}/app/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
    body: new URLSearchParams({ identity, _csrf: csrf }).toString(),
  });
  keep(signedIn);
  await signedIn.text();
  if (signedIn.status !== 303) throw new Error(`sign-in as ${identity} answered ${signedIn.status}`);
  return cookie();
}

async function caughtUp(url: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const health = (await (await fetch(`${url}/health`)).json()) as { projections: { lagPositions: number }[] };
    if (health.projections.every((p) => p.lagPositions === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the projections did not catch up in 5 minutes');
}

const comment = (text: string, organisationId: string, userId: string): NewEvent => {
  const id = uuidv7();
  return {
    eventId: uuidv7(),
    type: 'CommentRecorded',
    schemaVersion: EVENT_SCHEMAS.CommentRecorded.schemaVersion,
    data: { commentId: uuidv7(), party: 'council', topic: 'general', text },
    occurredAt: new Date().toISOString(),
    actor: { userId, organisationId, role: 'qa_officer' },
    correlationId: id,
    causationId: null,
    commandId: id,
  };
};

async function growTo(store: SqliteEventStore, stream: string, size: number): Promise<void> {
  for (let version = await store.streamVersion(stream); version < size;) {
    const n = Math.min(500, size - version);
    const batch = Array.from({ length: n }, (_, i) =>
      comment(`Weekly note ${version + i}: records checked, two gaps found and followed up with the manager.`, DEMO_IDS.council, 'demo-council-officer'),
    );
    version = (await store.append(stream, batch, version)).nextExpectedVersion;
  }
}

export async function runPageRows(options: BenchOptions, work: string, report: (row: RowResult) => void): Promise<void> {
  // Quick (CI's smoke run): 1,000 events, to stay short.
  const SIZE = options.quick ? 1_000 : 10_000;
  const dir = join(work, 'pages');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'caretrail-pages.db');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    CARETRAIL_SESSION_SECRET: process.env.CARETRAIL_SESSION_SECRET ?? randomBytes(32).toString('hex'),
    CARETRAIL_SEED_DEMO: 'false',
    CARETRAIL_AUTH: 'demo',
    CARETRAIL_RATE_LIMIT: '100000000',
    CARETRAIL_STORE: 'sqlite',
    CARETRAIL_SQLITE_FILE: file,
    CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
  };
  let { url, child } = await startApi(env, options.root);
  let serviceId: string;
  let concernId: string;
  try {
    for (const [organisationId, kind, name] of [
      [DEMO_IDS.council, 'council', 'Northshire County Council'],
      [DEMO_IDS.provider, 'provider', 'Hollybank Support Trust'],
    ] as const) {
      await post(url, '/organisations', 'demo-admin', { organisationId, kind, name, occurredAt: '2024-01-01T09:00:00.000Z' });
    }
    serviceId = (
      await post(url, '/services', 'demo-provider-manager', {
        providerId: DEMO_IDS.provider,
        name: 'Maple Court',
        serviceType: 'supported_living',
        regulator: 'CQC',
        occurredAt: '2024-01-02T10:00:00Z',
      })
    ).id!;
    const contract = await post(url, '/contracts', 'demo-council-officer', {
      providerId: DEMO_IDS.provider,
      serviceIds: [serviceId],
      reference: 'NCC-1',
      startsOn: '2024-04-01',
      endsOn: '2030-03-31',
      occurredAt: '2024-03-15T10:00:00Z',
    });
    await post(url, `/contracts/${contract.id}/confirmation`, 'demo-provider-manager', { occurredAt: '2024-03-18T10:00:00Z' });
    concernId = (
      await post(url, '/concerns', 'demo-council-officer', {
        serviceId,
        contractId: contract.id,
        category: 'documentation',
        severity: 'amber',
        source: 'monitoring_visit',
        summary: 'Records lapsed after manager changes',
        occurredAt: '2025-02-03T09:30:00Z',
      })
    ).id!;
  } finally {
    await stopApi(child);
  }
  const samples = options.quick ? 10 : 50;
  // Each page at 100 events first, then at SIZE: the rows print the ratio (flat means close to 1).
  const base = new Map<string, number>();
  for (const size of [100, SIZE]) {
    const store = new SqliteEventStore({ filename: file });
    await store.init();
    try {
      await growTo(store, concernStream(concernId), size);
      await growTo(store, serviceStream(serviceId), size);
    } finally {
      await store.close();
    }
    ({ url, child } = await startApi(env, options.root));
    try {
      await caughtUp(url);
      const cookie = await signIn(url, 'demo-council-officer');
      for (const [id, title, path] of [
        ['pages.case-file', 'case file page', `/app/concerns/${concernId}`],
        ['pages.service', 'service page', `/app/services/${serviceId}`],
      ] as const) {
        let status = 0;
        let bytes = 0;
        const get = async () => {
          const response = await fetch(url + path, { headers: { Cookie: cookie } });
          const body = await response.text();
          status = response.status;
          bytes = body.length;
          if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${body.slice(0, 300)}`);
        };
        for (let i = 0; i < 3; i++) await get();
        const times: number[] = [];
        for (let i = 0; i < samples; i++) times.push(await timed(get));
        const p50 = percentile(times, 50);
        if (size === 100) {
          base.set(id, p50);
          report({
            id: `sqlite.${id}.100`,
            backend: 'sqlite',
            title: `${title} render at 100 events, council officer over HTTP (${samples} requests, ${Math.round(bytes / 1024)} KiB)`,
            unit: 'ms',
            better: 'lower',
            values: { caretrail: p50 },
            extra: { p50, p99: percentile(times, 99), max: Math.max(...times), bytes },
          });
          continue;
        }
        const ratio = p50 / base.get(id)!;
        report({
          id: `sqlite.${id}`,
          backend: 'sqlite',
          title: `${title} render at ${SIZE.toLocaleString('en-GB')} events, council officer over HTTP (${samples} requests, ${Math.round(bytes / 1024)} KiB; p50 / 100-event row ${ratio.toFixed(2)}x)`,
          unit: 'ms',
          better: 'lower',
          values: { caretrail: p50 },
          extra: { p50, p99: percentile(times, 99), max: Math.max(...times), bytes, ratioTo100: Math.round(ratio * 100) / 100 },
          target: 'p50 <= 1.5 x the 100-event row',
          met: ratio <= 1.5,
        });
      }
    } finally {
      await stopApi(child);
    }
  }
}
