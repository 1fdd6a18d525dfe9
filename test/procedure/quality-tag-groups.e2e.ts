import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import type { CouncilReport, TagGroupRow } from '@caretrail/reports';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, COUNCIL_ID, OTHER_COUNCIL, OTHER_COUNCIL_ID, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';

const MEDICINES = 'pamms:safeguarding-and-safety/management-of-medicines';
const CQC_MEDICINES = 'cqc:safe/medicines-optimisation';
const RECORDS = 'pamms:quality-of-management/records';
const SAFEGUARDING = 'pamms:safeguarding-and-safety';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const itemsOn = (html: string) => (html.match(/class="moj-timeline__item"/g) ?? []).length;
/** A page's words, tags stripped and spaces collapsed. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
const counts = (r: TagGroupRow | undefined) => r && [r.visits.value, r.findings.value, r.actionsAgreed.value, r.actionsOpen.value, r.actionsOverdue.value];

/**
 * Issue 16 item 4, the rest of it: the timeline pages filter by PAMMS and CQC tags, and the council report
 * groups the period's tagged visits, findings and actions by PAMMS domain and CQC key question. Two
 * councils contract with the same service and tag alike: neither's report counts the other's.
 */
describe.each(storesUnderTest())('grouping and filtering by PAMMS and CQC tags on %s', (store) => {
  let t: TestApp;
  let concerns: { own: string; other: string };
  let serviceId: string;
  let officer: ReturnType<typeof request.agent>;
  const post = async (path: string, headers: Record<string, string>, body: object, status: number) => {
    const res = await request(t.server as never)
      .post(path)
      .set(headers)
      .send(body);
    if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const get = (path: string, headers: Record<string, string> = COUNCIL) =>
    request(t.server as never)
      .get(path)
      .set(headers);
  const report = async (councilId: string, who: Record<string, string>, query = '') =>
    (await get(`/reports/councils/${councilId}?period=2025${query}`, who).expect(200)).body as CouncilReport;
  const row = (r: CouncilReport, framework: 'pamms' | 'cqc', tag: string) => counts(r.byTag[framework].find((g) => g.tag === tag));

  beforeAll(async () => {
    t = await startTestApp(store);
    const story = await recordTwoCouncilsStory(t, post);
    concerns = story.concerns;
    serviceId = story.serviceId;
    for (const [key, who, plan] of [
      ['own', COUNCIL, [[MEDICINES], [RECORDS]]],
      ['other', OTHER_COUNCIL, [[MEDICINES], [MEDICINES], [MEDICINES, CQC_MEDICINES]]],
    ] as const) {
      const id = concerns[key];
      await post(
        `/concerns/${id}/visits`,
        who,
        {
          visitType: 'council_monitoring',
          announced: false,
          visitedOn: '2025-03-24',
          visitorRole: 'QA officer',
          findings: key === 'own' ? 'Medication administration records incomplete on two floors' : 'Eastvale found controlled drugs unrecorded',
          tags: [MEDICINES, CQC_MEDICINES],
          occurredAt: '2025-03-24T15:00:00Z',
        },
        201,
      );
      await post(
        `/concerns/${id}/visits`,
        who,
        {
          visitType: 'council_monitoring',
          announced: true,
          visitedOn: '2025-03-25',
          visitorRole: 'QA officer',
          findings: 'Daily notes up to date',
          occurredAt: '2025-03-25T15:00:00Z',
        },
        201,
      );
      await post(
        `/concerns/${id}/action-plan/requests`,
        who,
        { dueOn: '2025-04-08', updateCadenceDays: 7, graceDays: 2, occurredAt: '2025-03-26T09:00:00Z' },
        201,
      );
      await post(
        `/concerns/${id}/action-plan/versions`,
        PROVIDER,
        {
          version: 1,
          summary: 'Medicines and records',
          occurredAt: '2025-03-28T09:00:00Z',
          actions: plan.map((tags, i) => ({ description: `Action ${i + 1}`, owner: 'Registered manager', dueOn: '2025-04-30', measure: 'Done', tags })),
        },
        201,
      );
      await post(`/concerns/${id}/action-plan/versions/1/acceptance`, who, { occurredAt: '2025-04-01T09:00:00Z' }, 201);
    }
    // Eastvale's own visit to the shared service (not about a concern), tagged alike.
    const { contractId } = (await get(`/concerns/${concerns.other}`, OTHER_COUNCIL).expect(200)).body as { contractId: string };
    await post(
      `/services/${serviceId}/visits`,
      OTHER_COUNCIL,
      {
        contractId,
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2025-06-02',
        visitorRole: 'QA officer',
        findings: 'Eastvale spot check',
        tags: [MEDICINES],
        occurredAt: '2025-06-02T10:00:00Z',
      },
      201,
    );
    await t.app.get(ProjectionHost).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
    // On PostgreSQL the report's scope read was seen to trail the wait above (and minPosition=head) by a
    // moment for the last event, a service-stream visit: wait (up to 30 s) until Eastvale's report holds
    // it, then assert exactly. Reported to the lead; outside this change.
    for (let tries = 0; tries < 120; tries++) {
      const eastvale = (await get(`/reports/councils/${OTHER_COUNCIL_ID}?period=2025`, OTHER_COUNCIL).expect(200)).body as CouncilReport;
      if (eastvale.byTag.pamms.some((g) => g.visits.eventIds.length > 1)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    officer = request.agent(t.server as never);
    const signIn = await officer.get('/app/sign-in').expect(200);
    await officer
      .post('/app/sign-in')
      .type('form')
      .send({ identity: 'demo-council-officer', _csrf: csrfOf(signIn.text) })
      .expect(303);
  });
  afterAll(async () => t?.close());

  it('the report API groups the period by PAMMS domain and CQC key question, each council counting only its own record', async () => {
    const own = await report(COUNCIL_ID, COUNCIL);
    // [visits, published findings, actions agreed, open at the end, overdue at the end]
    expect(row(own, 'pamms', SAFEGUARDING)).toEqual([1, 0, 1, 1, 1]);
    expect(row(own, 'pamms', 'pamms:quality-of-management')).toEqual([0, 0, 1, 1, 1]);
    expect(row(own, 'pamms', 'pamms:suitability-of-staffing')).toEqual([0, 0, 0, 0, 0]);
    expect(row(own, 'cqc', 'cqc:safe')).toEqual([1, 0, 0, 0, 0]);
    expect(own.byTag.pamms.map((g) => g.name)).toEqual([
      'Involvement and information',
      'Personalised care and support',
      'Safeguarding and safety',
      'Suitability of staffing',
      'Quality of management',
    ]);
    const other = await report(OTHER_COUNCIL_ID, OTHER_COUNCIL);
    expect(row(other, 'pamms', SAFEGUARDING)).toEqual([2, 0, 3, 3, 3]);
    expect(row(other, 'cqc', 'cqc:safe')).toEqual([1, 0, 1, 1, 1]);
    // Every event behind Northshire's figures is on its own concern.
    const ownEvents = new Set((await get(`/timelines/concerns/${concerns.own}?limit=200`).expect(200)).body.entries.map((e: { eventId: string }) => e.eventId));
    for (const g of [...own.byTag.pamms, ...own.byTag.cqc])
      for (const f of [g.visits, g.actionsAgreed, g.actionsOpen]) expect(f.eventIds.filter((id) => !ownEvents.has(id))).toEqual([]);
  });

  it('takes the report’s as-of date and basis: at the end of 31 March the plan was not yet agreed', async () => {
    const then = await report(COUNCIL_ID, COUNCIL, '&asOf=2025-03-31&basis=occurred');
    expect(then.byTag.end).toBe('2025-03-31');
    expect(row(then, 'pamms', SAFEGUARDING)).toEqual([1, 0, 0, 0, 0]);
    const q2 = (await get(`/reports/councils/${COUNCIL_ID}?period=2025-Q2`).expect(200)).body as CouncilReport;
    expect(row(q2, 'pamms', SAFEGUARDING)).toEqual([0, 0, 1, 1, 1]);
  });

  it('the CSV carries the grouped figures with their events', async () => {
    const csv = (await get(`/reports/councils/${COUNCIL_ID}?period=2025&format=csv`).expect(200)).text.split('\r\n');
    const line = csv.find((l) =>
      l.startsWith(
        'Findings and actions by PAMMS domain,Safeguarding and safety,Actions overdue at the end,1,1,byTag.pamms.safeguarding-and-safety.actionsOverdue,',
      ),
    );
    expect(line).toBeDefined();
    expect(csv.some((l) => l.startsWith('Findings and actions by CQC key question,Safe,Visits,1,1,byTag.cqc.safe.visits,'))).toBe(true);
  });

  it('the report page shows both groupings as tables', async () => {
    const html = (await officer.get('/app/report?period=2025').expect(200)).text;
    const pamms = words(html.slice(html.indexOf('id="tags-pamms"'), html.indexOf('id="tags-cqc"')));
    expect(pamms).toContain('Findings and actions by PAMMS domain');
    expect(pamms).toContain('PAMMS domain Visits Published findings Actions agreed Actions open at the end Actions overdue at the end');
    expect(pamms).toContain('Safeguarding and safety 1 0 1 1 1');
    expect(pamms).toContain('Quality of management 0 0 1 1 1');
    const cqc = words(html.slice(html.indexOf('id="tags-cqc"'), html.indexOf('id="responsiveness"')));
    expect(cqc).toContain('Findings and actions by CQC key question');
    expect(cqc).toContain('Safe 1 0 0 0 0');
  });

  it('the concern’s timeline page filters by tag, server-side, with the chosen tags shown and removable, live and replayed', async () => {
    const path = `/app/concerns/${concerns.own}/timeline`;
    const all = (await officer.get(path).expect(200)).text;
    expect(all).toContain('Filter by PAMMS domain or CQC key question');
    const filtered = (await officer.get(`${path}?tags=${encodeURIComponent(SAFEGUARDING)}`).expect(200)).text;
    expect(itemsOn(filtered)).toBe(2);
    expect(itemsOn(all)).toBeGreaterThan(2);
    // Replaying the filtered timeline keeps the filter: the replay form sends the chosen tags with the date.
    const replayForm = /<form method="get" action="[^"]*\/timeline" novalidate class="app-no-print">[\s\S]*?<\/form>/.exec(filtered)?.[0] ?? '';
    expect(replayForm).toContain('name="asOf-day"');
    expect(replayForm).toContain(`<input type="hidden" name="tags" value="${SAFEGUARDING}">`);
    expect(/<form method="get" action="[^"]*\/timeline" novalidate class="app-no-print">[\s\S]*?<\/form>/.exec(all)?.[0]).not.toContain('name="tags"');
    const text = words(filtered);
    expect(text).toContain('Showing entries tagged with PAMMS: Safeguarding and safety, or with a tag under one of these.');
    expect(text).toContain('Medication administration records incomplete on two floors');
    expect(text).not.toContain('Daily notes up to date');
    expect(filtered).toMatch(new RegExp(`value="${SAFEGUARDING}" checked`));
    expect(filtered).toContain(`href="${path}">Show all entries`);
    // Two tags, one of them removable by its own link.
    const two = (await officer.get(`${path}?tags=${encodeURIComponent(CQC_MEDICINES)}&tags=${encodeURIComponent(RECORDS)}`).expect(200)).text;
    expect(itemsOn(two)).toBe(2);
    expect(two).toContain(`href="${path}?tags=${encodeURIComponent(RECORDS)}"`);
    const replayed = (await officer.get(`${path}?asOf=2025-03-27&basis=occurred&tags=${encodeURIComponent(SAFEGUARDING)}`).expect(200)).text;
    expect(itemsOn(replayed)).toBe(1);
    expect(replayed).toContain('name="asOf" value="2025-03-27"');
    const none = words((await officer.get(`${path}?tags=${encodeURIComponent('cqc:caring')}`).expect(200)).text);
    expect(none).toContain('No entry is tagged with these.');
  });

  it('the service page filters its timeline by tag without showing another council’s concern', async () => {
    const html = (await officer.get(`/app/services/${serviceId}?tags=${encodeURIComponent(MEDICINES)}`).expect(200)).text;
    const text = words(html);
    expect(text).toContain('Showing entries tagged with PAMMS: Safeguarding and safety: Management of medicines');
    // Its own concern's visit and plan, and the visit on the service's own record (which every party to the
    // service reads); never Eastvale's concern's visit or its three-action plan.
    expect(itemsOn(html)).toBe(3);
    expect(text).toContain('Action plan v1 submitted (2 actions)');
    expect(text).not.toContain('(3 actions)');
    expect(text).not.toContain('Eastvale found controlled drugs unrecorded');
    expect(text).not.toContain('Daily notes up to date');
    expect(html).toContain('action="/app/services/' + serviceId + '#timeline"');
  });

  it('a tag that is not in the reference data is a 400 page naming tags', async () => {
    for (const path of [`/app/concerns/${concerns.own}/timeline`, `/app/services/${serviceId}`]) {
      const res = await officer.get(`${path}?tags=pamms:medication`).expect(400);
      expect(words(res.text)).toContain('tags: "pamms:medication" is not a PAMMS or CQC tag from the reference data');
    }
  });
});
