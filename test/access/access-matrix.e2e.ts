import request from 'supertest';
import { API_ACCESS_POLICY } from '../../apps/api/src/access/access-policy';
import { admittedRelations } from '../../apps/api/src/access/access-decision';
import { RELATIONS, type Relation } from '../../apps/api/src/access/access-relations';
import { apiRoutes, fetchOpenApi, resolve, type ApiRoute, type OpenApiDocument } from '../support/openapi-document';
import { sampleFromSchema } from '../support/openapi-sample';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';
import { bodyFor, expectedRefusal, SCOPE_IDS, STORY_IDS, TOKEN_BY_RELATION } from './access-relations.fixture';

/**
 * Every route of the OpenAPI document, for every relation, against the seeded demo story: a relation
 * the policy refuses gets 403, or 404 when it is a stranger to the record the route names (so that no
 * refusal tells it which ids exist); one it admits gets anything but 401/403 (a 422 for a rule is fine).
 */
describe('access matrix: every API route × every relation', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let routes: ApiRoute[];

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await seedDemoStory(t);
    doc = await fetchOpenApi(t.server);
    routes = apiRoutes(doc);
  });
  afterAll(async () => t?.close());

  it('has a policy for every route in the document, and no policy for a route that is gone', () => {
    const documented = routes.map((r) => r.key).sort();
    expect(documented.filter((k) => !(k in API_ACCESS_POLICY))).toEqual([]);
    expect(Object.keys(API_ACCESS_POLICY).filter((k) => !documented.includes(k))).toEqual([]);
  });

  // Ending the contract would leave the council no live contract for every later route, and a new
  // contract would make the unrelated council a commissioning one: both go last.
  const LAST = ['POST /contracts', 'POST /contracts/{contractId}/ending'];
  const keys = Object.keys(API_ACCESS_POLICY).sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)));

  it.each(keys)('%s', async (key) => {
    const route = routes.find((r) => r.key === key);
    if (!route) throw new Error(`${key} is in the policy but not in the OpenAPI document`);
    const rule = API_ACCESS_POLICY[key];
    const scopes = 'byParam' in rule ? Object.keys(rule.rules) : [undefined];
    const wrong: string[] = [];
    for (const scope of scopes) {
      const params: Record<string, string> = scope ? { ...STORY_IDS, scope, id: SCOPE_IDS[scope] } : STORY_IDS;
      const admitted = admittedRelations(rule, params);
      const allowed = (r: Relation) => admitted === 'public' || admitted.includes(r);
      // Refusals first: an admitted caller's write must not change the record the refusal is about.
      const ordered = [...RELATIONS].sort((a, b) => Number(allowed(a)) - Number(allowed(b)));
      for (const relation of ordered) {
        const status = await call(route, params, relation);
        const refusal = admitted === 'public' ? 403 : expectedRefusal(route.path, params, relation, admitted);
        const ok = allowed(relation) ? status !== 401 && status !== 403 && status < 500 : status === refusal;
        if (!ok) wrong.push(`${scope ?? ''} ${relation}: expected ${allowed(relation) ? 'allow' : refusal}, got ${status}`.trim());
      }
    }
    expect(wrong).toEqual([]);
  });

  async function call(route: ApiRoute, params: Record<string, string>, relation: Relation): Promise<number> {
    const query = route.requiredQuery.map((name) => `${name}=${encodeURIComponent(params[name] ?? 'missing')}`).join('&');
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'missing') + (query ? `?${query}` : '');
    const method = route.method.toLowerCase() as 'get' | 'post';
    const agent = request(t.server as never);
    const req = agent[method](path).set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`);
    if (route.body) {
      const sample = sampleFromSchema(doc, route.body, STORY_IDS) as Record<string, unknown>;
      req.send(bodyFor(route.key, relation, sample, resolve(doc, route.body).properties));
    }
    return (await req).status;
  }
});
