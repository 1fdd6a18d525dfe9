import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { daysBetween, toLondonDate } from '@caretrail/timeline';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { ADMIN, auth, COUNCIL, PROVIDER, PROVIDER_ID } from '../support/two-councils-story';

const OTHER_PROVIDER = auth('demo-other-provider');
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="expectedVersion" value="([^"]*)"/.exec(html)?.[1] ?? '';
/** The page's text as a reader meets it: tags stripped, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field).sort();

/**
 * Issue 16 item 8: a registered manager's absence judged against its notice deadline (planned: 28 days
 * ahead; emergency: within 5 working days), the return, a change of manager, and how long a service
 * has been without a registered manager.
 */
describe.each(storesUnderTest())('statutory notifications about registered managers on %s', (store) => {
  let t: TestApp;
  const post = (path: string, headers: Record<string, string>, body: object, status: number) =>
    request(t.server as never)
      .post(path)
      .set(headers)
      .send(body)
      .expect(status);
  const get = (path: string, headers: Record<string, string>) =>
    request(t.server as never)
      .get(path)
      .set(headers)
      .expect(200);

  let serviceId: string;
  const samId = randomUUID();
  const alexId = randomUUID();
  const manager = (path: string) => `/services/${serviceId}/managers/${path}`;
  let firstReturnId = '';

  beforeAll(async () => {
    t = await startTestApp(store);
    await post(
      '/organisations',
      ADMIN,
      { organisationId: PROVIDER_ID, kind: 'provider', name: 'Hollybank Support Trust', occurredAt: '2024-01-01T09:00:00Z' },
      201,
    );
    serviceId = (
      await post(
        '/services',
        PROVIDER,
        { providerId: PROVIDER_ID, name: 'Willow Court', serviceType: 'residential_home', regulator: 'CQC', occurredAt: '2025-01-06T09:00:00Z' },
        201,
      )
    ).body.id;
    await post(
      `/services/${serviceId}/managers`,
      PROVIDER,
      { managerId: samId, managerName: 'Sam Patel', startedOn: '2025-01-06', basis: 'permanent', occurredAt: '2025-01-06T10:00:00Z' },
      201,
    );
    await post(manager(`${samId}/registrations`), PROVIDER, { registeredOn: '2025-02-03', occurredAt: '2025-02-03T10:00:00Z' }, 201);
    // Emergency absence from Monday 3 March 2025, notified Wednesday 12 March: 7 working days, so late (due by 10 March).
    await post(
      manager(`${samId}/absences`),
      PROVIDER,
      { absenceStartedOn: '2025-03-03', notifiedOn: '2025-03-12', emergency: true, occurredAt: '2025-03-12T10:00:00Z' },
      201,
    );
  });
  afterAll(async () => t?.close());

  it('records a late emergency notice as it happened, marked late, and the absence as ongoing', async () => {
    const body = (await get(`/services/${serviceId}?asOf=2025-03-31&basis=occurred`, PROVIDER)).body;
    expect(body.absences).toHaveLength(1);
    expect(body.managerNotices).toMatchObject({
      on: '2025-03-31',
      withoutRegisteredManager: null,
      absences: [{ managerName: 'Sam Patel', emergency: true, notice: 'late', noticeDueBy: '2025-03-10', ongoing: true, days: 29, returnedOn: null }],
    });
    expect(body.managerNotices.absences[0].noticeWords).toBe('Notified late (due within 5 working days of the start, by 10 Mar 2025)');
  });

  it('records the return: once per absence, not before it began, only by the provider; bad input is a 400 naming the field', async () => {
    const missing = await post(manager(`${samId}/returns`), PROVIDER, { returnedOn: '14/04/2025' }, 400);
    expect(fieldsOf(missing.body)).toEqual(['returnedOn']);
    expect((await post(manager(`${samId}/returns`), PROVIDER, { returnedOn: '2025-03-01' }, 422)).body.rule).toBe('manager-dates-in-order');
    await post(manager(`${samId}/returns`), COUNCIL, { returnedOn: '2025-04-14' }, 403);
    const other = await request(t.server as never)
      .post(manager(`${samId}/returns`))
      .set(OTHER_PROVIDER)
      .send({ returnedOn: '2025-04-14' });
    expect([403, 404]).toContain(other.status);
    firstReturnId = (await post(manager(`${samId}/returns`), PROVIDER, { returnedOn: '2025-04-14', occurredAt: '2025-04-14T09:00:00Z' }, 201)).body.events[0]
      .eventId;
    expect((await post(manager(`${samId}/returns`), PROVIDER, { returnedOn: '2025-04-15' }, 422)).body.rule).toBe('absence-already-ended');
    const body = (await get(`/services/${serviceId}`, PROVIDER)).body;
    expect(body.absences[0]).toMatchObject({ absenceStartedOn: '2025-03-03', returnedOn: '2025-04-14' });
    // 3 March to 13 April: 42 days.
    expect(body.managerNotices.absences[0]).toMatchObject({ ongoing: false, days: 42, notice: 'late' });
  });

  it('judges a planned absence notified 28 days ahead as on time, its days counted so far', async () => {
    await post(
      manager(`${samId}/absences`),
      PROVIDER,
      { absenceStartedOn: '2025-06-02', notifiedOn: '2025-05-01', emergency: false, expectedReturnOn: '2025-07-14', occurredAt: '2025-05-01T10:00:00Z' },
      201,
    );
    const body = (await get(`/services/${serviceId}?asOf=2025-06-30&basis=occurred`, PROVIDER)).body;
    expect(body.managerNotices.absences[1]).toMatchObject({ emergency: false, notice: 'on-time', noticeDueBy: '2025-05-05', ongoing: true, days: 29 });
    expect(body.managerNotices.absences[1].noticeWords).toBe('Notified on time (due 28 days ahead, by 5 May 2025)');
  });

  it('shows a change of manager and how long the service has been without a registered manager', async () => {
    await post(manager(`${samId}/returns`), PROVIDER, { returnedOn: '2025-07-14', occurredAt: '2025-07-14T09:00:00Z' }, 201);
    await post(manager(`${samId}/departures`), PROVIDER, { leftOn: '2025-08-29', reason: 'Retired', occurredAt: '2025-08-29T16:00:00Z' }, 201);
    const appointed = await post(
      `/services/${serviceId}/managers`,
      PROVIDER,
      { managerId: alexId, managerName: 'Alex Jones', startedOn: '2025-09-01', basis: 'interim', occurredAt: '2025-09-01T09:00:00Z' },
      201,
    );
    const then = (await get(`/services/${serviceId}?asOf=2025-09-30&basis=occurred`, PROVIDER)).body;
    // 30 August to 30 September, both days included.
    expect(then.managerNotices.withoutRegisteredManager).toEqual({ since: '2025-08-30', days: 32 });
    expect(then.managerNotices.managerChanges).toEqual([
      { leftManagerName: 'Sam Patel', leftOn: '2025-08-29', appointedManagerName: 'Alex Jones', startedOn: '2025-09-01', basis: 'interim' },
    ]);
    const today = toLondonDate(new Date());
    const live = (await get(`/services/${serviceId}`, PROVIDER)).body;
    expect(live.managerNotices.on).toBe(today);
    expect(live.managerNotices.withoutRegisteredManager).toEqual({ since: '2025-08-30', days: daysBetween('2025-08-30', today) + 1 });
    // The provider's dashboard lists the service with the same count.
    const board = (await get(`/dashboards/providers/${PROVIDER_ID}?minPosition=${appointed.body.position}`, PROVIDER)).body;
    expect(board.servicesWithoutRegisteredManager).toEqual([
      expect.objectContaining({ serviceId, since: '2025-08-30', days: daysBetween('2025-08-30', today) + 1 }),
    ]);
  });

  describe('from the pages', () => {
    const signedIn = async (token: string) => {
      const agent = request.agent(t.server as never);
      const form = await agent.get('/app/sign-in').expect(200);
      await agent
        .post('/app/sign-in')
        .type('form')
        .send({ identity: token, _csrf: csrfOf(form.text) })
        .expect(303);
      return agent;
    };

    it('the service page shows each absence with its notice judged, its length and the return, the change of manager and the flag', async () => {
      const agent = await signedIn('demo-provider-manager');
      const page = textOf((await agent.get(`/app/services/${serviceId}`).expect(200)).text);
      expect(page).toContain('Manager absences notified to the regulator');
      expect(page).toContain('Late Notified late (due within 5 working days of the start, by 10 Mar 2025)');
      expect(page).toContain('42 days, back on 14 April 2025');
      expect(page).toContain('On time Notified on time (due 28 days ahead, by 5 May 2025)');
      expect(page).toContain('Sam Patel left on 29 August 2025; Alex Jones (interim) started on 1 September 2025');
      const days = daysBetween('2025-08-30', toLondonDate(new Date())) + 1;
      expect(page).toContain(`No registered manager for ${days} days, since 30 August 2025`);
    });

    it('the provider records the return from the page: offered only while the manager is absent, with an error summary naming the box', async () => {
      const agent = await signedIn('demo-provider-manager');
      const before = textOf((await agent.get(`/app/services/${serviceId}`).expect(200)).text);
      expect(before).not.toContain("Record the manager's return from absence");
      await post(
        manager(`${alexId}/absences`),
        PROVIDER,
        { absenceStartedOn: '2025-10-06', notifiedOn: '2025-10-07', emergency: true, occurredAt: '2025-10-07T10:00:00Z' },
        201,
      );
      const absenceForm = textOf((await agent.get(`/app/services/${serviceId}/manager-absence`).expect(200)).text);
      expect(absenceForm).toContain('a planned absence at least 28 days before it begins, an emergency absence within 5 working days of its start');
      const offered = textOf((await agent.get(`/app/services/${serviceId}`).expect(200)).text);
      expect(offered).toContain("Record the manager's return from absence");
      const form = await agent.get(`/app/services/${serviceId}/manager-return`).expect(200);
      expect(textOf(form.text)).toContain("Record Alex Jones's return from absence");
      expect(textOf(form.text)).toContain('Alex Jones has been absent since 6 October 2025');
      const send = (fields: object) =>
        agent
          .post(`/app/services/${serviceId}/manager-return`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), expectedVersion: versionOf(form.text), managerId: alexId, ...fields });
      const empty = await send({}).expect(400);
      expect(textOf(empty.text)).toContain('There is a problem');
      expect(empty.text).toContain('href="#returnedOn');
      const early = await send({ 'returnedOn-day': '1', 'returnedOn-month': '10', 'returnedOn-year': '2025' });
      expect(textOf(early.text)).toContain('There is a problem');
      expect(textOf(early.text)).toContain('before the absence began');
      const done = await send({ 'returnedOn-day': '20', 'returnedOn-month': '10', 'returnedOn-year': '2025' }).expect(303);
      const after = textOf((await agent.get(done.headers.location).expect(200)).text);
      expect(after).toContain("Manager's return from absence recorded");
      expect(after).toContain('14 days, back on 20 October 2025');
      expect(after).toContain('Registered manager returned from absence on 20 Oct 2025');
      expect(after).not.toContain("Record the manager's return from absence");
    });

    it('a council is not offered the return and cannot open its form', async () => {
      const agent = await signedIn('demo-council-officer');
      const res = await agent.get(`/app/services/${serviceId}`);
      if (res.status === 200) expect(textOf(res.text)).not.toContain("Record the manager's return from absence");
      await agent.get(`/app/services/${serviceId}/manager-return`).expect((r) => expect([403, 404]).toContain(r.status));
    });
  });

  it('corrects the day of a return as a new entry: the length follows; a return before the absence began is refused', async () => {
    const bad = await post(
      `/services/${serviceId}/corrections`,
      PROVIDER,
      { targetEventId: firstReturnId, reason: 'Wrong day', changes: { returnedOn: '2025-03-01' } },
      422,
    );
    expect(bad.body.rule).toBe('manager-dates-in-order');
    await post(
      `/services/${serviceId}/corrections`,
      PROVIDER,
      { targetEventId: firstReturnId, reason: 'Back a week earlier', changes: { returnedOn: '2025-04-07' } },
      201,
    );
    const body = (await get(`/services/${serviceId}`, PROVIDER)).body;
    // The record keeps the return as recorded; the notices read the corrected record: 3 March to 6 April is 35 days.
    expect(body.absences[0].returnedOn).toBe('2025-04-14');
    expect(body.managerNotices.absences[0]).toMatchObject({ returnedOn: '2025-04-07', days: 35 });
  });
});
