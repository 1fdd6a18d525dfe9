import request from 'supertest';
import { PAMMS_DOMAINS, CQC_KEY_QUESTIONS, QUALITY_TAGS } from '@caretrail/domain';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';

const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field).sort();
const MEDICINES = 'pamms:safeguarding-and-safety/management-of-medicines';
const CQC_MEDICINES = 'cqc:safe/medicines-optimisation';
const RECORDS = 'pamms:quality-of-management/records';

/** Issue 16 item 4: actions and findings tagged from the PAMMS and CQC reference data; timelines filter by tag. */
describe.each(storesUnderTest())('PAMMS and CQC tags on %s', (store) => {
  let t: TestApp;
  let concernId: string;
  let serviceId: string;
  let position = 0;
  const post = async (path: string, headers: Record<string, string>, body: object, status: number) => {
    const res = await request(t.server as never)
      .post(path)
      .set(headers)
      .send(body)
      .expect(status);
    if (typeof res.body.position === 'number') position = Math.max(position, res.body.position);
    return res;
  };
  const get = (path: string, headers: Record<string, string> = COUNCIL) =>
    request(t.server as never)
      .get(path)
      .set(headers);
  const timeline = async (scope: string, id: string, query: string) => {
    const res = await get(`/timelines/${scope}/${id}?minPosition=${position}&${query}`).expect(200);
    return res.body as { entries: { kind: string; tags?: string[]; summary: string }[]; nextCursor: string | null };
  };
  const replayed = async (scope: string, id: string, query: string) => timeline(scope, id, `asOf=${new Date().toISOString().slice(0, 10)}&${query}`);

  beforeAll(async () => {
    t = await startTestApp(store);
    const story = await recordTwoCouncilsStory(t, post);
    concernId = story.concerns.own;
    serviceId = story.serviceId;
    await post(
      `/concerns/${concernId}/visits`,
      COUNCIL,
      {
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2025-03-24',
        visitorRole: 'QA officer',
        findings: 'Medication administration records incomplete on two floors',
        tags: [MEDICINES, CQC_MEDICINES],
        occurredAt: '2025-03-24T15:00:00Z',
      },
      201,
    );
    await post(
      `/concerns/${concernId}/visits`,
      COUNCIL,
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
      `/concerns/${concernId}/action-plan/requests`,
      COUNCIL,
      { dueOn: '2025-04-08', updateCadenceDays: 7, graceDays: 2, occurredAt: '2025-03-26T09:00:00Z' },
      201,
    );
    await post(
      `/concerns/${concernId}/action-plan/versions`,
      PROVIDER,
      {
        version: 1,
        summary: 'Medicines and records',
        occurredAt: '2025-03-28T09:00:00Z',
        actions: [
          {
            description: 'Audit every MAR chart weekly',
            owner: 'Registered manager',
            dueOn: '2025-04-30',
            measure: 'No gaps for four weeks',
            tags: [MEDICINES],
          },
          { description: 'Retrain night staff on recording', owner: 'Training lead', dueOn: '2025-05-15', measure: 'All trained', tags: [RECORDS] },
        ],
      },
      201,
    );
  });
  afterAll(async () => t?.close());

  it('keeps the reference data in the project: five PAMMS domains, five CQC key questions and their statements', () => {
    expect(PAMMS_DOMAINS.map((d) => d.id)).toEqual([
      'involvement-and-information',
      'personalised-care-and-support',
      'safeguarding-and-safety',
      'suitability-of-staffing',
      'quality-of-management',
    ]);
    expect(CQC_KEY_QUESTIONS.map((q) => q.id)).toEqual(['safe', 'effective', 'caring', 'responsive', 'well-led']);
    expect(CQC_KEY_QUESTIONS.reduce((n, q) => n + q.items.length, 0)).toBe(34);
    expect(QUALITY_TAGS.get(MEDICINES)).toBe('PAMMS: Safeguarding and safety: Management of medicines');
  });

  it('serves the reference data to any signed-in party, and to nobody signed out', async () => {
    for (const who of [COUNCIL, PROVIDER]) {
      const res = (await get('/reference/quality-frameworks', who).expect(200)).body;
      expect(res.pamms.map((d: { id: string }) => d.id)).toEqual(PAMMS_DOMAINS.map((d) => d.id));
      expect(res.cqc[0].items[7]).toEqual({ id: 'medicines-optimisation', name: 'Medicines optimisation' });
      expect(res.tags).toContainEqual({ tag: MEDICINES, label: 'PAMMS: Safeguarding and safety: Management of medicines' });
      expect(res.tags).toHaveLength(QUALITY_TAGS.size);
    }
    await request(t.server as never)
      .get('/reference/quality-frameworks')
      .expect(401);
  });

  it('shows the tags on the concern’s visit and on the plan’s actions', async () => {
    const concern = (await get(`/concerns/${concernId}`).expect(200)).body;
    expect(concern.visits[0].tags).toEqual([MEDICINES, CQC_MEDICINES]);
    expect(concern.visits[1].tags).toEqual([]);
    expect(concern.plan.versions[0].actions.map((a: { tags: string[] }) => a.tags)).toEqual([[MEDICINES], [RECORDS]]);
  });

  it('refuses tags that are not in the reference data with a 400 naming the field', async () => {
    const visit = await post(
      `/concerns/${concernId}/visits`,
      COUNCIL,
      {
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2025-03-24',
        visitorRole: 'QA officer',
        findings: 'x',
        tags: ['pamms:medication'],
      },
      400,
    );
    expect(fieldsOf(visit.body)).toEqual(['tags']);
    expect(JSON.stringify(visit.body)).toContain('pamms:medication');
    const twice = await post(
      `/concerns/${concernId}/visits`,
      COUNCIL,
      {
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2025-03-24',
        visitorRole: 'QA officer',
        findings: 'x',
        tags: [MEDICINES, MEDICINES],
      },
      400,
    );
    expect(fieldsOf(twice.body)).toEqual(['tags']);
    const plan = await post(
      `/concerns/${concernId}/action-plan/versions`,
      PROVIDER,
      {
        version: 2,
        summary: 'x',
        actions: [{ description: 'x', owner: 'x', dueOn: '2025-04-30', measure: 'x', tags: ['cqc:kind'] }],
      },
      400,
    );
    expect(fieldsOf(plan.body)).toEqual(['actions.0.tags']);
    const filter = await get(`/timelines/concerns/${concernId}?tags=pamms:nothing`).expect(400);
    expect(fieldsOf(filter.body)).toEqual(['tags']);
  });

  it.each([
    ['a standard', MEDICINES, ['ActionPlanSubmitted', 'VisitConducted']],
    ['a PAMMS domain (the standards under it)', 'pamms:quality-of-management', ['ActionPlanSubmitted']],
    ['a CQC key question', 'cqc:safe', ['VisitConducted']],
    ['a CQC quality statement nobody used', 'cqc:caring/kindness-compassion-and-dignity', []],
  ])('filters a concern’s timeline by %s, live and replayed alike', async (_what, tag, kinds) => {
    const live = await timeline('concerns', concernId, `tags=${encodeURIComponent(tag)}`);
    expect(live.entries.map((e) => e.kind).sort()).toEqual(kinds);
    const replay = await replayed('concerns', concernId, `tags=${encodeURIComponent(tag)}`);
    expect(replay.entries.map((e) => e.kind).sort()).toEqual(kinds);
  });

  it('combines the tag filter with the others and pages it', async () => {
    const visits = await timeline('services', serviceId, `tags=${encodeURIComponent(MEDICINES)}&kinds=VisitConducted`);
    expect(visits.entries).toEqual([expect.objectContaining({ kind: 'VisitConducted', tags: [MEDICINES, CQC_MEDICINES] })]);
    const first = await timeline('concerns', concernId, `tags=${encodeURIComponent(MEDICINES)}&limit=1&order=desc`);
    expect(first.entries.map((e) => e.kind)).toEqual(['ActionPlanSubmitted']);
    expect(first.nextCursor).not.toBeNull();
    const second = await timeline('concerns', concernId, `tags=${encodeURIComponent(MEDICINES)}&limit=1&order=desc&after=${first.nextCursor}`);
    expect(second.entries.map((e) => e.kind)).toEqual(['VisitConducted']);
    expect(second.nextCursor).toBeNull();
    const untagged = await timeline('concerns', concernId, 'kinds=VisitConducted');
    expect(untagged.entries.map((e) => e.tags)).toEqual([[MEDICINES, CQC_MEDICINES], undefined]);
    const csv = (await get(`/timelines/concerns/${concernId}?minPosition=${position}&kinds=VisitConducted&format=csv`).expect(200)).text.split('\r\n');
    expect(csv[0].endsWith(',tags')).toBe(true);
    expect(csv[1].endsWith(`,${MEDICINES} ${CQC_MEDICINES}`)).toBe(true);
    expect(csv[2].endsWith(',')).toBe(true);
  });

  it('a correction that tags an untagged visit puts it under the tag', async () => {
    const untagged = (await timeline('concerns', concernId, 'kinds=VisitConducted')).entries.find((e) => e.tags === undefined) as unknown as {
      eventId: string;
    };
    const bad = await post(
      `/concerns/${concernId}/corrections`,
      COUNCIL,
      { targetEventId: untagged.eventId, reason: 'Tags left off', changes: { tags: ['pamms:records'] } },
      400,
    );
    expect(fieldsOf(bad.body)).toContain('changes.tags');
    await post(`/concerns/${concernId}/corrections`, COUNCIL, { targetEventId: untagged.eventId, reason: 'Tags left off', changes: { tags: [RECORDS] } }, 201);
    const live = await timeline('concerns', concernId, `tags=${encodeURIComponent('pamms:quality-of-management')}`);
    expect(live.entries.map((e) => e.kind).sort()).toEqual(['ActionPlanSubmitted', 'VisitConducted']);
    const replay = await replayed('concerns', concernId, `tags=${encodeURIComponent('pamms:quality-of-management')}`);
    expect(replay.entries.map((e) => e.kind).sort()).toEqual(['ActionPlanSubmitted', 'VisitConducted']);
  });
});
