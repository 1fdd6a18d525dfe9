import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { API_ACCESS_POLICY, PAGE_ACCESS_POLICY } from '../../apps/api/src/access/access-policy';
import { admittedRelations } from '../../apps/api/src/access/access-decision';
import { RELATIONS, type Relation } from '../../apps/api/src/access/access-relations';
import { CONCERN_FORMS } from '../../apps/api/src/web/forms/concern-forms';
import { PLAN_ACTION_FORMS } from '../../apps/api/src/web/forms/plan-action.forms';
import { SERVICE_FORMS } from '../../apps/api/src/web/forms/service.forms';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';
import { expectedRefusal, TOKEN_BY_RELATION } from './access-relations.fixture';
import { expressRoutes } from './express-routes';

/** The demo story's first action on the documentation concern (its care-plan audit), for the action forms. */
const DEMO_ACTION_ID = '01900000-0000-7000-8000-000000000051';
const PAGE_IDS: Record<string, string> = {
  contractId: DEMO_IDS.contract,
  concernId: DEMO_IDS.documentationConcern,
  actionId: DEMO_ACTION_ID,
  serviceId: DEMO_IDS.mapleCourt,
  providerId: DEMO_IDS.provider,
  organisationId: DEMO_IDS.provider,
  councilId: DEMO_IDS.council,
  form: 'comment',
};
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Every page route the web controllers declare, for every relation signed in by session cookie. */
describe('access matrix: every page × every relation', () => {
  let t: TestApp;
  const agents = new Map<Relation, { agent: ReturnType<typeof request.agent>; csrf: string }>();

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await seedDemoStory(t);
    for (const relation of RELATIONS) {
      const agent = request.agent(t.server as never);
      const form = await agent.get('/app/sign-in').expect(200);
      await agent
        .post('/app/sign-in')
        .type('form')
        .send({ identity: TOKEN_BY_RELATION[relation], _csrf: csrfOf(form.text) })
        .expect(303);
      const signedIn = await agent.get('/app/sign-in').expect(200);
      agents.set(relation, { agent, csrf: csrfOf(signedIn.text) });
    }
  });
  afterAll(async () => t?.close());

  it('has a policy for every route Express serves (pages and API alike), and every form', () => {
    const routes = expressRoutes(t.app);
    expect(routes).toEqual(expect.arrayContaining(['GET /app/dashboard', 'POST /app/concerns/{concernId}/{form}', 'GET /concerns/{concernId}']));
    expect(routes.filter((k) => !(k in PAGE_ACCESS_POLICY) && !(k in API_ACCESS_POLICY) && !k.startsWith('GET /docs'))).toEqual([]);
    const concernRule = PAGE_ACCESS_POLICY['POST /app/concerns/{concernId}/{form}'];
    const serviceRule = PAGE_ACCESS_POLICY['POST /app/services/{serviceId}/{form}'];
    expect(Object.keys(CONCERN_FORMS).filter((slug) => 'rules' in concernRule && !(slug in concernRule.rules))).toEqual([]);
    expect(Object.keys(SERVICE_FORMS).filter((slug) => 'rules' in serviceRule && !(slug in serviceRule.rules))).toEqual([]);
    const actionRules = ['GET', 'POST'].map((method) => PAGE_ACCESS_POLICY[`${method} /app/concerns/{concernId}/actions/{actionId}/{form}`]);
    for (const rule of actionRules) expect(Object.keys(PLAN_ACTION_FORMS).filter((slug) => !('rules' in rule) || !(slug in rule.rules))).toEqual([]);
  });

  const signedInPages = Object.keys(PAGE_ACCESS_POLICY).filter((k) => !('public' in PAGE_ACCESS_POLICY[k]));

  it.each(signedInPages)('%s', async (key) => {
    const rule = PAGE_ACCESS_POLICY[key];
    const [method, path] = key.split(' ');
    const values = 'byParam' in rule ? Object.keys(rule.rules) : [undefined];
    const wrong: string[] = [];
    for (const value of values) {
      const params = 'byParam' in rule && value ? { ...PAGE_IDS, [rule.byParam]: value } : PAGE_IDS;
      const admitted = admittedRelations(rule, params);
      const allowed = (r: Relation) => admitted === 'public' || admitted.includes(r);
      // The session guard admits by who asks (any form's relations where the domain refuses); the page then reads the record.
      const guardAdmits = 'refusedByDomain' in rule ? admittedRelations(rule, {}) : admitted;
      for (const relation of [...RELATIONS].sort((a, b) => Number(allowed(a)) - Number(allowed(b)))) {
        const { agent, csrf } = agents.get(relation)!;
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
        const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
        const res = method === 'GET' ? await agent.get(url) : await agent.post(url).type('form').send({ _csrf: csrf });
        const toSignIn = res.status === 303 && /sign-in/.test(String(res.headers.location));
        const unmoved = (await t.app.get<EventStore>(EVENT_STORE).headPosition()) === head;
        // A form whose refusal is the domain's checks its fields first: an empty form is 400 before the
        // party rule speaks (that rule is proven, command by command, by the API matrix).
        // A stranger to the record the page names is told it is not there (404), as for an id that never was.
        const expected = guardAdmits === 'public' ? 403 : expectedRefusal(path, params, relation, guardAdmits);
        const refusal = res.status === expected || (expected === 403 && 'refusedByDomain' in rule && res.status === 400 && unmoved);
        const ok = allowed(relation) ? ![401, 403, 404].includes(res.status) && res.status < 500 && !toSignIn : refusal && unmoved;
        if (!ok) wrong.push(`${value ?? ''} ${relation}: expected ${allowed(relation) ? 'allow' : expected}, got ${res.status}`.trim());
      }
    }
    expect(wrong).toEqual([]);
  });
});
