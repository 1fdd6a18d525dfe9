import request from 'supertest';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import {
  ADMIN,
  auth,
  COUNCIL,
  COUNCIL_ID,
  OTHER_COUNCIL,
  OTHER_COUNCIL_ID,
  PROVIDER,
  PROVIDER_ID,
  TWO_DAY_CLOCKS as CLOCKS,
  recordTwoCouncilsStory,
} from '../support/two-councils-story';

interface Wait {
  workingDays: number;
  status: string;
}

/**
 * Two councils commission the same service; each raises the same concern, acknowledged 3 working
 * days after notice. One council then sets a 2-day acknowledgement clock: its concern is late by its
 * clock, the other council's on time by the default 5, and replay before the setting shows the defaults.
 */
describe.each(storesUnderTest())("a council's own clocks over HTTP on %s", (store) => {
  let t: TestApp;
  let position = 0;
  const concerns: Record<string, string> = {};
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
      .set(headers)
      .expect(200);
  const ackWait = async (concernId: string, query = ''): Promise<Wait> => {
    const res = await get(`/measures/concerns/${concernId}?minPosition=${position}${query}`, concernId === concerns.own ? COUNCIL : OTHER_COUNCIL);
    return res.body.timeToAcknowledge.byConcern[0].waits[0];
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    Object.assign(concerns, (await recordTwoCouncilsStory(t, post)).concerns);
  });
  afterAll(async () => t?.close());

  it('shows the defaults, marked as such, before a council sets any', async () => {
    const res = await get(`/councils/${COUNCIL_ID}/clocks`);
    expect(res.body).toMatchObject({
      councilId: COUNCIL_ID,
      defaults: true,
      councilSet: false,
      eventId: null,
      clocks: { acknowledgeWithinWorkingDays: 5, reopenWindowMonths: 12 },
    });
    expect(await ackWait(concerns.own)).toMatchObject({ workingDays: 3, status: 'on_time' });
  });

  it('refuses another council (403), a bad value (400 naming the field) and a provider as a council (422)', async () => {
    const other = await post(`/councils/${COUNCIL_ID}/clocks`, OTHER_COUNCIL, { ...CLOCKS, reason: 'Not ours', occurredAt: '2025-04-01T09:00:00Z' }, 403);
    expect(other.body.rule).toBe('council-sets-own-clocks');
    await post(`/councils/${COUNCIL_ID}/clocks`, PROVIDER, { ...CLOCKS, reason: 'Not ours' }, 403);
    const bad = await post(`/councils/${COUNCIL_ID}/clocks`, COUNCIL, { ...CLOCKS, acknowledgeWithinWorkingDays: 0, reason: 'Typo' }, 400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['acknowledgeWithinWorkingDays']);
    const provider = await post(`/councils/${PROVIDER_ID}/clocks`, ADMIN, { ...CLOCKS, reason: 'Wrong organisation' }, 422);
    expect(provider.body.rule).toBe('clocks-for-councils-only');
    await post(`/councils/01900000-0000-7000-8000-00000000ffff/clocks`, ADMIN, { ...CLOCKS, reason: 'Nobody' }, 404);
  });

  it("judges each concern by its own council's clocks once set, and replay before the setting by the defaults", async () => {
    const set = await post(
      `/councils/${COUNCIL_ID}/clocks`,
      COUNCIL,
      { ...CLOCKS, reason: 'Agreed at contract review', occurredAt: '2025-04-01T09:00:00Z' },
      201,
    );
    const settingId = set.body.events[0].eventId as string;

    // Live: the council's concern is late by its 2-day clock; the other council's is on time by the default 5.
    expect(await ackWait(concerns.own)).toMatchObject({ workingDays: 3, status: 'late' });
    expect(await ackWait(concerns.other)).toMatchObject({ workingDays: 3, status: 'on_time' });
    const live = await get(`/measures/concerns/${concerns.own}?minPosition=${position}`);
    expect(live.body.timeToAcknowledge.byConcern[0].eventIds).toContain(settingId);
    expect(live.body.councilClocks).toEqual([
      expect.objectContaining({ councilId: COUNCIL_ID, eventId: settingId, inForceFrom: '2025-04-01', clocks: CLOCKS }),
    ]);

    // What had happened by 31 March: the clocks were not set yet, so the default judged it on time.
    expect(await ackWait(concerns.own, '&asOf=2025-03-31&basis=occurred')).toMatchObject({ workingDays: 3, status: 'on_time' });
    expect(await ackWait(concerns.own, '&asOf=2025-04-30&basis=occurred')).toMatchObject({ status: 'late' });

    // The council's clocks, now and as of a date on either basis (the setting was recorded today).
    expect((await get(`/councils/${COUNCIL_ID}/clocks?minPosition=${position}`)).body).toMatchObject({ defaults: false, eventId: settingId, clocks: CLOCKS });
    expect((await get(`/councils/${COUNCIL_ID}/clocks?asOf=2025-03-31&basis=occurred`)).body).toMatchObject({
      defaults: true,
      clocks: { acknowledgeWithinWorkingDays: 5 },
    });
    expect((await get(`/councils/${COUNCIL_ID}/clocks?asOf=2025-04-30&basis=occurred`, PROVIDER)).body).toMatchObject({ defaults: false, clocks: CLOCKS });
    expect((await get(`/councils/${COUNCIL_ID}/clocks?asOf=2025-04-30&basis=recorded`)).body).toMatchObject({ defaults: true, basis: 'recorded' });
    expect((await get(`/councils/${OTHER_COUNCIL_ID}/clocks`)).body).toMatchObject({ defaults: true, clocks: { acknowledgeWithinWorkingDays: 5 } });

    // The provider's measures judge each council's concern by that council's clock.
    const portfolio = await get(`/measures/providers/${PROVIDER_ID}?minPosition=${position}`, auth('demo-provider-ceo'));
    const statuses = Object.fromEntries(
      portfolio.body.timeToAcknowledge.byConcern.map((c: { concernId: string; waits: Wait[] }) => [c.concernId, c.waits[0].status]),
    );
    expect(statuses).toEqual({ [concerns.own]: 'late', [concerns.other]: 'on_time' });
  });
});
