import { DEMO_IDS, demoStory } from '@caretrail/demo';
import request from 'supertest';
import { playStoryOverHttp } from '../support/http-story-driver';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

/**
 * The Maple Court story told through the HTTP API, and every measure checked to the day against
 * figures worked out by hand from the story's dates (England and Wales working days).
 */
describe.each(storesUnderTest())('the demo story, measured to the day, on %s', (store) => {
  let t: TestApp;
  let concern: string;
  let service: string;
  const read = async (path: string) =>
    (
      await request(t.server as never)
        .get(path)
        .set('Authorization', 'Bearer demo-council-officer')
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await startTestApp(store);
    const { ids, position } = await playStoryOverHttp(t.server, demoStory());
    concern = ids.get(DEMO_IDS.documentationConcern)!;
    service = ids.get(DEMO_IDS.mapleCourt)!;
    await read(`/timelines/concerns/${concern}?minPosition=${position}&limit=1`);
  });
  afterAll(async () => t?.close());

  it('acknowledged in 2 working days (notified Monday 3 February 2025, acknowledged Wednesday 5th)', async () => {
    const m = await read(`/measures/concerns/${concern}`);
    expect(m.timeToAcknowledge.byConcern[0].waits[0]).toMatchObject({
      notifiedOn: '2025-02-03',
      acknowledgedOn: '2025-02-05',
      workingDays: 2,
      status: 'on_time',
    });
  });

  it('plan lag: requested 3 February, v1 in on 14 February, 9 working days, on time against the 17th', async () => {
    const m = await read(`/measures/concerns/${concern}`);
    expect(m.planLag.byConcern[0].requests[0]).toMatchObject({
      requestedOn: '2025-02-03',
      dueOn: '2025-02-17',
      firstSubmittedOn: '2025-02-14',
      workingDays: 9,
      calendarDays: 11,
      status: 'on_time',
    });
  });

  it('council review lag: v1 returned in 3 working days, v2 accepted in 2', async () => {
    const m = await read(`/measures/concerns/${concern}`);
    expect(m.councilReviewLag.byConcern[0].reviews.map((r: Record<string, unknown>) => [r.version, r.decision, r.workingDays])).toEqual([
      [1, 'returned', 3],
      [2, 'accepted', 2],
    ]);
  });

  it('weekly cadence from acceptance on 26 February: 8 periods to completion, the week to 26 March late', async () => {
    const m = await read(`/measures/concerns/${concern}`);
    const periods = m.cadenceAdherence.byConcern[0].runs[0].periods as { endsOn: string; status: string }[];
    expect(periods.map((p) => p.endsOn)).toEqual([
      '2025-03-05',
      '2025-03-12',
      '2025-03-19',
      '2025-03-26',
      '2025-04-02',
      '2025-04-09',
      '2025-04-16',
      '2025-04-23',
    ]);
    expect(periods.filter((p) => p.status === 'late').map((p) => p.endsOn)).toEqual(['2025-03-26']);
    expect(periods.filter((p) => p.status === 'on_time')).toHaveLength(7);
  });

  it('on-time actions: 2 of 3 verified by their original due date; the training date revised once by agreement', async () => {
    const m = await read(`/measures/concerns/${concern}`);
    const actions = m.onTimeActionRate.byConcern[0].actions as {
      description: string;
      byOriginalDueDate: string;
      agreedRevisions: number;
      verifiedOn: string;
    }[];
    expect(actions.map((a) => [a.byOriginalDueDate, a.agreedRevisions, a.verifiedOn])).toEqual([
      ['met', 0, '2025-03-27'],
      ['missed', 1, '2025-04-29'],
      ['met', 0, '2025-04-29'],
    ]);
  });

  it('time to closure: raised 3 February, closed 7 May 2025, 64 working days (Easter and early May bank holidays out), 93 calendar days', async () => {
    const m = await read(`/measures/concerns/${concern}`);
    expect(m.timeToClosure.byConcern[0]).toMatchObject({ raisedOn: '2025-02-03', closedOn: '2025-05-07', workingDays: 64, calendarDays: 93 });
  });

  it('registered manager as of closure: 203 days without one in the last 365 (1 Oct 2024 to 21 Apr 2025), 2 changes', async () => {
    const m = await read(`/measures/services/${service}?asOf=2025-05-07&basis=occurred`);
    expect(m.registeredManager.byService[0]).toMatchObject({
      daysWithoutRegisteredManager: 203,
      gaps: [{ from: '2024-10-01', to: '2025-04-21', days: 203 }],
      changesPerTwelveMonths: 2,
    });
  });

  it("shows the provider's proportionality comment on the timeline, as the provider's", async () => {
    const timeline = await read(`/timelines/concerns/${concern}?kinds=CommentRecorded`);
    expect(timeline.entries).toHaveLength(1);
    expect(timeline.entries[0]).toMatchObject({ party: 'provider', occurredAt: '2025-03-20T09:00:00.000Z' });
    expect(timeline.entries[0].summary).toMatch(/proportionality/i);
  });
});
