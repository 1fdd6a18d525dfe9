import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { verifyBundleText } from '@caretrail/evidence';
import { toLondonDate } from '@caretrail/timeline';
import { RELATIONS, type Relation } from '../../apps/api/src/access/access-relations';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { TOKEN_BY_RELATION } from './access-relations.fixture';

/**
 * What a scope shows, not only whether it answers: for every relation, every scope (a concern, a
 * service, a provider, a council) and every read of it (the timeline live, as CSV and replayed on
 * both bases, its measures, its evidence bundle, the dashboards and the pages), the concerns that
 * appear are exactly those of the scope the same person can read one by one with GET /concerns/{id}.
 *
 * The demo story has Northshire's concerns on Maple Court (Hollybank) and on Kestrel Homecare
 * (Kestrel Ltd); here Eastvale, which also commissions Kestrel Homecare, raises one of its own there.
 */
const NEVER = '01900000-0000-7000-8000-0000000000ff';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe.each(storesUnderTest())('every scope shows exactly the concerns its reader may read, on %s', (store) => {
  let t: TestApp;
  let position = 0;
  let fingerprint = '';
  let eastvaleConcern = '';
  const today = toLondonDate(new Date());
  /** The ids that betray a concern in a response: its own, and its events'. */
  const traces = new Map<string, string[]>();
  /** The concerns of each scope, told by the story (the regulator must see all of them). */
  let scopeConcerns: Record<string, string[]>;
  const agents = new Map<Relation, ReturnType<typeof request.agent>>();

  const as = (relation: Relation) => ({ Authorization: `Bearer ${TOKEN_BY_RELATION[relation]}` });
  const get = (path: string, relation: Relation) =>
    request(t.server as never)
      .get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`)
      .set(as(relation));
  const post = async (path: string, relation: Relation, body: object) => {
    const res = await request(t.server as never)
      .post(path)
      .set(as(relation))
      .send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    position = Math.max(position, Number(res.body.position ?? 0));
    return res.body as Record<string, unknown>;
  };
  const concernsIn = (text: string): string[] =>
    [...traces]
      .filter(([, ids]) => ids.some((id) => text.includes(id)))
      .map(([c]) => c)
      .sort();

  beforeAll(async () => {
    t = await startTestApp(store);
    position = await seedDemoStory(t);
    // Eastvale's demo contract for Kestrel Homecare has ended: it awards (and Kestrel confirms) a new one.
    const contract = await post('/contracts', 'unrelatedCouncil', {
      providerId: DEMO_IDS.otherProvider,
      serviceIds: [DEMO_IDS.kestrelHomecare],
      reference: 'EBC-DOM-2025-009',
      startsOn: '2025-04-01',
      endsOn: '2028-03-31',
      occurredAt: '2025-03-20T10:00:00Z',
    });
    await post(`/contracts/${contract.id as string}/confirmation`, 'otherProvider', { occurredAt: '2025-03-21T10:00:00Z' });
    const raised = await post('/concerns', 'unrelatedCouncil', {
      serviceId: DEMO_IDS.kestrelHomecare,
      contractId: contract.id,
      category: 'safeguarding',
      severity: 'amber',
      source: 'complaint',
      summary: 'Eastvale: a family reports a missed medication visit',
      occurredAt: '2025-06-02T09:00:00Z',
    });
    eastvaleConcern = raised.id as string;
    await post(`/concerns/${eastvaleConcern}/notification`, 'unrelatedCouncil', { method: 'email', occurredAt: '2025-06-02T10:00:00Z' });
    await post(`/concerns/${eastvaleConcern}/acknowledgement`, 'otherProvider', { occurredAt: '2025-06-03T11:00:00Z' });

    const { documentationConcern: doc, missedCallsConcern: missed } = DEMO_IDS;
    scopeConcerns = {
      [`concerns/${doc}`]: [doc],
      [`concerns/${missed}`]: [missed],
      [`concerns/${eastvaleConcern}`]: [eastvaleConcern],
      [`services/${DEMO_IDS.mapleCourt}`]: [doc],
      [`services/${DEMO_IDS.kestrelHomecare}`]: [missed, eastvaleConcern],
      [`providers/${DEMO_IDS.provider}`]: [doc],
      [`providers/${DEMO_IDS.otherProvider}`]: [missed, eastvaleConcern],
      [`councils/${DEMO_IDS.council}`]: [doc, missed],
      [`councils/${DEMO_IDS.otherCouncil}`]: [eastvaleConcern],
    };
    for (const concernId of [doc, missed, eastvaleConcern]) {
      const timeline = await get(`/timelines/concerns/${concernId}?limit=1000`, 'regulator').expect(200);
      traces.set(concernId, [concernId, ...(timeline.body.entries as { eventId: string }[]).map((e) => e.eventId)]);
    }
    fingerprint = (await get('/evidence/public-key', 'regulator').expect(200)).body.keyFingerprint as string;

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
  });
  afterAll(async () => t?.close());

  /** The concerns this person can read one by one; a stranger to a concern is told it is not there. */
  async function readableOneByOne(relation: Relation): Promise<string[]> {
    const readable: string[] = [];
    for (const concernId of traces.keys()) {
      const res = await get(`/concerns/${concernId}`, relation);
      expect([200, 404]).toContain(res.status);
      if (res.status === 200) readable.push(concernId);
    }
    return readable.sort();
  }

  /** A timeline read page by page (a short page, so the filter must hold across cursors), as one text. */
  async function allPages(path: string, relation: Relation): Promise<{ status: number; text: string }> {
    let text = '';
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}limit=7${after ? `&after=${after}` : ''}`, relation);
      if (res.status !== 200) return { status: res.status, text: res.text };
      text += res.text;
      after = res.body.nextCursor as string | null;
      if (!after) return { status: 200, text };
    }
    throw new Error(`${path} did not end within 200 pages`);
  }

  /** Every read of a scope: its name, its status and what it showed. */
  async function readsOf(scope: string, relation: Relation): Promise<{ read: string; status: number; text: string }[]> {
    const [kind, id] = scope.split('/');
    const reads: { read: string; status: number; text: string }[] = [];
    const add = async (read: string, res: Promise<{ status: number; text: string }>) => {
      const { status, text } = await res;
      reads.push({ read, status, text });
    };
    await add('timeline', allPages(`/timelines/${scope}`, relation));
    await add('timeline as of (recorded)', allPages(`/timelines/${scope}?asOf=${today}&basis=recorded`, relation));
    await add('timeline as of (occurred)', allPages(`/timelines/${scope}?asOf=${today}&basis=occurred`, relation));
    await add('timeline CSV', get(`/timelines/${scope}?format=csv&limit=1000`, relation));
    await add('measures', get(`/measures/${scope}`, relation));
    await add('measures as of (recorded)', get(`/measures/${scope}?asOf=${today}&basis=recorded`, relation));
    await add('measures as of (occurred)', get(`/measures/${scope}?asOf=${today}&basis=occurred`, relation));
    if (kind !== 'councils') {
      for (const query of ['', `?asOf=${today}&basis=occurred`]) {
        const res = await get(`/evidence/${scope}${query}`, relation);
        if (res.status === 200) {
          const report = verifyBundleText(res.text, { fingerprint });
          expect({ scope, relation, query, problems: report.problems }).toEqual({ scope, relation, query, problems: [] });
          expect(report.ok).toBe(true);
        }
        reads.push({ read: `evidence bundle${query ? ' as of' : ''}`, status: res.status, text: res.text });
      }
    }
    // A dashboard lists what needs attention: open concerns only (the documentation concern is closed).
    if (kind === 'councils' || kind === 'providers') await add('dashboard', get(`/dashboards/${scope}`, relation));
    const agent = agents.get(relation)!;
    if (kind === 'services') await add('service page', agent.get(`/app/services/${id}`));
    if (kind === 'providers') await add('provider page', agent.get(`/app/providers/${id}`));
    if (kind === 'councils' && relation.endsWith('Council')) {
      const own = TOKEN_BY_RELATION[relation] === 'demo-council-officer' ? DEMO_IDS.council : DEMO_IDS.otherCouncil;
      if (own === id) await add('dashboard page', agent.get('/app/dashboard'));
    }
    return reads;
  }

  it('knows every concern of every scope: the regulator reads them all, through every read', async () => {
    expect(await readableOneByOne('regulator')).toEqual([...traces.keys()].sort());
    const wrong: string[] = [];
    for (const [scope, concerns] of Object.entries(scopeConcerns)) {
      for (const { read, status, text } of await readsOf(scope, 'regulator')) {
        if (read.endsWith('page')) continue; // the pages are for councils and providers
        const expected = concerns.filter((c) => read !== 'dashboard' || c !== DEMO_IDS.documentationConcern).sort();
        if (status !== 200) wrong.push(`${scope} ${read}: ${status}`);
        else if (JSON.stringify(concernsIn(text)) !== JSON.stringify(expected)) wrong.push(`${scope} ${read}: ${concernsIn(text).join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(RELATIONS.filter((r) => r !== 'regulator'))('%s: each scope shows exactly the concerns it may read one by one', async (relation) => {
    const readable = await readableOneByOne(relation);
    const wrong: string[] = [];
    for (const [scope, concerns] of Object.entries(scopeConcerns)) {
      for (const { read, status, text } of await readsOf(scope, relation)) {
        const expected = concerns.filter((c) => readable.includes(c) && (read !== 'dashboard' || c !== DEMO_IDS.documentationConcern)).sort();
        if (status !== 200) {
          // Refused outright: a concern it may not read (404, as if not there), another provider's records.
          if (![403, 404].includes(status)) wrong.push(`${scope} ${read}: ${status}`);
          continue;
        }
        const shown = concernsIn(text);
        if (JSON.stringify(shown) !== JSON.stringify(expected)) wrong.push(`${scope} ${read}: shows [${shown.join(', ')}], may read [${expected.join(', ')}]`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('tells a stranger to a concern it is not there, as for an id that never was; a party without the right is still refused', async () => {
    const stranger = await get(`/concerns/${DEMO_IDS.documentationConcern}`, 'unrelatedCouncil');
    const never = await get(`/concerns/${NEVER}`, 'unrelatedCouncil');
    expect([stranger.status, never.status]).toEqual([404, 404]);
    expect(stranger.body.detail.replace(DEMO_IDS.documentationConcern, 'ID')).toBe(never.body.detail.replace(NEVER, 'ID'));
    for (const path of [`/timelines/concerns/${eastvaleConcern}`, `/measures/concerns/${eastvaleConcern}`, `/evidence/concerns/${eastvaleConcern}`]) {
      expect({ path, status: (await get(path, 'commissioningCouncil')).status }).toEqual({ path, status: 404 });
    }
    expect((await get(`/contracts/${DEMO_IDS.otherContract}`, 'commissioningCouncil')).status).toBe(404);
    expect((await get(`/services/${DEMO_IDS.kestrelHomecare}`, 'ownProvider')).status).toBe(404);
    expect((await agents.get('unrelatedCouncil')!.get(`/app/concerns/${DEMO_IDS.documentationConcern}`)).status).toBe(404);
    // The concern's own provider may read it but not escalate it: that refusal names the rule (403).
    const escalation = await request(t.server as never)
      .post(`/concerns/${DEMO_IDS.missedCallsConcern}/escalations`)
      .set(as('otherProvider'))
      .send({ toLevel: 2, reason: 'A provider cannot escalate', occurredAt: '2026-11-10T10:00:00Z' });
    expect(escalation.status).toBe(403);
  });
});
