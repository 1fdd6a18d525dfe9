import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { concernStream, contractStream, correctableFieldsOf, serviceStream } from '@caretrail/domain';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { API_ACCESS_POLICY, PAGE_ACCESS_POLICY } from '../../apps/api/src/access/access-policy';
import { admittedRelations } from '../../apps/api/src/access/access-decision';
import type { Relation } from '../../apps/api/src/access/access-relations';
import { CONCERN_FORMS } from '../../apps/api/src/web/forms/concern-forms';
import { anchorOf } from '../../apps/api/src/web/forms/form-fields';
import { PLAN_ACTION_FORMS } from '../../apps/api/src/web/forms/plan-action.forms';
import { SERVICE_FORMS } from '../../apps/api/src/web/forms/service.forms';
import type { WebForm } from '../../apps/api/src/web/forms/web-form';
import { bodyFor, SCOPE_IDS, STORY_IDS, TOKEN_BY_RELATION } from '../access/access-relations.fixture';
import { expressRoutes } from '../access/express-routes';
import { apiRoutes, fetchOpenApi, resolve, type ApiRoute, type OpenApiDocument } from '../support/openapi-document';
import { sampleFromSchema } from '../support/openapi-sample';
import { seedDemoStory, startTestApp, type StoreKind, type TestApp } from '../support/test-app';
import { ACCEPTED_DATES, ACCEPTED_INSTANTS, BAD_CURSORS, BAD_DATE_BOXES, BAD_DATES, BAD_INSTANTS, badAsOfs, show } from './date-classes';

/**
 * Issue 10: dates, instants, replay dates and cursors a client may send, in every date field of every
 * POST route (API and page forms) and as asOf / after / from / to on every GET route (API and pages),
 * each sent as someone the access policy admits. None may answer 5xx; each refusal is a 400 naming the
 * field (the page forms: an error summary linking to the date's first box); a refusal records nothing.
 * SQLite gets every class; PostgreSQL (when CARETRAIL_TEST_PG_URL is set) a smaller pass.
 */
const PAGE_IDS: Record<string, string> = { ...STORY_IDS, actionId: '01900000-0000-7000-8000-000000000051', form: 'comment' };
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const SAMPLE_AS_OF = '2025-03-31';
/** A correction's changes are judged against its target's type: the corrections routes are fuzzed on real entries, as their recorder. */
const CORRECTION_STREAMS: Record<string, string> = {
  'POST /concerns/{concernId}/corrections': concernStream(STORY_IDS.concernId),
  'POST /services/{serviceId}/corrections': serviceStream(STORY_IDS.serviceId),
  'POST /contracts/{contractId}/corrections': contractStream(STORY_IDS.contractId),
};
const RECORDER_TOKEN: Record<string, string> = {
  [DEMO_IDS.council]: 'demo-council-officer',
  [DEMO_IDS.provider]: 'demo-provider-manager',
  [DEMO_IDS.regulator]: 'demo-regulator',
};

interface Tally {
  requests: number;
  statuses: Record<string, Record<number, number>>;
}

/** Every field of a body that carries a date or an instant: those the schema says, and nested ones the sample shows. */
function dateFieldsOf(schema: ReturnType<typeof resolve>, sample: unknown): { path: (string | number)[]; instant: boolean }[] {
  const found = new Map<string, { path: (string | number)[]; instant: boolean }>();
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    // By format, and by name too (occurredAt, visitedOn, remedyBy): a schema that forgets its format still gets the classes.
    if (prop.format === 'date' || prop.format === 'date-time' || /(At|On|By)$/.test(name))
      found.set(name, { path: [name], instant: prop.format === 'date-time' || /At$/.test(name) });
  }
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string' && DATE_LIKE.test(value) && path.length > 1) found.set(path.join('.'), { path, instant: value.includes('T') });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(sample, []);
  return [...found.values()];
}

function withValue(body: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const namesField = (res: request.Response, field: string): boolean => {
  const fields = (res.body as { fields?: { field: string }[] })?.fields ?? [];
  return fields.some((f) => f.field === field);
};

function count(tally: Tally, kind: string, status: number): void {
  tally.requests++;
  tally.statuses[kind] ??= {};
  tally.statuses[kind][status] = (tally.statuses[kind][status] ?? 0) + 1;
}

const firstAdmitted = (admitted: readonly Relation[] | 'public'): Relation => (admitted === 'public' ? 'admin' : admitted[0]);

describe.each((process.env.CARETRAIL_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite']) as StoreKind[])(
  'dates, instants, asOf and cursors from outside, on %s: never 5xx, each refusal a 400 naming the field',
  (store) => {
    let t: TestApp;
    let doc: OpenApiDocument;
    let events: EventStore;
    const full = store === 'sqlite';
    // The PostgreSQL pass keeps the classes of the issue (week, ordinal, hour-only, comma) and the year 9999.
    const pick = <T>(values: T[]): T[] => (full ? values : values.filter((_, i) => i < 4 || (typeof values[i] === 'string' && /9999/.test(String(values[i])))));
    const tally: Tally = { requests: 0, statuses: {} };
    const agents = new Map<Relation, { agent: ReturnType<typeof request.agent>; csrf: string }>();

    async function agentOf(relation: Relation) {
      let signedIn = agents.get(relation);
      if (!signedIn) {
        const agent = request.agent(t.server as never);
        const form = await agent.get('/app/sign-in').expect(200);
        await agent
          .post('/app/sign-in')
          .type('form')
          .send({ identity: TOKEN_BY_RELATION[relation], _csrf: csrfOf(form.text) })
          .expect(303);
        signedIn = { agent, csrf: csrfOf((await agent.get('/app/sign-in').expect(200)).text) };
        agents.set(relation, signedIn);
      }
      return signedIn;
    }

    beforeAll(async () => {
      t = await startTestApp(store, { CARETRAIL_RATE_LIMIT: '1000000' });
      await seedDemoStory(t);
      doc = await fetchOpenApi(t.server);
      events = t.app.get<EventStore>(EVENT_STORE);
    });
    afterAll(async () => {
      console.info(`dates/cursors/asOf fuzz on ${store}: ${tally.requests} requests; answers by kind and status ${JSON.stringify(tally.statuses)}`);
      await t?.close();
    });

    it('every date and instant field of every API POST route: 400 naming the field, nothing recorded', async () => {
      const wrong: string[] = [];
      const posts = apiRoutes(doc).filter((r) => r.method === 'POST' && r.body);
      let fields = 0;
      for (const route of posts) {
        const relation = firstAdmitted(admittedRelations(API_ACCESS_POLICY[route.key], STORY_IDS));
        const schema = resolve(doc, route.body);
        const sample = bodyFor(route.key, relation, sampleFromSchema(doc, route.body, STORY_IDS) as Record<string, unknown>, schema.properties);
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(STORY_IDS[name] ?? 'x'));
        for (const field of dateFieldsOf(schema, sample).filter((f) => f.path[0] !== 'changes')) {
          fields++;
          const name = field.path.join('.');
          const send = async (value: unknown) => {
            const before = await events.headPosition();
            const res = await request(t.server as never)
              .post(path)
              .set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`)
              .send(withValue(sample, field.path, value));
            count(tally, 'API POST', res.status);
            return { res, moved: (await events.headPosition()) !== before };
          };
          for (const bad of pick(field.instant ? BAD_INSTANTS : BAD_DATES)) {
            const { res, moved } = await send(bad);
            if (res.status !== 400 || !namesField(res, name) || moved) {
              wrong.push(`${route.key} ${name}=${show(bad)}: ${res.status}${moved ? ', store moved' : ''} ${res.text.slice(0, 160)}`);
            }
          }
          if (!full) continue;
          for (const accepted of field.instant ? ACCEPTED_INSTANTS : ACCEPTED_DATES) {
            const { res } = await send(accepted);
            if (res.status >= 500 || (res.status === 400 && namesField(res, name)))
              wrong.push(`${route.key} ${name}=${show(accepted)} (an accepted form): ${res.status} ${res.text.slice(0, 160)}`);
          }
        }
      }
      // A correction's date fields, on the first entry of each type that has one, sent as its recorder.
      let corrected = 0;
      const correctedFields = new Set<string>();
      for (const [key, stream] of Object.entries(CORRECTION_STREAMS)) {
        const route = posts.find((r) => r.key === key);
        if (!route) continue; // corrections of that record kind are not offered
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(STORY_IDS[name] ?? 'x'));
        const seen = new Set<string>();
        for (const entry of await events.readStream(stream)) {
          const token = RECORDER_TOKEN[entry.actor.organisationId];
          const data = entry.data as Record<string, unknown>;
          for (const name of correctableFieldsOf(entry.type).filter((f) => typeof data[f] === 'string' && DATE_LIKE.test(data[f] as string))) {
            if (!token || seen.has(`${entry.type}.${name}`)) continue;
            seen.add(`${entry.type}.${name}`);
            corrected++;
            correctedFields.add(`${entry.type}.${name}`);
            for (const bad of pick((data[name] as string).includes('T') ? BAD_INSTANTS : BAD_DATES)) {
              const before = await events.headPosition();
              const res = await request(t.server as never)
                .post(path)
                .set('Authorization', `Bearer ${token}`)
                .send({ targetEventId: entry.eventId, reason: 'Typed wrongly', changes: { [name]: bad } });
              count(tally, 'API POST', res.status);
              const moved = (await events.headPosition()) !== before;
              if (res.status !== 400 || !namesField(res, `changes.${name}`) || moved) {
                wrong.push(`${key} ${entry.type} changes.${name}=${show(bad)}: ${res.status}${moved ? ', store moved' : ''} ${res.text.slice(0, 160)}`);
              }
            }
          }
        }
      }
      console.info(
        `dates in POST bodies on ${store}: ${fields} fields of the request schemas, ${corrected} correctable date fields of recorded entries (${[...correctedFields].join(', ')})`,
      );
      expect(fields).toBeGreaterThan(40); // occurredAt on every command, and the dates of visits, plans, ratings, contracts
      expect(corrected).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
    }, 300_000);

    it('every date input of every page form: 400 with an error linking to the date, nothing recorded', async () => {
      const wrong: string[] = [];
      const formRoutes: [string, Record<string, WebForm<never, object>>][] = [
        ['POST /app/concerns/{concernId}/{form}', CONCERN_FORMS as never],
        ['POST /app/concerns/{concernId}/actions/{actionId}/{form}', PLAN_ACTION_FORMS as never],
        ['POST /app/services/{serviceId}/{form}', SERVICE_FORMS as never],
      ];
      let inputs = 0;
      for (const [key, forms] of formRoutes) {
        expect(expressRoutes(t.app)).toContain(key);
        for (const [slug, form] of Object.entries(forms)) {
          const params: Record<string, string> = { ...PAGE_IDS, form: slug };
          const { agent, csrf } = await agentOf(firstAdmitted(admittedRelations(PAGE_ACCESS_POLICY[key], params)));
          const url = key.split(' ')[1].replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
          for (const dateField of form.dateFields ?? []) {
            // A request field typed in an input of another name (inputOf) is tried under that input's own entry.
            const typedIn = form.inputOf?.[dateField];
            if (typedIn && typedIn !== dateField) {
              expect(form.dateFields).toContain(typedIn);
              continue;
            }
            inputs++;
            const rowed = dateField.includes('.*.');
            const path = dateField.replace('.*.', '.0.');
            for (const [day, month, year] of pick(BAD_DATE_BOXES)) {
              const boxes = {
                [`${dateField.split('.').pop()}-day`]: day,
                [`${dateField.split('.').pop()}-month`]: month,
                [`${dateField.split('.').pop()}-year`]: year,
              };
              const body = rowed
                ? {
                    [`${dateField.split('.')[0]}[0][description]`]: 'Audit',
                    ...Object.fromEntries(Object.entries(boxes).map(([k, v]) => [`${dateField.split('.')[0]}[0][${k}]`, v])),
                  }
                : boxes;
              const before = await events.headPosition();
              const res = await agent
                .post(url)
                .type('form')
                .send({ _csrf: csrf, ...body });
              count(tally, 'page POST', res.status);
              const moved = (await events.headPosition()) !== before;
              if (res.status !== 400 || !res.text.includes(`href="${anchorOf(path, form.dateFields)}"`) || moved) {
                wrong.push(`${url} ${path}=${day}/${month}/${year}: ${res.status}${moved ? ', store moved' : ''}`);
              }
            }
          }
        }
      }
      expect(inputs).toBeGreaterThanOrEqual(6); // request-plan, submit-plan rows, visit, revise-due-date, appoint-manager, manager-left
      expect(wrong).toEqual([]);
    }, 300_000);

    it('asOf (and after, from, to) on every API GET route: 400 naming the parameter where the route takes it, never 5xx', async () => {
      const wrong: string[] = [];
      const gets = apiRoutes(doc).filter((r) => r.method === 'GET' && API_ACCESS_POLICY[r.key]);
      let replayable = 0;
      for (const route of gets) {
        const rule = API_ACCESS_POLICY[route.key];
        for (const scope of 'byParam' in rule ? Object.keys(rule.rules) : [undefined]) {
          const params: Record<string, string> = scope ? { ...STORY_IDS, scope, id: SCOPE_IDS[scope] } : { ...STORY_IDS, id: DEMO_IDS.documentationConcern };
          const relation = firstAdmitted(admittedRelations(rule, params));
          const base = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
          const required = route.requiredQuery.map((name) => `${name}=${encodeURIComponent(params[name] ?? 'x')}`);
          const get = async (query: string) => {
            const res = await request(t.server as never)
              .get(`${base}?${[...required, query].join('&')}`)
              .set('Authorization', `Bearer ${TOKEN_BY_RELATION[relation]}`);
            count(tally, 'API GET', res.status);
            return res;
          };
          // A route takes a parameter when a valid one is answered 200 and shown back (a route without a DTO ignores what it does not know).
          const takes = async (name: string, valid: string) => {
            const res = await get(`${name}=${encodeURIComponent(valid)}`);
            return res.status === 200 && (name !== 'asOf' || new RegExp(`"asOf":\\s*"${valid}"`).test(res.text));
          };
          const cursor = route.key === 'GET /timelines/{scope}/{id}' ? ((await get('limit=1')).body as { nextCursor?: string }).nextCursor : undefined;
          const cases: [string, string[], boolean][] = [
            ['asOf', badAsOfs(), await takes('asOf', SAMPLE_AS_OF)],
            ...(cursor ? ([['after', BAD_CURSORS, await takes('after', cursor)]] as [string, string[], boolean][]) : []),
            ...(['from', 'to'] as const).map((name): [string, string[], boolean] => [
              name,
              BAD_DATES.filter((d): d is string => typeof d === 'string'),
              route.key === 'GET /timelines/{scope}/{id}',
            ]),
          ].filter(([name, , takesIt]) => takesIt || name === 'asOf') as [string, string[], boolean][];
          if (cases[0][2]) replayable++;
          for (const [name, values, takesIt] of cases) {
            for (const bad of pick(values)) {
              const res = await get(`${name}=${encodeURIComponent(bad)}`);
              // A route that takes no asOf refuses it as an unknown parameter (400 naming it) or ignores it.
              const ok = res.status < 500 && (takesIt ? res.status === 400 && namesField(res, name) : res.status !== 400 || namesField(res, name));
              if (!ok) wrong.push(`GET ${base} ${name}=${show(bad)} as ${relation}: ${res.status} ${res.text.slice(0, 160)}`);
            }
          }
          // Two values for one parameter arrive as a list: refused, not thrown.
          const twice = await get(`asOf=${SAMPLE_AS_OF}&asOf=2025-04-01`);
          if (twice.status >= 500 || (cases[0][2] && (twice.status !== 400 || !namesField(twice, 'asOf'))))
            wrong.push(`GET ${base} asOf twice: ${twice.status}`);
        }
      }
      // concerns, services and contracts records, the councils' clocks, 4 timelines, 4 measures, 3 evidence bundles
      expect(replayable).toBeGreaterThanOrEqual(15);
      expect(wrong).toEqual([]);
    }, 300_000);

    it('asOf on every page: the replay pages say what is wrong with a 400, the others ignore it, none answers 5xx', async () => {
      const wrong: string[] = [];
      const pages = expressRoutes(t.app).filter((k) => k.startsWith('GET ') && PAGE_ACCESS_POLICY[k] && !/sign-in\/(start|callback)/.test(k));
      let replayable = 0;
      for (const key of pages) {
        const rule = PAGE_ACCESS_POLICY[key];
        const values = 'byParam' in rule ? Object.keys(rule.rules) : [undefined];
        for (const value of values) {
          const params = 'byParam' in rule && value ? { ...PAGE_IDS, [rule.byParam]: value } : PAGE_IDS;
          const relation = firstAdmitted(admittedRelations(rule, params));
          const { agent } = await agentOf(relation);
          const url = key.split(' ')[1].replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
          const get = async (query: string) => {
            const res = await agent.get(`${url}?${query}`);
            count(tally, 'page GET', res.status);
            return res;
          };
          const takes = (await get(`asOf=${SAMPLE_AS_OF}`)).text.includes('as it stood at the end of 31 March 2025') || /evidence/.test(url);
          if (takes) replayable++;
          const queries = [
            ...pick(badAsOfs()).map((bad) => `asOf=${encodeURIComponent(bad)}`),
            ...pick(BAD_DATE_BOXES).map(
              ([d, m, y]) => `asOf-day=${encodeURIComponent(d)}&asOf-month=${encodeURIComponent(m)}&asOf-year=${encodeURIComponent(y)}`,
            ),
          ].filter((q) => q !== 'asOf=');
          for (const query of queries) {
            const res = await get(query);
            const ok = res.status < 500 && (!takes || (res.status === 400 && /The date to replay to must be/.test(res.text)));
            if (!ok) wrong.push(`${url}?${query} as ${relation}: ${res.status}`);
          }
        }
      }
      // the case file, its timeline, the service page, and the evidence file and its printable form
      expect(replayable).toBeGreaterThanOrEqual(5);
      expect(wrong).toEqual([]);
    }, 300_000);
  },
);
