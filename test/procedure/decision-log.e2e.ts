import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, OTHER_COUNCIL, OTHER_COUNCIL_ID, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';

const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field).sort();

/** Decided on Monday 24 March 2025, after the story's acknowledgement on the 20th. */
const DECISION = {
  decidedByRole: 'Director of Adult Social Services',
  leadOfficer: 'Sam Okafor',
  reviewOn: '2025-04-21',
  consequence: 'red',
  riskAssessmentReference: 'RA-2025-017',
  liftingCriteria: ['Medication records complete for four consecutive weeks'],
  residentReviews: { currentResidents: 24, reviewsDone: 9 },
  brokerageNotice: { notifiedOn: '2025-03-24', reference: 'BRK-041' },
};
const AT = '2025-03-24T10:00:00Z';

/** Issue 16 item 2: the decision log of an escalation and of a placement suspension, validated and shown. */
describe.each(storesUnderTest())('decision log on escalation and suspension on %s', (store) => {
  let t: TestApp;
  let concerns: { own: string; other: string };
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
  const get = (path: string, headers: Record<string, string>) =>
    request(t.server as never)
      .get(path)
      .set(headers)
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp(store);
    ({ concerns } = await recordTwoCouncilsStory(t, (path, headers, body, status) => post(path, headers, body, status)));
  });
  afterAll(async () => t?.close());

  it('refuses a bad log with a 400 naming each nested field, and residents’ details as unknown fields', async () => {
    const bad = await post(
      `/concerns/${concerns.own}/escalations`,
      COUNCIL,
      {
        toLevel: 2,
        reason: 'Medication errors',
        occurredAt: AT,
        decision: {
          ...DECISION,
          reviewOn: '2025-02-30',
          consequence: 'purple',
          residentReviews: { currentResidents: 24, reviewsDone: -1 },
          liftingCriteria: [],
        },
      },
      400,
    );
    expect(fieldsOf(bad.body)).toEqual(['decision.consequence', 'decision.liftingCriteria', 'decision.residentReviews.reviewsDone', 'decision.reviewOn']);
    const names = await post(
      `/concerns/${concerns.own}/escalations`,
      COUNCIL,
      {
        toLevel: 2,
        reason: 'Medication errors',
        occurredAt: AT,
        decision: { ...DECISION, residentReviews: { currentResidents: 24, reviewsDone: 9, residents: ['A. Person'] } },
      },
      400,
    );
    expect(fieldsOf(names.body)).toEqual(['decision.residentReviews.residents']);
    const deescalation = await post(`/concerns/${concerns.own}/deescalations`, COUNCIL, { toLevel: 0, reason: 'x', decision: DECISION }, 400);
    expect(fieldsOf(deescalation.body)).toEqual(['decision']);
  });

  it('refuses a log that breaks the procedure’s rules with a 422 naming the rule', async () => {
    const red = await post(
      `/concerns/${concerns.own}/escalations`,
      COUNCIL,
      { toLevel: 1, reason: 'Medication errors', occurredAt: AT, decision: DECISION },
      422,
    );
    expect(red.body.rule).toBe('red-consequence-needs-suspension-level');
    const reviews = await post(
      `/concerns/${concerns.own}/escalations`,
      COUNCIL,
      {
        toLevel: 2,
        reason: 'Medication errors',
        occurredAt: AT,
        decision: { ...DECISION, residentReviews: { currentResidents: 5, reviewsDone: 6 } },
      },
      422,
    );
    expect(reviews.body.rule).toBe('resident-reviews-within-residents');
    const review = await post(
      `/concerns/${concerns.own}/escalations`,
      COUNCIL,
      { toLevel: 2, reason: 'x', occurredAt: AT, decision: { ...DECISION, reviewOn: '2025-03-24' } },
      422,
    );
    expect(review.body.rule).toBe('decision-review-after-decision');
  });

  it('records an escalation with its decision log and shows it on the concern', async () => {
    await post(`/concerns/${concerns.own}/escalations`, COUNCIL, { toLevel: 2, reason: 'Medication errors', occurredAt: AT, decision: DECISION }, 201);
    const concern = (await get(`/concerns/${concerns.own}`, COUNCIL)).body;
    expect(concern.escalationLevel).toBe(2);
    expect(concern.escalations).toEqual([expect.objectContaining({ direction: 'up', toLevel: 2, decision: DECISION })]);
    // The provider, a party to the concern, sees the decision too.
    expect((await get(`/concerns/${concerns.own}`, PROVIDER)).body.escalations[0].decision.consequence).toBe('red');
    // The timeline says who decided and what it means, never the lead officer's name.
    const { entries } = (
      await request(t.server as never)
        .get(`/timelines/concerns/${concerns.own}?kinds=ConcernEscalated&minPosition=${position}`)
        .set(COUNCIL)
        .expect(200)
    ).body;
    expect(entries[0].summary).toBe(
      'Escalated from level 0 (routine) to level 2 (placements suspended) (decided by Director of Adult Social Services; red, no new placements; review 21 Apr 2025) — Medication errors',
    );
    expect(JSON.stringify(entries)).not.toContain('Sam Okafor');
  });

  it('records a placement suspension with its decision log (amber: cautious admissions); a suspension with no consequence is refused', async () => {
    const none = await post(
      `/concerns/${concerns.own}/placement-suspensions`,
      COUNCIL,
      { reason: 'Risk', occurredAt: AT, decision: { ...DECISION, consequence: 'none' } },
      422,
    );
    expect(none.body.rule).toBe('suspension-restricts-placements');
    const amber = { ...DECISION, consequence: 'amber', residentReviews: null, brokerageNotice: null };
    await post(`/concerns/${concerns.own}/placement-suspensions`, COUNCIL, { reason: 'Risk to residents', occurredAt: AT, decision: amber }, 201);
    const concern = (await get(`/concerns/${concerns.own}`, COUNCIL)).body;
    expect(concern.placementsSuspended).toBe(true);
    expect(concern.placementChanges).toEqual([expect.objectContaining({ suspended: true, reason: 'Risk to residents', decision: amber })]);
  });

  it('reads an escalation recorded before decision logs (a version-1 event) with decision null, and a correction may add its log', async () => {
    const eventStore = t.app.get<EventStore>(EVENT_STORE);
    const stream = `concern-${concerns.other}`;
    const eventId = randomUUID();
    await eventStore.append(
      stream,
      [
        {
          eventId,
          type: 'ConcernEscalated',
          schemaVersion: 1,
          data: { concernId: concerns.other, fromLevel: 0, toLevel: 2, reason: 'No progress' },
          occurredAt: '2025-03-21T10:00:00.000Z',
          actor: { userId: 'u-other', organisationId: OTHER_COUNCIL_ID, role: 'qa_officer' },
          correlationId: randomUUID(),
          causationId: null,
          commandId: null,
        },
      ],
      await eventStore.streamVersion(stream),
    );
    const concern = (await get(`/concerns/${concerns.other}`, OTHER_COUNCIL)).body;
    expect(concern.escalations).toEqual([expect.objectContaining({ toLevel: 2, reason: 'No progress', decision: null })]);

    const early = { ...DECISION, reviewOn: '2025-03-20', brokerageNotice: null };
    const refused = await post(
      `/concerns/${concerns.other}/corrections`,
      OTHER_COUNCIL,
      { targetEventId: eventId, reason: 'Log not written down', changes: { decision: early } },
      422,
    );
    expect(refused.body.rule).toBe('decision-review-after-decision');
    const shape = await post(
      `/concerns/${concerns.other}/corrections`,
      OTHER_COUNCIL,
      { targetEventId: eventId, reason: 'Log', changes: { decision: { ...DECISION, consequence: 'purple' } } },
      400,
    );
    expect(fieldsOf(shape.body)).toContain('changes.decision.consequence');
    await post(
      `/concerns/${concerns.other}/corrections`,
      OTHER_COUNCIL,
      { targetEventId: eventId, reason: 'Log not written down', changes: { decision: { ...DECISION, brokerageNotice: null } } },
      201,
    );
    const [stored] = (await eventStore.readStream(stream)).filter((e) => e.eventId === eventId);
    expect(stored.schemaVersion).toBe(1);
    expect(stored.data).not.toHaveProperty('decision');
  });
});
