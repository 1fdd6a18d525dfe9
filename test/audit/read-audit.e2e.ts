import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const concern = DEMO_IDS.documentationConcern;

describe.each(storesUnderTest())('who looked: reads of a provider records and every export on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await seedDemoStory(t);
  });
  afterAll(async () => t?.close());

  it('records reads by councils, inspectors and auditors, and every export, for the provider to see', async () => {
    const get = (path: string, token: string, headers: Record<string, string> = {}) =>
      request(t.server as never)
        .get(path)
        .set(as(token))
        .set(headers)
        .expect(200);
    await get(`/concerns/${concern}`, 'demo-council-officer', { 'X-Correlation-Id': 'council-read-1' });
    await get(`/timelines/services/${DEMO_IDS.mapleCourt}`, 'demo-regulator');
    await get(`/evidence/concerns/${concern}`, 'demo-auditor');
    await get(`/concerns/${concern}`, 'demo-provider-ceo'); // its own read: not recorded
    await get(`/evidence/concerns/${concern}`, 'demo-provider-ceo'); // its own export: recorded

    const seen = await get(`/audit/reads?providerId=${DEMO_IDS.provider}`, 'demo-provider-ceo');
    const rows = seen.body.reads as {
      who: { organisationKind: string; role: string; userId: string };
      action: string;
      scope: { kind: string; id: string };
      correlationId: string | null;
      readAt: string;
    }[];
    const summary = rows.map((r) => `${r.who.role} ${r.action} ${r.scope.kind}`).sort();
    expect(summary).toEqual(['auditor export concerns', 'chief_executive export concerns', 'inspector read services', 'qa_officer read concerns'].sort());
    const councilRead = rows.find((r) => r.who.role === 'qa_officer')!;
    expect(councilRead).toMatchObject({
      scope: { kind: 'concerns', id: concern },
      correlationId: 'council-read-1',
      who: { userId: 'u-priya-shah', organisationKind: 'council' },
    });
    expect(Date.parse(councilRead.readAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers the provider itself, the regulator, the auditor and the administrator; refuses the others', async () => {
    const path = `/audit/reads?providerId=${DEMO_IDS.provider}`;
    for (const token of ['demo-provider-ceo', 'demo-regulator', 'demo-auditor', 'demo-admin'])
      await request(t.server as never)
        .get(path)
        .set(as(token))
        .expect(200);
    for (const token of ['demo-other-provider', 'demo-council-officer', 'demo-other-council'])
      await request(t.server as never)
        .get(path)
        .set(as(token))
        .expect(403);
  });
});
