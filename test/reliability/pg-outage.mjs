#!/usr/bin/env node
// Stop PostgreSQL during an 8-client mixed load (comments recorded, timelines and concerns read,
// health asked) and start it again, without restarting the API. Checks: while PostgreSQL is down
// every answer is 503 with Retry-After (never a 500, never a hang past 10 s); the API recovers by
// itself once PostgreSQL is back; every command answered 2xx is in the store, every hash chain
// verifies, and the read models catch up (health: lag 0). PostgreSQL is a private throwaway cluster
// (initdb in a temp directory, its own port): the shared server is never touched. Traffic goes only
// to 127.0.0.1.
// Usage: npm run compile && node test/reliability/pg-outage.mjs [--before-ms 3000] [--outage-ms 4000] [--after-ms 3000] [--stop-mode fast|immediate]
//        node test/reliability/pg-outage.mjs --check-toolchain   (prints the PostgreSQL bin dir, or why not; exit 3)
import { execFile, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { auditStore, freePort, waitForHealth } from './reliability-support.mjs';

const root = resolve(import.meta.dirname, '../..');
// A build of its own (default dist/; CARETRAIL_DIST=.reliability-dist keeps clear of others' dist/).
const dist = process.env.CARETRAIL_DIST ?? 'dist';
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const beforeMs = flag('before-ms', 3000);
const outageMs = flag('outage-ms', 4000);
const afterMs = flag('after-ms', 3000);
// fast: PostgreSQL ends every session and shuts down cleanly; immediate: it dies as in a crash.
const stopMode = argv.includes('--stop-mode') ? argv[argv.indexOf('--stop-mode') + 1] : 'fast';
if (!['fast', 'immediate'].includes(stopMode)) {
  console.error('--stop-mode is fast or immediate');
  process.exit(1);
}
/** A request not answered within this is a hang, and fails the run. */
const REQUEST_TIMEOUT_MS = 10_000;
/** How long after PostgreSQL is back the API may take to answer 2xx again. */
const RECOVERY_LIMIT_MS = 15_000;
const CLIENTS = 8;
const SERVICE = '01900000-0000-7000-8000-000000000011';
const CONCERN = '01900000-0000-7000-8000-000000000031';
const CONTRACT = '01900000-0000-7000-8000-000000000021';
const run = promisify(execFile);

/** PostgreSQL's server binaries (initdb, pg_ctl), the newest installed; or why they cannot be used. */
function findToolchain() {
  const found = [];
  if (process.env.CARETRAIL_PG_BIN) found.push(process.env.CARETRAIL_PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    found.push(...versions.map((v) => join(base, v, 'bin')));
  }
  const bin = found.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (!bin) return { reason: `no PostgreSQL server binaries (initdb, pg_ctl) under ${base} or CARETRAIL_PG_BIN` };
  // initdb refuses to run as root: as root, the cluster belongs to the postgres user.
  if (process.getuid?.() === 0) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) return { reason: 'running as root, but there is no postgres user to own a throwaway cluster' };
    if (spawnSync('runuser', ['--help'], { stdio: 'ignore' }).error) return { reason: 'running as root, but runuser is missing' };
    return { bin, uid: Number(id.stdout.trim()) };
  }
  return { bin };
}

const toolchain = findToolchain();
if (argv.includes('--check-toolchain')) {
  console.log(toolchain.bin ? `toolchain: ${toolchain.bin}` : `SKIP: ${toolchain.reason}`);
  process.exit(toolchain.bin ? 0 : 3);
}
if (!toolchain.bin) {
  console.log(`SKIP: ${toolchain.reason}`);
  process.exit(3);
}


const dir = mkdtempSync(join(tmpdir(), 'caretrail-pg-outage-'));
const pgData = join(dir, 'data');
const pgLog = join(dir, 'postgres.log');
const apiLog = join(dir, 'api.log');
const pgPort = await freePort();
const apiPort = await freePort();
const base = `http://127.0.0.1:${apiPort}`;
if (toolchain.uid !== undefined) chownSync(dir, toolchain.uid, toolchain.uid);
const asOwner = (cmd, args) => (toolchain.uid !== undefined ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
const pgCtl = (...args) => asOwner(join(toolchain.bin, 'pg_ctl'), ['-D', pgData, ...args]);
const serverOptions = `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;

let api;
let cleaned = false;
/** Synchronous, so it also runs from the deadline and from signals: never leave a postgres behind. */
function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  if (api && api.exitCode === null && !api.signalCode) api.kill('SIGKILL');
  if (existsSync(join(pgData, 'postmaster.pid'))) spawnSync(...pgCtl('stop', '-m', 'immediate', '-w'), { stdio: 'ignore', timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
}
const tail = (file, lines = 30) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(none)');
function fail(message) {
  console.error(`FAIL: ${message}`);
  console.error(`--- API log (last lines)\n${tail(apiLog)}\n--- PostgreSQL log (last lines)\n${tail(pgLog, 10)}`);
  cleanUp();
  process.exit(2);
}
setTimeout(() => fail('the whole run took longer than 180 s'), 180_000).unref();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => fail(`stopped by ${signal}`));

async function pg(...args) {
  const [cmd, rest] = pgCtl(...args);
  await run(cmd, rest, { timeout: 60_000 });
}
const pgUp = () => pg('start', '-w', '-t', '60', '-l', pgLog, '-o', serverOptions);

// A private cluster: trust on 127.0.0.1 and its socket in the temp dir, nothing else listens.
{
  const [cmd, args] = asOwner(join(toolchain.bin, 'initdb'), ['-D', pgData, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const init = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (init.status !== 0) fail(`initdb failed: ${init.stderr || init.error}`);
}
await pgUp().catch((error) => fail(`the private PostgreSQL did not start: ${error.stderr || error.message}`));
const pgUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;

const env = {
  ...process.env, NODE_ENV: 'development', PORT: String(apiPort), LOG_LEVEL: 'warn', CARETRAIL_STORE: 'postgres',
  CARETRAIL_PG_URL: pgUrl, CARETRAIL_PG_SCHEMA: 'caretrail', CARETRAIL_SIGNING_KEY_FILE: join(dir, 'key.pem'),
  CARETRAIL_SEED_DEMO: 'true', CARETRAIL_RATE_LIMIT: '100000000', CARETRAIL_PROJECTIONS: 'inline',
};
writeFileSync(apiLog, '');
api = spawn(process.execPath, [join(root, dist, 'apps/api/src/main.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
api.stderr.on('data', (chunk) => appendFileSync(apiLog, chunk));
let apiExit;
api.once('exit', (code, signal) => (apiExit = { code, signal, at: Date.now() }));
const apiPid = api.pid;

await waitForHealth(base, () => apiExit, fail);

// Each client comments on a concern of its own: commands never race each other for a stream version
// (a 409 would then be a real fault, not contention), while every read also sees the others' writes.
const concerns = [];
for (let c = 0; c < CLIENTS; c++) {
  const res = await fetch(`${base}/concerns`, {
    method: 'POST',
    headers: { Authorization: 'Bearer demo-council-officer', 'Content-Type': 'application/json' },
    body: JSON.stringify({ serviceId: SERVICE, contractId: CONTRACT, category: 'documentation', severity: 'amber', source: 'monitoring_visit', summary: `pg-outage load concern ${c}` }),
  });
  if (res.status !== 201) fail(`raising the load's concern ${c} answered ${res.status}: ${await res.text()}`);
  concerns.push((await res.json()).id);
}

// ---- the load: 8 clients, each cycling through commands and reads -------------------------------
const kinds = [
  { kind: 'command', method: 'POST', path: (c) => `/concerns/${concerns[c]}/comments`, token: 'demo-provider-ceo' },
  { kind: 'timeline', method: 'GET', path: (c) => `/timelines/concerns/${concerns[c]}?limit=50`, token: 'demo-council-officer' },
  { kind: 'command', method: 'POST', path: (c) => `/concerns/${concerns[c]}/comments`, token: 'demo-provider-ceo' },
  { kind: 'timeline', method: 'GET', path: () => `/timelines/services/${SERVICE}?limit=50`, token: 'demo-council-officer' },
  { kind: 'concern', method: 'GET', path: () => `/concerns/${CONCERN}`, token: 'demo-council-officer' },
  { kind: 'health', method: 'GET', path: () => '/health', token: null },
];
const answers = [];
const acknowledged = [];
let stopLoad = false;
const clients = Array.from({ length: CLIENTS }, async (_, c) => {
  for (let n = 0; !stopLoad; n++) {
    const k = kinds[(c + n) % kinds.length];
    const text = `pg-outage client ${c} request ${n}`;
    const body = k.method === 'POST' ? JSON.stringify({ topic: 'general', text }) : undefined;
    const headers = { 'Content-Type': 'application/json', ...(k.token ? { Authorization: `Bearer ${k.token}` } : {}) };
    const sent = Date.now();
    const answer = { kind: k.kind, sent, answered: 0, status: 0, retryAfter: null, error: null };
    try {
      const res = await fetch(`${base}${k.path(c)}`, { method: k.method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await res.arrayBuffer();
      answer.status = res.status;
      answer.retryAfter = res.headers.get('retry-after');
      if (res.ok && k.kind === 'command') acknowledged.push(text);
    } catch (error) {
      answer.error = error?.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS} ms` : String(error?.cause?.code ?? error?.message ?? error);
    }
    answer.answered = Date.now();
    answers.push(answer);
    // A refused request waits a little, as a client honouring Retry-After would (but shorter, to see recovery).
    if (answer.status === 503 || answer.error) await new Promise((r) => setTimeout(r, 50));
  }
});

await new Promise((r) => setTimeout(r, beforeMs));
const stopIssuedAt = Date.now();
await pg('stop', '-m', stopMode, '-w', '-t', '60').catch((error) => fail(`pg_ctl stop failed: ${error.stderr || error.message}`));
const stoppedAt = Date.now();
await new Promise((r) => setTimeout(r, outageMs));
const startIssuedAt = Date.now();
await pgUp().catch((error) => fail(`pg_ctl start failed: ${error.stderr || error.message}`));
const startedAt = Date.now();

// Keep the load on until both kinds have answered 2xx again, then for afterMs more.
const firstOk = (kind) => answers.find((a) => a.sent >= startedAt && a.status >= 200 && a.status < 300 && (kind === 'read' ? a.kind !== 'command' : a.kind === kind));
for (;;) {
  if (apiExit) break;
  if (firstOk('command') && firstOk('read')) break;
  if (Date.now() - startedAt > RECOVERY_LIMIT_MS) break;
  await new Promise((r) => setTimeout(r, 20));
}
const recoveredAt = Math.max(firstOk('command')?.answered ?? Infinity, firstOk('read')?.answered ?? Infinity);
if (Number.isFinite(recoveredAt)) await new Promise((r) => setTimeout(r, afterMs));
stopLoad = true;
await Promise.all(clients);
const endedAt = Date.now();

// ---- what was answered ---------------------------------------------------------------------------
const byStatus = (list) => list.reduce((m, a) => ((m[a.error ? 'no answer' : a.status] = (m[a.error ? 'no answer' : a.status] ?? 0) + 1), m), {});
const during = answers.filter((a) => a.sent >= stoppedAt && a.answered <= startIssuedAt);
const duringBad = during.filter((a) => a.status !== 503 || !a.retryAfter);
const serverErrors = answers.filter((a) => a.error || (a.status >= 500 && a.status !== 503) || (a.status === 503 && !a.retryAfter));
const unexpected = answers.filter((a) => !a.error && a.status < 500 && (a.status < 200 || a.status >= 300));
const maxLatency = (list) => list.reduce((m, a) => Math.max(m, a.answered - a.sent), 0);
const settled = Number.isFinite(recoveredAt) ? answers.filter((a) => a.sent >= recoveredAt + 1000) : [];
const settledBad = settled.filter((a) => a.status < 200 || a.status >= 300);
const phases = {
  before: answers.filter((a) => a.answered < stopIssuedAt),
  stopping: answers.filter((a) => a.answered >= stopIssuedAt && a.sent < stoppedAt),
  outage: during,
  restarting: answers.filter((a) => a.answered > startIssuedAt && a.sent < startedAt),
  after: answers.filter((a) => a.sent >= startedAt),
};
for (const [name, list] of Object.entries(phases)) {
  console.log(`${name.padEnd(10)} ${String(list.length).padStart(6)} answers, by status ${JSON.stringify(byStatus(list))}, max latency ${maxLatency(list)} ms`);
}
const ms = (t) => (Number.isFinite(t) ? `${t} ms` : 'never');
const recovery = {
  command: firstOk('command') ? firstOk('command').answered - startedAt : Infinity,
  read: firstOk('read') ? firstOk('read').answered - startedAt : Infinity,
};
console.log(
  `outage: PostgreSQL stopped (pg_ctl stop -m ${stopMode} took ${stoppedAt - stopIssuedAt} ms), down ${startIssuedAt - stoppedAt} ms, ` +
    `started in ${startedAt - startIssuedAt} ms; during the outage ${during.length} answers by status ${JSON.stringify(byStatus(during))}, ` +
    `${during.filter((a) => a.retryAfter).length} with Retry-After, max latency ${maxLatency(during)} ms`,
);
console.log(
  `recovery: first 2xx ${ms(Math.max(recovery.command, recovery.read))} after PostgreSQL was back (command ${ms(recovery.command)}, read ${ms(recovery.read)}); ` +
    `${settled.length} answers from 1 s after recovery on, ${settledBad.length} not 2xx; whole run ${answers.length} answers, max latency ${maxLatency(answers)} ms, ` +
    `5xx other than 503 or no answer: ${serverErrors.length}, non-2xx below 500: ${unexpected.length}`,
);
const problems = [];
if (apiExit) problems.push(`the API process exited (${JSON.stringify(apiExit)})`);
if (during.length === 0) problems.push('no request was answered during the outage');
if (duringBad.length > 0) problems.push(`${duringBad.length} answers during the outage were not 503 with Retry-After: ${JSON.stringify(byStatus(duringBad))}`);
if (serverErrors.length > 0) problems.push(`${serverErrors.length} answers were 5xx other than 503 (or 503 without Retry-After), or none came: ${JSON.stringify(serverErrors.slice(0, 5))}`);
if (unexpected.length > 0) problems.push(`${unexpected.length} answers were 1xx, 3xx or 4xx: ${JSON.stringify(byStatus(unexpected))}`);
if (!(recovery.command <= RECOVERY_LIMIT_MS && recovery.read <= RECOVERY_LIMIT_MS)) problems.push(`no recovery within ${RECOVERY_LIMIT_MS} ms of PostgreSQL's return`);
if (settledBad.length > 0) problems.push(`${settledBad.length} answers after recovery were not 2xx: ${JSON.stringify(byStatus(settledBad))}`);

// ---- the read models catch up, in the same API process -------------------------------------------
let health;
const catchUpFrom = Date.now();
for (;;) {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    health = res.ok ? await res.json() : { status: res.status };
    if (health.projections?.every((p) => p.lagPositions === 0 && p.following && !p.lastError)) break;
  } catch (error) {
    health = { error: String(error) };
  }
  if (Date.now() - catchUpFrom > 30_000) break;
  await new Promise((r) => setTimeout(r, 100));
}
const caughtUp = health.projections?.every((p) => p.lagPositions === 0 && p.following && !p.lastError) ?? false;
console.log(`read models: ${caughtUp ? `lag 0 at head ${health.headPosition} ${Date.now() - catchUpFrom} ms after the load ended` : `not caught up within 30 s: ${JSON.stringify(health)}`}`);
if (!caughtUp) problems.push('the read models did not catch up');
const sameProcess = !apiExit && api.pid === apiPid;
if (!sameProcess) problems.push('the API did not stay up');

// ---- the store: every acknowledged command is there, every chain verifies -----------------------
const { createEventStore, loadConfig } = require(join(root, dist, 'libs/config/src/index.js'));
const { findChainProblems } = require(join(root, dist, 'libs/event-store/src/index.js'));
const store = await createEventStore(loadConfig(env));
const { texts, events, streams, problems: chainProblems } = await auditStore(store, findChainProblems);
await store.close();
const lost = acknowledged.filter((t) => !texts.has(t));
console.log(`store: ${events} events in ${streams} streams; chain problems ${chainProblems.length}; ${acknowledged.length} commands acknowledged, missing ${lost.length}`);
if (chainProblems.length > 0) problems.push(`${chainProblems.length} chain problems`);
if (lost.length > 0) problems.push(`${lost.length} acknowledged commands are missing from the store`);
if (acknowledged.length === 0) problems.push('no command was acknowledged');

const figures = {
  script: 'pg-outage', at: new Date().toISOString(), stopMode, clients: CLIENTS, requestTimeoutMs: REQUEST_TIMEOUT_MS,
  outage: { stopMs: stoppedAt - stopIssuedAt, downMs: startIssuedAt - stoppedAt, startMs: startedAt - startIssuedAt, answers: during.length, byStatus: byStatus(during), withRetryAfter: during.filter((a) => a.retryAfter).length, maxLatencyMs: maxLatency(during) },
  phases: Object.fromEntries(Object.entries(phases).map(([k, list]) => [k, { answers: list.length, byStatus: byStatus(list), maxLatencyMs: maxLatency(list) }])),
  recoveryMs: { command: recovery.command, read: recovery.read },
  loadMs: endedAt - (stopIssuedAt - beforeMs), answers: answers.length, maxLatencyMs: maxLatency(answers),
  store: { events, acknowledged: acknowledged.length, missing: lost.length, chainProblems: chainProblems.length },
  readModelsCaughtUp: caughtUp, apiStayedUp: sameProcess, problems,
};
mkdirSync(join(root, 'test-artifacts/reliability'), { recursive: true });
writeFileSync(join(root, 'test-artifacts/reliability/pg-outage.json'), `${JSON.stringify(figures, null, 2)}\n`);

api.kill('SIGTERM');
await new Promise((r) => (apiExit ? r() : api.once('exit', r)));
for (const p of problems) console.log(`problem: ${p}`);
if (problems.length > 0) console.error(`--- API log (last lines)\n${tail(apiLog)}`);
cleanUp();
console.log(problems.length === 0 ? 'PASS' : 'FAIL');
process.exit(problems.length === 0 ? 0 : 1);
