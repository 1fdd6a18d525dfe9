#!/usr/bin/env node
// kill -9 the API during an 8-client command load (SQLite), restart it, and check: every command
// answered 2xx has its event in the store, every hash chain verifies (so nothing is half-written),
// and the read models after catching up equal a rebuild from zero. Traffic goes only to 127.0.0.1.
// Usage: npm run compile && node test/reliability/kill-during-load.mjs [loadMs=3000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { auditStore } from './reliability-support.mjs';

const root = resolve(import.meta.dirname, '../..');
// A build of its own (default dist/; CARETRAIL_DIST=.reliability-dist keeps clear of others' dist/).
const dist = process.env.CARETRAIL_DIST ?? 'dist';
const require = createRequire(import.meta.url);
const loadMs = Number(process.argv[2] ?? 3000);
const dir = mkdtempSync(join(tmpdir(), 'caretrail-kill-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env, NODE_ENV: 'development', PORT: String(port), LOG_LEVEL: 'warn', CARETRAIL_STORE: 'sqlite',
  CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db'), CARETRAIL_SIGNING_KEY_FILE: join(dir, 'key.pem'),
  CARETRAIL_SEED_DEMO: 'true', CARETRAIL_RATE_LIMIT: '100000000',
};
const SERVICE = '01900000-0000-7000-8000-000000000011';
const CONCERN = '01900000-0000-7000-8000-000000000031';
const deadline = (ms, what) => setTimeout(() => { console.error(`FAIL: ${what} took longer than ${ms} ms`); process.exit(2); }, ms).unref();

function start() {
  const child = spawn(process.execPath, [join(root, dist, 'apps/api/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}
async function waitUp() {
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`${base}/health`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not start');
}
const call = (method, path, token, body) =>
  fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body), signal: AbortSignal.timeout(10000) });

deadline(120000, 'the whole run');
let api = start();
await waitUp();
const acknowledged = [];
let stop = false;
let answered = 0;
let refused = 0;
const statuses = {};
const client = async (c) => {
  for (let n = 0; !stop; n++) {
    const text = `kill-test client ${c} command ${n}`;
    const path = c % 2 ? `/services/${SERVICE}/comments` : `/concerns/${CONCERN}/comments`;
    try {
      const res = await call('POST', path, 'demo-provider-ceo', { topic: 'general', text });
      answered += 1;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.ok) acknowledged.push(text); else refused += 1;
    } catch { return; } // the connection died with the process: not acknowledged
  }
};
const clients = Array.from({ length: 8 }, (_, c) => client(c));
await new Promise((r) => setTimeout(r, loadMs));
api.kill('SIGKILL');
stop = true;
await Promise.all(clients);
await new Promise((r) => (api.exitCode !== null || api.signalCode ? r() : api.once('exit', r)));
console.log(`load: ${answered} answers (${acknowledged.length} 2xx, ${refused} refused; by status ${JSON.stringify(statuses)}) from 8 clients in ${loadMs} ms, then kill -9`);

// The store itself, after the crash: every acknowledged command is there, every chain verifies.
const { createEventStore, loadConfig } = require(join(root, dist, 'libs/config/src/index.js'));
const { findChainProblems } = require(join(root, dist, 'libs/event-store/src/index.js'));
const store = await createEventStore(loadConfig(env));
const { texts, events, streams, problems, head } = await auditStore(store, findChainProblems);
await store.close();
const lost = acknowledged.filter((t) => !texts.has(t));
console.log(`store: ${events} events in ${streams} streams; chain problems ${problems.length}; acknowledged but missing ${lost.length}`);

// Restart: the read models catch up, and equal what a rebuild from zero gives.
api = start();
await waitUp();
const timeline = async (scope, id) => (await (await call('GET', `/timelines/${scope}/${id}?limit=1000&minPosition=${head}`, 'demo-admin')).json()).entries;
const before = { service: await timeline('services', SERVICE), concern: await timeline('concerns', CONCERN) };
const { projections } = await (await call('GET', '/admin/projections', 'demo-admin')).json();
for (const p of projections) await call('POST', `/admin/projections/${p.name}/rebuild`, 'demo-admin');
for (let i = 0; i < 600; i++) {
  const now = (await (await call('GET', '/admin/projections', 'demo-admin')).json()).projections;
  if (now.every((p) => !p.rebuild || p.rebuild.phase === 'done')) break;
  await new Promise((r) => setTimeout(r, 100));
}
const after = { service: await timeline('services', SERVICE), concern: await timeline('concerns', CONCERN) };
const same = JSON.stringify(before) === JSON.stringify(after);
console.log(`read models: caught up to ${head}; equal to a rebuild from zero: ${same} (${before.service.length} + ${before.concern.length} timeline entries)`);
api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
rmSync(dir, { recursive: true, force: true });
const ok = lost.length === 0 && problems.length === 0 && same && acknowledged.length > 0;
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
