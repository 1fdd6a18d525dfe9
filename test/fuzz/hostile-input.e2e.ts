import fc from 'fast-check';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { API_ACCESS_POLICY } from '../../apps/api/src/access/access-policy';
import { admittedRelations } from '../../apps/api/src/access/access-decision';
import { apiRoutes, fetchOpenApi, resolve, type ApiRoute, type OpenApiDocument } from '../support/openapi-document';
import { sampleFromSchema } from '../support/openapi-sample';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';
import { bodyFor, STORY_IDS, TOKEN_BY_RELATION } from '../access/access-relations.fixture';
import { hostileBody } from './hostile-bodies';

/** Runs per route: bounded so the whole suite stays well under a minute in CI. */
const RUNS = Number(process.env.CARETRAIL_FUZZ_RUNS ?? 12);
const LEAK = /\bat \S+ \(|node_modules|\.ts:\d+|SQLITE_|\bSELECT\b|\bINSERT\b|better-sqlite3/i;

describe('hostile input: every POST route of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let posts: ApiRoute[];
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_RATE_LIMIT: '1000000' });
    await seedDemoStory(t);
    doc = await fetchOpenApi(t.server);
    posts = apiRoutes(doc).filter((r) => r.method === 'POST');
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => t?.close());

  it('never answers 5xx, never leaks internals, and a 4xx changes nothing in the store', async () => {
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const route of posts) {
      const admitted = admittedRelations(API_ACCESS_POLICY[route.key], STORY_IDS);
      // Sent as someone the policy admits, so the body gets past the guard to validation and the domain.
      const relation = admitted === 'public' ? 'admin' : admitted[0];
      const schema = resolve(doc, route.body);
      const sample = route.body ? bodyFor(route.key, relation, sampleFromSchema(doc, route.body, STORY_IDS) as Record<string, unknown>, schema.properties) : {};
      const forgedPath = fc.boolean();
      await fc
        .assert(
          fc.asyncProperty(hostileBody(sample, Object.keys(schema.properties ?? {})), forgedPath, fc.uuid(), async (body, forge, forged) => {
            const params = forge ? Object.fromEntries(Object.entries(STORY_IDS).map(([k, v]) => [k, /Id$/.test(k) ? forged : v])) : STORY_IDS;
            const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
            const before = await store.headPosition();
            const res = await request(t.server as never)
              .post(path)
              .set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`)
              .set('Content-Type', 'application/json')
              .send(body);
            const after = await store.headPosition();
            const problem =
              res.status >= 500
                ? `answered ${res.status}: ${res.text.slice(0, 200)}`
                : res.status >= 400 && after !== before
                  ? `answered ${res.status} but the store moved from ${before} to ${after}`
                  : LEAK.test(res.text)
                    ? `leaked internals: ${res.text.slice(0, 200)}`
                    : undefined;
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            if (problem) failures.push(`${route.key} ${problem} for ${body.slice(0, 200)}`);
            return problem === undefined;
          }),
          { numRuns: RUNS, seed: Number(process.env.CARETRAIL_FUZZ_SEED ?? 20261122), endOnFailure: true },
        )
        .catch(() => undefined); // collected below, every route gets its turn
    }
    console.info(`hostile input: ${posts.length} POST routes × ${RUNS} runs; answers by status ${JSON.stringify(statuses)}`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses prototype keys, and NUL, control characters and lone surrogates in every string field, on every POST route (400)', async () => {
    const wrong: string[] = [];
    for (const route of posts.filter((r) => r.body)) {
      const admitted = admittedRelations(API_ACCESS_POLICY[route.key], STORY_IDS);
      const relation = admitted === 'public' ? 'admin' : admitted[0];
      const schema = resolve(doc, route.body);
      const sample = bodyFor(route.key, relation, sampleFromSchema(doc, route.body, STORY_IDS) as Record<string, unknown>, schema.properties);
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => STORY_IDS[name] ?? 'x');
      const strings = Object.entries(schema.properties ?? {})
        .filter(([, p]) => p.type === 'string')
        .map(([k]) => k);
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const json = JSON.stringify(sample).replace(/^\{/, `{"${key}":{"polluted":true}${Object.keys(sample).length ? ',' : ''}`);
        const res = await request(t.server as never)
          .post(path)
          .set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`)
          .set('Content-Type', 'application/json')
          .send(json);
        if (res.status !== 400) wrong.push(`${route.key} ${key} key: ${res.status}`);
      }
      for (const field of strings) {
        for (const bad of ['a\\u0000b', 'a\\ud800b', '\\udc00', 'a\\u001bb']) {
          const json = JSON.stringify({ ...sample, [field]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', `"${bad}"`);
          const before = await store.headPosition();
          const res = await request(t.server as never)
            .post(path)
            .set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`)
            .set('Content-Type', 'application/json')
            .send(json);
          if (res.status !== 400 || (await store.headPosition()) !== before) wrong.push(`${route.key} ${field}=${bad}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
