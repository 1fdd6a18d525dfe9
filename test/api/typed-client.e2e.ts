import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';

/**
 * A client generated from the OpenAPI document (openapi-typescript) type-checks real calls (tsc, strict,
 * in a temp directory), refuses wrong ones, and the compiled calls run against the API.
 */
const ROOT = join(__dirname, '..', '..');
const exec = promisify(execFile);
/** Runs a tool, failing with what it printed. */
const run = (file: string, args: string[], cwd: string) =>
  exec(file, args, { cwd }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw Object.assign(new Error(`${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`), { stdout: error.stdout });
  });
const OPENAPI_TYPESCRIPT = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** tsc and the generator are CPU-bound; on a shared, busy machine they get minutes, not the default minute. */
const SLOW = 300_000;
const TSC_OPTIONS = ['--strict', '--target', 'es2022', '--lib', 'es2022,dom', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck'];

/** A small typed fetch over the generated `paths`: path parameters, body and answer all come from the document. */
const CLIENT = `import type { paths, components } from './caretrail-api';

type Problem = components['schemas']['ProblemDto'];
type PathParams<O> = O extends { parameters: { path: infer P } } ? (P extends Record<string, unknown> ? P : Record<string, never>) : Record<string, never>;
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
type Ok<O> = O extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : O extends { responses: { 201: { content: { 'application/json': infer R } } } }
    ? R
    : never;

export type Answer<T> = { ok: true; status: number; body: T; etag: string | null; location: string | null } | { ok: false; status: number; problem: Problem };

export async function call<P extends keyof paths, M extends 'get' | 'post' & keyof paths[P]>(
  baseUrl: string,
  token: string,
  method: M,
  path: P,
  params: PathParams<paths[P][M]>,
  body: Body<paths[P][M]>,
): Promise<Answer<Ok<paths[P][M]>>> {
  const url = String(path).replace(/\\{(\\w+)\\}/g, (_, name: string) => encodeURIComponent(String((params as Record<string, unknown>)[name])));
  const res = await fetch(baseUrl + url, {
    method: String(method).toUpperCase(),
    headers: { authorization: 'Bearer ' + token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) return { ok: false, status: res.status, problem: (await res.json()) as Problem };
  return { ok: true, status: res.status, body: (await res.json()) as Ok<paths[P][M]>, etag: res.headers.get('etag'), location: res.headers.get('location') };
}
`;

/** Real calls, checked against the document's types. */
const CALLS = `import { call } from './client';

export async function story(baseUrl: string, concernId: string) {
  const read = await call(baseUrl, 'demo-council-officer', 'get', '/concerns/{concernId}', { concernId }, undefined);
  if (!read.ok) throw new Error('read: ' + read.problem.detail);
  const version: number = read.body.version;
  const status: string = read.body.status;
  const actionStatuses: string[] = Object.values(read.body.plan.actions).map((action) => action.status);
  const firstVersion: number | undefined = read.body.plan.versions[0]?.version;
  const commented = await call(baseUrl, 'demo-council-officer', 'post', '/concerns/{concernId}/comments', { concernId }, {
    topic: 'progress',
    text: 'Typed client: the plan is on track',
    expectedVersion: version,
  });
  if (!commented.ok) throw new Error('comment: ' + commented.problem.detail);
  const stale = await call(baseUrl, 'demo-council-officer', 'post', '/concerns/{concernId}/comments', { concernId }, { topic: 'general', text: 'Stale', expectedVersion: version });
  const currentVersion: number | undefined = stale.ok ? undefined : stale.problem.currentVersion;
  return { version, status, actionStatuses, firstVersion, commentedVersion: commented.body.version, etag: commented.etag, location: commented.location, staleStatus: stale.status, currentVersion };
}
`;

/** Calls the document does not allow: each line must be a type error. */
const WRONG = `import { call } from './client';

export async function wrong(baseUrl: string, concernId: string) {
  await call(baseUrl, 't', 'post', '/concerns/{concernId}/comments', { concernId }, { topic: 'progress', text: 42 });
  await call(baseUrl, 't', 'post', '/concerns/{concernId}/comments', { concernId }, { topic: 'gossip', text: 'x' });
  await call(baseUrl, 't', 'post', '/concerns/{concernId}/no-such-thing', { concernId }, undefined);
  await call(baseUrl, 't', 'get', '/concerns/{concernId}', { serviceId: concernId }, undefined);
  const read = await call(baseUrl, 't', 'get', '/concerns/{concernId}', { concernId }, undefined);
  if (read.ok) { const v: string = read.body.version; return v; }
}
`;

describe('a typed client generated from the OpenAPI document', () => {
  let t: TestApp;
  let dir: string;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await seedDemoStory(t);
    const server = (await t.app.listen(0, '127.0.0.1')) as { address(): AddressInfo };
    baseUrl = `http://127.0.0.1:${server.address().port}`;
    dir = mkdtempSync(join(tmpdir(), 'caretrail-typed-client-'));
    const doc = await request(t.server as never)
      .get('/docs/openapi.json')
      .expect(200);
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc.body));
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(join(dir, 'calls.ts'), CALLS);
    writeFileSync(join(dir, 'wrong.ts'), WRONG);
    await run(process.execPath, [OPENAPI_TYPESCRIPT, join(dir, 'openapi.json'), '--output', join(dir, 'caretrail-api.ts')], dir);
  }, SLOW);

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generates types naming the operations, their bodies and their answers', () => {
    const types = readFileSync(join(dir, 'caretrail-api.ts'), 'utf8');
    expect(types).toContain('"/concerns/{concernId}/comments"');
    expect(types).toContain('CommandResponseDto');
    expect(types).toContain('ProblemDto');
    // The items of a plan's actions, an update's progress and evidence, a claim's evidence have schemas.
    expect(types).toContain('actions: components["schemas"]["PlannedActionDto"][]');
    expect(types).toContain('actions: components["schemas"]["ActionProgressDto"][]');
    expect(types).toContain('evidence: components["schemas"]["EvidenceReferenceDto"][]');
  });

  it(
    'type-checks real calls, and those calls work against the API',
    async () => {
      await run(process.execPath, [TSC, ...TSC_OPTIONS, '--outDir', join(dir, 'out'), join(dir, 'calls.ts')], dir);
      const { story } = require(join(dir, 'out', 'calls.js')) as { story(baseUrl: string, id: string): Promise<Record<string, unknown>> };
      const result = await story(baseUrl, DEMO_IDS.documentationConcern);
      expect(result.firstVersion).toBe(1);
      expect(result.actionStatuses).toEqual(expect.arrayContaining([expect.stringMatching(/^(open|in_progress|completion_claimed|verified)$/)]));
      expect(result.commentedVersion).toBe((result.version as number) + 1);
      expect(result.etag).toBe(`"${result.commentedVersion}"`);
      expect(result.location).toBe(`/concerns/${DEMO_IDS.documentationConcern}`);
      expect(result.staleStatus).toBe(409);
      expect(result.currentVersion).toBe(result.commentedVersion);
    },
    SLOW,
  );

  it(
    'refuses calls the document does not allow',
    async () => {
      const failed = await run(process.execPath, [TSC, ...TSC_OPTIONS, '--noEmit', join(dir, 'wrong.ts')], dir).then(
        () => undefined,
        (error: { stdout: string }) => error.stdout,
      );
      expect(failed).toBeDefined();
      const lines = (failed ?? '').split('\n').filter((l) => l.includes('wrong.ts('));
      // One error for each wrong call: a number for text, an unknown topic, an unknown path, a wrong path parameter, version is not a string.
      expect(lines.map((l) => Number(/wrong\.ts\((\d+),/.exec(l)?.[1]))).toEqual([4, 5, 6, 7, 9]);
    },
    SLOW,
  );
});
