import { DEMO_IDS } from '@caretrail/demo';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import request from 'supertest';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const concern = DEMO_IDS.documentationConcern;

describe.each(storesUnderTest())('timelines, measures, dashboards and replay over HTTP on %s', (store) => {
  let t: TestApp;
  let head: number;
  const get = (path: string, token: string, status = 200) =>
    request(t.server as never)
      .get(path)
      .set(auth(token))
      .expect(status);

  beforeAll(async () => {
    t = await startTestApp(store);
    head = await seedDemoStory(t);
  });
  afterAll(async () => t?.close());

  it("shows the concern's timeline to both parties once the read models reach the seeded position", async () => {
    const council = await get(`/timelines/concerns/${concern}?minPosition=${head}&limit=1000`, 'demo-council-officer');
    const provider = await get(`/timelines/concerns/${concern}?minPosition=${head}&limit=1000`, 'demo-provider-ceo');
    expect(provider.body.entries).toEqual(council.body.entries);
    const kinds = council.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['ConcernRaised', 'ActionPlanReturned', 'ActionPlanAccepted', 'PlanUpdateSubmitted', 'CommentRecorded', 'ConcernClosed']),
    );
    const comment = council.body.entries.find((e: { kind: string }) => e.kind === 'CommentRecorded');
    expect(comment.party).toBe('provider');
    const reaudit = council.body.entries.find((e: { kind: string; summary: string }) => e.kind === 'VisitConducted' && /PAMMS|pamms/i.test(e.summary));
    expect(reaudit.flags.recordedLate).toBeTruthy();
  });

  it('tells another provider the concern is not there (404, as for an unknown id) and pages with a stable cursor', async () => {
    await get(`/timelines/concerns/${concern}`, 'demo-other-provider', 404);
    const all = await get(`/timelines/concerns/${concern}?limit=1000`, 'demo-council-officer');
    const first = await get(`/timelines/concerns/${concern}?limit=10`, 'demo-council-officer');
    const second = await get(`/timelines/concerns/${concern}?limit=10&after=${first.body.nextCursor}`, 'demo-council-officer');
    expect([...first.body.entries, ...second.body.entries]).toEqual(all.body.entries.slice(0, 20));
  });

  it('replays the record as of a date: plan v1 returned, v2 not yet accepted', async () => {
    const then = await get(`/timelines/concerns/${concern}?asOf=2025-02-20&basis=recorded&limit=1000`, 'demo-council-officer');
    const kinds = then.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('ActionPlanReturned');
    expect(kinds).not.toContain('ActionPlanAccepted');
    expect(then.body).toMatchObject({ asOf: '2025-02-20', basis: 'recorded' });
  });

  it('tells what the record showed from what had happened: the late-recorded re-audit', async () => {
    const shown = await get(`/timelines/concerns/${concern}?asOf=2025-04-30&basis=recorded&kinds=VisitConducted`, 'demo-council-officer');
    const happened = await get(`/timelines/concerns/${concern}?asOf=2025-04-30&basis=occurred&kinds=VisitConducted`, 'demo-council-officer');
    expect(happened.body.entries.length).toBe(shown.body.entries.length + 1);
  });

  it('answers the timeline as CSV', async () => {
    const csv = await request(t.server as never)
      .get(`/timelines/services/${DEMO_IDS.mapleCourt}?format=csv`)
      .set(auth('demo-council-officer'))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/occurred/i);
  });

  it('gives the measures with the events they were computed from', async () => {
    const res = await get(`/measures/concerns/${concern}`, 'demo-provider-ceo');
    const ack = res.body.timeToAcknowledge.byConcern[0];
    expect(ack.waits[0].workingDays).toBe(2);
    expect(ack.eventIds).toEqual(expect.arrayContaining([ack.waits[0].notifiedEventId, ack.waits[0].acknowledgedEventId]));
  });

  it("shows the council's dashboard and refuses it to another council", async () => {
    const board = await get(`/dashboards/councils/${DEMO_IDS.council}`, 'demo-council-officer');
    expect(board.body).toHaveProperty('openConcernsByLevel');
    await get(`/dashboards/councils/${DEMO_IDS.council}`, 'demo-other-council', 403);
  });

  it('reports projection lag on /health', async () => {
    const health = await request(t.server as never)
      .get('/health')
      .expect(200);
    expect(health.body.projections.length).toBeGreaterThan(0);
    expect(health.body.projections[0]).toHaveProperty('lagPositions');
  });

  it('exports a signed evidence bundle that verifies offline, and its printable rendering', async () => {
    const bundle = await get(`/evidence/concerns/${concern}`, 'demo-council-officer');
    const key = await get('/evidence/public-key', 'demo-regulator');
    const { verifyBundleText } = await import('@caretrail/evidence');
    const report = verifyBundleText(bundle.text, { fingerprint: key.body.keyFingerprint });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const tampered = bundle.text.replace('Records audit', 'Records audlt');
    expect(verifyBundleText(tampered === bundle.text ? bundle.text.replace('"amber"', '"green"') : tampered).ok).toBe(false);
    const html = await request(t.server as never)
      .get(`/evidence/concerns/${concern}?format=html&asOf=2025-03-01`)
      .set(auth('demo-provider-ceo'))
      .expect(200);
    expect(html.text).toMatch(/<html lang="en-GB">/);
    await get(`/evidence/concerns/${concern}`, 'demo-other-provider', 404);
  });
});
