import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from 'node:http';
import { QueryBus } from '@nestjs/cqrs';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { PAGE_ACCESS_POLICY } from '../../apps/api/src/access/access-policy';
import { RELATIONS, type Relation } from '../../apps/api/src/access/access-relations';
import { SCOPE_IDS, STORY_IDS, TOKEN_BY_RELATION } from '../access/access-relations.fixture';
import { apiRoutes, fetchOpenApi } from '../support/openapi-document';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 11: every read of a record goes through a query handler on the QueryBus (one place for chain
 * verification, as of and basis, the read policy and the read audit). This walks every GET route of the
 * OpenAPI document and every page, as every relation, and watches the event store: a read of a
 * stream (its events, its snapshot, its head or version) made while a request is served but outside a
 * QueryBus query is a way around the query handlers, and fails the test naming the route.
 */

/** The request being served (set around the HTTP server's handler), and whether a query is running. */
const serving = new AsyncLocalStorage<string>();
const inQuery = new AsyncLocalStorage<true>();

/** The store's reads of a record (the feed, read by projections behind any request, is not one). */
const RECORD_READS = ['readStream', 'readSnapshot', 'streamHead', 'streamVersion'] as const;

interface StoreRead {
  route: string;
  method: string;
  streamId: string;
  viaQuery: boolean;
}

function watch(t: TestApp): StoreRead[] {
  const reads: StoreRead[] = [];
  const store = t.app.get<EventStore>(EVENT_STORE) as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of RECORD_READS) {
    const original = store[method].bind(store);
    store[method] = (...args: unknown[]) => {
      const route = serving.getStore();
      if (route) reads.push({ route, method, streamId: String(args[0]), viaQuery: inQuery.getStore() === true });
      return original(...args);
    };
  }
  const server = t.server as Server;
  const [handler] = server.listeners('request') as ((...args: unknown[]) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: { method: string; url: string }, res: unknown) => serving.run(`${req.method} ${req.url}`, () => handler(req, res)));
  return reads;
}

const originalExecute = QueryBus.prototype.execute;

describe('every read of a record goes through a query handler', () => {
  let t: TestApp;
  let reads: StoreRead[];

  beforeAll(async () => {
    QueryBus.prototype.execute = function (this: QueryBus, ...args: Parameters<QueryBus['execute']>) {
      return inQuery.run(true, () => originalExecute.apply(this, args));
    } as typeof QueryBus.prototype.execute;
    t = await startTestApp('sqlite');
    await seedDemoStory(t);
    reads = watch(t);
  });
  afterAll(async () => {
    QueryBus.prototype.execute = originalExecute;
    await t?.close();
  });

  it('the watch sees a read made outside a query while a request is served (the check can fail)', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    await serving.run('planted', () => store.readStream(`concern-${STORY_IDS.concernId}`));
    await serving.run('planted', () => inQuery.run(true, () => store.readStream(`concern-${STORY_IDS.concernId}`)));
    expect(reads.filter((r) => r.route === 'planted').map((r) => r.viaQuery)).toEqual([false, true]);
    reads.length = 0;
  });

  it('every GET of the API, as every relation, reads records only through queries', async () => {
    const routes = apiRoutes(await fetchOpenApi(t.server)).filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThan(15);
    const answered = new Map<string, number[]>();
    for (const route of routes) {
      const scopes = route.path.includes('{scope}') ? Object.keys(SCOPE_IDS) : [undefined];
      for (const scope of scopes) {
        const params: Record<string, string> = scope ? { ...STORY_IDS, scope, id: SCOPE_IDS[scope] } : STORY_IDS;
        const query = route.requiredQuery.map((name) => `${name}=${encodeURIComponent(params[name] ?? 'missing')}`).join('&');
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'missing') + (query ? `?${query}` : '');
        for (const relation of RELATIONS) {
          const res = await request(t.server as never)
            .get(path)
            .set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`);
          answered.set(route.key, [...(answered.get(route.key) ?? []), res.status]);
        }
      }
    }
    expect(reads.filter((r) => !r.viaQuery).map((r) => `${r.route}: ${r.method}(${r.streamId})`)).toEqual([]);
    // The walk reached records: the record reads were served, through queries.
    expect(reads.some((r) => r.route.startsWith(`GET /concerns/${STORY_IDS.concernId}`) && r.viaQuery)).toBe(true);
    expect([...answered.values()].flat().filter((s) => s >= 500)).toEqual([]);
  });

  it('every page, as every relation signed in, reads records only through queries', async () => {
    reads.length = 0;
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const agents = new Map<Relation, ReturnType<typeof request.agent>>();
    for (const relation of RELATIONS) {
      const agent = request.agent(t.server as never);
      const form = await agent.get('/app/sign-in').expect(200);
      await agent
        .post('/app/sign-in')
        .type('form')
        .send({ identity: TOKEN_BY_RELATION[relation], _csrf: csrfOf(form.text) })
        .expect(303);
      agents.set(relation, agent);
    }
    const ids: Record<string, string> = { ...STORY_IDS, form: 'comment' };
    const pages = Object.keys(PAGE_ACCESS_POLICY).filter((key) => key.startsWith('GET '));
    expect(pages.length).toBeGreaterThan(20);
    const statuses: number[] = [];
    for (const key of pages) {
      const rule = PAGE_ACCESS_POLICY[key];
      const values = 'byParam' in rule ? Object.keys(rule.rules) : [undefined];
      for (const value of values) {
        const params = 'byParam' in rule && value ? { ...ids, [rule.byParam]: value } : ids;
        const url = key.slice(4).replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'missing');
        for (const relation of RELATIONS) statuses.push((await agents.get(relation)!.get(url)).status);
      }
    }
    expect(reads.filter((r) => !r.viaQuery).map((r) => `${r.route}: ${r.method}(${r.streamId})`)).toEqual([]);
    expect(reads.some((r) => r.route.startsWith(`GET /app/concerns/${STORY_IDS.concernId}`) && r.viaQuery)).toBe(true);
    expect(reads.some((r) => r.route.startsWith(`GET /app/services/${STORY_IDS.serviceId}`) && r.viaQuery)).toBe(true);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
