#!/usr/bin/env node
// A sustained mixed load against the API: 8 clients, each alternating a command (a comment on a
// concern of its own, so commands never race for a stream version) with timeline reads (its concern's
// timeline, the service's timeline, which all clients write to). After --comments-per-concern
// comments (default 25) a client raises a new concern and goes on there, so streams stay as long as
// real ones; 0 keeps one concern per client for the whole run (ever longer streams, each command
// folding its whole stream: a cost that grows with the run). Prints throughput and p50/p99 per
// kind, errors (any answer but 2xx, or none within 10 s; nothing here is meant to be refused) and the
// server's RSS after warm-up and at the end. Writes the figures to test-artifacts/reliability/.
// Traffic goes only to 127.0.0.1. SQLite (the embedded default) unless --pg-url is given.
// Usage: npm run compile && node test/reliability/mixed-load.mjs [--seconds 60 (measured)] [--warmup-seconds 60 (before them)] [--clients 8]
//          [--comments-per-concern 25] [--api-log FILE] [--api-node-flags '--heapsnapshot-signal=SIGUSR2']   (to look into the server's memory)
//          [--pg-url postgres://root@127.0.0.1:5432/test]   (a fresh schema there, dropped afterwards)
// The RSS target (end within 10% of after warm-up) is checked on runs of 30 s or more.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, waitForHealth } from './reliability-support.mjs';

const root = resolve(import.meta.dirname, '../..');
// A build of its own (default dist/; CARETRAIL_DIST=.reliability-dist keeps clear of others' dist/).
const dist = process.env.CARETRAIL_DIST ?? 'dist';
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const seconds = Number(option('seconds', 60));
// The warm-up comes before the measured seconds, as long as them up to a minute: the server's bounded
// caches fill (the projections' stream histories hold 10,000 events, about 55 s of this load) and V8
// sizes its heap for the allocation rate. With 30 s, RSS still rose 18% while the live heap was flat.
const warmupSeconds = Number(option('warmup-seconds', Math.min(60, Math.max(1, seconds))));
const CLIENTS = Number(option('clients', 8));
const pgUrl = option('pg-url', undefined);
const commentsPerConcern = Number(option('comments-per-concern', 25));
const REQUEST_TIMEOUT_MS = 10_000;
const RSS_TARGET = 0.1;
const checkRss = seconds >= 30;
if (!(seconds > 0 && warmupSeconds > 0 && CLIENTS > 0)) {
  console.error('--seconds (measured, after the warm-up), --warmup-seconds and --clients must be positive');
  process.exit(1);
}
const SERVICE = '01900000-0000-7000-8000-000000000011';
const CONTRACT = '01900000-0000-7000-8000-000000000021';


const dir = mkdtempSync(join(tmpdir(), 'caretrail-mixed-load-'));
// --api-log FILE keeps the server's output (its start-up lines and V8's --trace-gc lines).
const apiLog = option('api-log', join(dir, 'api.log'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const schema = `mixed_load_${process.pid}_${Date.now().toString(36)}`;
const storeEnv = pgUrl
  ? { CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: pgUrl, CARETRAIL_PG_SCHEMA: schema }
  : { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db') };
const env = {
  ...process.env, NODE_ENV: 'development', PORT: String(port), LOG_LEVEL: 'warn', ...storeEnv,
  CARETRAIL_SIGNING_KEY_FILE: join(dir, 'key.pem'), CARETRAIL_SEED_DEMO: 'true', CARETRAIL_RATE_LIMIT: '100000000',
};

let api;
let apiExit;
async function cleanUp() {
  if (api && !apiExit) {
    api.kill('SIGTERM');
    await new Promise((r) => (apiExit ? r() : api.once('exit', r)));
  }
  if (pgUrl) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
    await client.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
const tail = (file, lines = 30) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(none)');
function fail(message) {
  console.error(`FAIL: ${message}\n--- API log (last lines)\n${tail(apiLog)}`);
  if (api && !apiExit) api.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  process.exit(2);
}
setTimeout(() => fail(`the whole run took longer than ${seconds + 120} s`), (seconds + 120) * 1000).unref();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => fail(`stopped by ${signal}`));

writeFileSync(apiLog, '');
// --api-node-flags '--heapsnapshot-signal=SIGUSR2 ...' passes more flags to the server's node.
const apiNodeFlags = option('api-node-flags', '').split(' ').filter(Boolean);
// V8 reports each full (mark-compact) collection: the heap still live after it tells a leak (live
// data growing) from a heap that is only sized up for the allocation rate (RSS growing, live flat).
const fullGcs = [];
let t0 = Date.now();
api = spawn(process.execPath, ['--trace-gc', '--trace-gc-ignore-scavenger', ...apiNodeFlags, join(root, dist, 'apps/api/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let stdoutRest = '';
api.stdout.on('data', (chunk) => {
  appendFileSync(apiLog, chunk);
  const lines = (stdoutRest + chunk).split('\n');
  stdoutRest = lines.pop();
  for (const line of lines) {
    const gc = /Mark-Compact [\d.]+ \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(line);
    if (gc) fullGcs.push({ s: Math.round((Date.now() - t0) / 100) / 10, liveMb: Number(gc[2]), heapMb: Number(gc[3]) });
  }
});
api.stderr.on('data', (chunk) => appendFileSync(apiLog, chunk));
api.once('exit', (code, signal) => (apiExit = { code, signal }));
await waitForHealth(base, () => apiExit, fail);

/** The server's resident set, from the kernel: what the process really holds, not what V8 reports. */
function rssKb() {
  const status = readFileSync(`/proc/${api.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
}

const raiseConcern = (c, n) => ({
  kind: 'command-raise', method: 'POST', path: () => '/concerns', token: 'demo-council-officer',
  body: { serviceId: SERVICE, contractId: CONTRACT, category: 'documentation', severity: 'amber', source: 'monitoring_visit', summary: `mixed-load client ${c} concern ${n}` },
});
/** Per client: the concern it comments on, and how many comments it has had. */
const current = [];
for (let c = 0; c < CLIENTS; c++) {
  const r = raiseConcern(c, 0);
  const res = await fetch(`${base}${r.path()}`, { method: 'POST', headers: { Authorization: `Bearer ${r.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(r.body) });
  if (res.status !== 201) fail(`raising the load's concern ${c} answered ${res.status}: ${await res.text()}`);
  current.push({ concern: (await res.json()).id, comments: 0, raised: 1 });
}

const kinds = [
  { kind: 'command-comment', method: 'POST', path: (c) => `/concerns/${current[c].concern}/comments`, token: 'demo-provider-ceo' },
  { kind: 'timeline-concern', method: 'GET', path: (c) => `/timelines/concerns/${current[c].concern}?limit=50`, token: 'demo-council-officer' },
  { kind: 'command-comment', method: 'POST', path: (c) => `/concerns/${current[c].concern}/comments`, token: 'demo-provider-ceo' },
  { kind: 'timeline-service', method: 'GET', path: () => `/timelines/services/${SERVICE}?limit=50&order=desc`, token: 'demo-council-officer' },
];
const measured = new Map(['command-comment', 'command-raise', 'timeline-concern', 'timeline-service'].map((kind) => [kind, { latencies: [], errors: {} }]));
const errorSamples = [];
let measuring = false;
let stop = false;
const warmupAnswers = { ok: 0, errors: 0 };

const clients = Array.from({ length: CLIENTS }, async (_, c) => {
  for (let n = 0; !stop; n++) {
    let k = kinds[(c + n) % kinds.length];
    if (k.kind === 'command-comment' && commentsPerConcern > 0 && current[c].comments >= commentsPerConcern) k = raiseConcern(c, current[c].raised);
    const body = JSON.stringify(k.body ?? { topic: 'general', text: `mixed-load client ${c} command ${n}` });
    const counted = measuring;
    const started = performance.now();
    let problem;
    try {
      const res = await fetch(`${base}${k.path(c)}`, {
        method: k.method,
        headers: { Authorization: `Bearer ${k.token}`, 'Content-Type': 'application/json' },
        body: k.method === 'POST' ? body : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (!res.ok) problem = { status: res.status, body: text.slice(0, 300) };
      else if (k.kind === 'command-comment') current[c].comments += 1;
      else if (k.kind === 'command-raise') current[c] = { concern: JSON.parse(text).id, comments: 0, raised: current[c].raised + 1 };
    } catch (error) {
      problem = { status: error?.name === 'TimeoutError' ? 'timeout' : 'no answer', body: String(error?.cause?.code ?? error?.message ?? error) };
    }
    const latency = performance.now() - started;
    if (!counted) {
      warmupAnswers[problem ? 'errors' : 'ok'] += 1;
      if (problem && errorSamples.length < 5) errorSamples.push({ kind: k.kind, during: 'warm-up', ...problem });
      continue;
    }
    const m = measured.get(k.kind);
    if (problem) {
      m.errors[problem.status] = (m.errors[problem.status] ?? 0) + 1;
      if (errorSamples.length < 5) errorSamples.push({ kind: k.kind, ...problem });
    } else {
      m.latencies.push(latency);
    }
  }
});

// Warm-up (not measured: JIT, caches, pools filling), then the measured part, sampling RSS each second.
const samples = [];
t0 = Date.now();
fullGcs.length = 0; // those of start-up and seeding are not the load's
const sampler = setInterval(() => {
  if (!apiExit) samples.push({ s: Math.round((Date.now() - t0) / 100) / 10, rssKb: rssKb() });
}, 1000);
await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
const rssAfterWarmupKb = rssKb();
measuring = true;
const measuredFrom = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
stop = true;
const measuredMs = performance.now() - measuredFrom;
await Promise.all(clients);
clearInterval(sampler);
if (apiExit) fail(`the API exited during the load (${JSON.stringify(apiExit)})`);
const rssEndKb = rssKb();

const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const byKind = {};
let totalOk = 0;
let totalErrors = 0;
for (const [kind, m] of measured) {
  const sorted = m.latencies.slice().sort((a, b) => a - b);
  const errors = Object.values(m.errors).reduce((a, b) => a + b, 0);
  totalOk += sorted.length;
  totalErrors += errors;
  byKind[kind] = {
    requests: sorted.length + errors,
    rps: round((sorted.length + errors) / (measuredMs / 1000)),
    p50Ms: round(quantile(sorted, 0.5)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    errors,
    errorsByStatus: m.errors,
  };
}
const all = [...measured.values()].flatMap((m) => m.latencies).sort((a, b) => a - b);
const rssRatio = rssEndKb / rssAfterWarmupKb;
const figures = {
  script: 'mixed-load',
  at: new Date().toISOString(),
  store: pgUrl ? 'postgres' : 'sqlite',
  clients: CLIENTS,
  commentsPerConcern,
  seconds,
  warmupSeconds,
  measuredSeconds: round(measuredMs / 1000, 2),
  requests: totalOk + totalErrors,
  rps: round((totalOk + totalErrors) / (measuredMs / 1000)),
  p50Ms: round(quantile(all, 0.5)),
  p99Ms: round(quantile(all, 0.99)),
  errors: totalErrors,
  warmup: warmupAnswers,
  byKind,
  rss: { afterWarmupMb: round(rssAfterWarmupKb / 1024), endMb: round(rssEndKb / 1024), ratio: round(rssRatio, 3), targetRatio: 1 + RSS_TARGET, checked: checkRss },
  fullGcs,
  rssSamples: samples,
  errorSamples,
};

console.log(
  `mixed load on ${figures.store}: ${CLIENTS} clients, ${warmupSeconds} s warm-up then ${figures.measuredSeconds} s measured, ` +
    (commentsPerConcern > 0 ? `a new concern every ${commentsPerConcern} comments` : 'one concern per client throughout'),
);
for (const [kind, f] of Object.entries(byKind)) {
  console.log(`  ${kind.padEnd(17)} ${String(f.requests).padStart(7)} requests  ${String(f.rps).padStart(7)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  max ${f.maxMs} ms  errors ${f.errors}${f.errors ? ` ${JSON.stringify(f.errorsByStatus)}` : ''}`);
}
console.log(`  all               ${String(figures.requests).padStart(7)} requests  ${String(figures.rps).padStart(7)} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  errors ${totalErrors} (warm-up: ${warmupAnswers.ok} ok, ${warmupAnswers.errors} errors)`);
console.log(`  server RSS: ${figures.rss.afterWarmupMb} MB after warm-up, ${figures.rss.endMb} MB at the end (ratio ${figures.rss.ratio}; target at most ${figures.rss.targetRatio}${checkRss ? '' : ', not checked on runs under 30 s'})`);
const gcsAfterWarmup = fullGcs.filter((g) => g.s >= warmupSeconds);
console.log(
  gcsAfterWarmup.length > 0
    ? `  server JS heap live after full GCs: ${fullGcs.map((g) => `${g.liveMb} MB at ${Math.round(g.s)} s`).join(', ')} (heap reserved at the last: ${fullGcs[fullGcs.length - 1].heapMb} MB)`
    : '  server JS heap: no full GC after warm-up',
);
if (errorSamples.length > 0) console.log(`  first errors: ${JSON.stringify(errorSamples)}`);

const problems = [];
if (totalErrors + warmupAnswers.errors > 0) problems.push(`${totalErrors + warmupAnswers.errors} errors`);
const expectedKinds = ['command-comment', 'timeline-concern', 'timeline-service', ...(commentsPerConcern > 0 ? ['command-raise'] : [])];
for (const kind of expectedKinds) if (byKind[kind].requests === 0) problems.push(`no ${kind} request was measured`);
if (checkRss && rssRatio > 1 + RSS_TARGET) problems.push(`RSS grew by ${round((rssRatio - 1) * 100)}% after warm-up (target at most ${RSS_TARGET * 100}%)`);
figures.problems = problems;
mkdirSync(join(root, 'test-artifacts/reliability'), { recursive: true });
const artifact = join(root, `test-artifacts/reliability/mixed-load-${figures.store}-${seconds}s${commentsPerConcern > 0 ? '' : '-long-streams'}.json`);
writeFileSync(artifact, `${JSON.stringify(figures, null, 2)}\n`);
console.log(`  figures: ${artifact.slice(root.length + 1)}`);
await cleanUp();
for (const p of problems) console.log(`problem: ${p}`);
console.log(problems.length === 0 ? 'PASS' : 'FAIL');
process.exit(problems.length === 0 ? 0 : 1);
