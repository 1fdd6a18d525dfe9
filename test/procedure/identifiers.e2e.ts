import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { ADMIN, auth, COUNCIL_ID, PROVIDER, PROVIDER_ID } from '../support/two-councils-story';

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

/** Issue 16 item 5: a provider's CQC provider id, a service's CQC location id and ODS code, validated and shown. */
describe.each(storesUnderTest())('provider and service identifiers on %s', (store) => {
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
  const service = (change: object) => ({
    providerId: PROVIDER_ID,
    name: 'Maple Court',
    serviceType: 'supported_living',
    regulator: 'CQC',
    occurredAt: '2024-01-02T10:00:00Z',
    ...change,
  });

  beforeAll(async () => {
    t = await startTestApp(store);
    await post(
      '/organisations',
      ADMIN,
      { organisationId: PROVIDER_ID, kind: 'provider', name: 'Hollybank Support Trust', cqcProviderId: '1-101634620', occurredAt: '2024-01-01T09:00:00Z' },
      201,
    );
  });
  afterAll(async () => t?.close());

  it("records a provider's CQC provider id and shows it", async () => {
    const res = await get(`/organisations/${PROVIDER_ID}`, PROVIDER);
    expect(res.body).toMatchObject({ kind: 'provider', name: 'Hollybank Support Trust', cqcProviderId: '1-101634620' });
  });

  it('refuses a CQC provider id in another form (400 naming it) and one for a council (422)', async () => {
    const bad = await post('/organisations', ADMIN, { kind: 'provider', name: 'Fenland Care', cqcProviderId: 'CQC-101634620' }, 400);
    expect(fieldsOf(bad.body)).toEqual(['cqcProviderId']);
    expect(JSON.stringify(bad.body)).toContain("'1-' followed by digits");
    const council = await post(
      '/organisations',
      ADMIN,
      { organisationId: COUNCIL_ID, kind: 'council', name: 'Northshire County Council', cqcProviderId: '1-101634620' },
      422,
    );
    expect(council.body.rule).toBe('cqc-provider-id-for-providers');
  });

  it("records a service's CQC location id and ODS code (upper case) and shows both", async () => {
    const created = await post('/services', PROVIDER, service({ locationId: '1-101641471', odsCode: 'vlaxl' }), 201);
    const res = await get(`/services/${created.body.id}`, PROVIDER);
    expect(res.body).toMatchObject({ name: 'Maple Court', regulator: 'CQC', locationId: '1-101641471', odsCode: 'VLAXL' });
  });

  it('takes an Ofsted URN as the location id of a children’s home Ofsted regulates', async () => {
    const created = await post(
      '/services',
      PROVIDER,
      service({ name: 'Rowan House', serviceType: 'childrens_home', regulator: 'Ofsted', locationId: 'SC123456' }),
      201,
    );
    expect((await get(`/services/${created.body.id}`, PROVIDER)).body).toMatchObject({ locationId: 'SC123456', odsCode: null });
  });

  it('refuses identifiers in the wrong form with a 400 naming each field', async () => {
    const bad = await post('/services', PROVIDER, service({ locationId: 'SC123456', odsCode: 'VL-AX' }), 400);
    expect(fieldsOf(bad.body)).toEqual(['locationId', 'odsCode']);
    const noDigits = await post('/services', PROVIDER, service({ locationId: '1-' }), 400);
    expect(fieldsOf(noDigits.body)).toEqual(['locationId']);
  });

  it('reads a service registered before identifiers existed (a version-1 event, stored as it was) with odsCode null', async () => {
    const serviceId = randomUUID();
    const eventStore = t.app.get<EventStore>(EVENT_STORE);
    await eventStore.append(
      `service-${serviceId}`,
      [
        {
          eventId: randomUUID(),
          type: 'ServiceRegistered',
          schemaVersion: 1,
          data: { serviceId, providerId: PROVIDER_ID, name: 'Old Mill', serviceType: 'residential_home', regulator: 'CQC', locationId: '1-123' },
          occurredAt: '2024-01-03T10:00:00.000Z',
          actor: { userId: 'u-provider', organisationId: PROVIDER_ID, role: 'registered_manager' },
          correlationId: randomUUID(),
          causationId: null,
          commandId: null,
        },
      ],
      'no_stream',
    );
    const res = await get(`/services/${serviceId}`, PROVIDER);
    expect(res.body).toMatchObject({ name: 'Old Mill', locationId: '1-123', odsCode: null });
    const [stored] = await eventStore.readStream(`service-${serviceId}`);
    expect(stored.schemaVersion).toBe(1);
    expect(stored.data).not.toHaveProperty('odsCode');
  });
  it('records identifiers for a service registered without them, shown from then on; 400 and 422 as at registration; other providers 403/404', async () => {
    const created = await post('/services', PROVIDER, service({ name: 'Birch Lodge' }), 201);
    const id = created.body.id as string;
    expect((await get(`/services/${id}`, PROVIDER)).body).toMatchObject({ locationId: null, odsCode: null });
    const bad = await post(`/services/${id}/identifiers`, PROVIDER, { locationId: 'SC12', odsCode: 'V-1', reason: 'x' }, 400);
    expect(fieldsOf(bad.body)).toEqual(['locationId', 'odsCode']);
    const unchanged = await post(`/services/${id}/identifiers`, PROVIDER, { reason: 'Nothing new' }, 422);
    expect(unchanged.body.rule).toBe('identifiers-must-change');
    await post(
      `/services/${id}/identifiers`,
      PROVIDER,
      { locationId: '1-555000111', odsCode: 'vm2k4', reason: 'ODS site code issued', occurredAt: '2024-02-01T10:00:00Z' },
      201,
    );
    expect((await get(`/services/${id}`, PROVIDER)).body).toMatchObject({ locationId: '1-555000111', odsCode: 'VM2K4' });
    const before = (await get(`/services/${id}?asOf=2024-01-15&basis=occurred`, PROVIDER)).body;
    expect(before).toMatchObject({ locationId: null, odsCode: null });
    const other = await request(t.server as never)
      .post(`/services/${id}/identifiers`)
      .set(OTHER_PROVIDER)
      .send({ odsCode: 'VAAAA', reason: 'x' });
    expect([403, 404]).toContain(other.status);
  });

  it("records a provider's CQC provider id after registration: the provider itself or an administrator; another provider 403", async () => {
    const other = await post(`/organisations/${PROVIDER_ID}/identifiers`, OTHER_PROVIDER, { cqcProviderId: '1-1', reason: 'x' }, 403);
    expect(other.body.rule).toBe('provider-records-own-identifiers');
    const bad = await post(`/organisations/${PROVIDER_ID}/identifiers`, PROVIDER, { cqcProviderId: 'CQC', reason: 'x' }, 400);
    expect(fieldsOf(bad.body)).toEqual(['cqcProviderId']);
    await post(`/organisations/${PROVIDER_ID}/identifiers`, PROVIDER, { cqcProviderId: '1-999888777', reason: 'Re-registered with CQC' }, 201);
    expect((await get(`/organisations/${PROVIDER_ID}`, PROVIDER)).body.cqcProviderId).toBe('1-999888777');
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

    it("the provider is offered the service's identifiers form, is told which box is wrong, and sees the new identifiers on the service page", async () => {
      const id = (await post('/services', PROVIDER, service({ name: 'Hazel Court' }), 201)).body.id as string;
      const agent = await signedIn('demo-provider-manager');
      const page = await agent.get(`/app/services/${id}`).expect(200);
      expect(textOf(page.text)).toContain('Record the location id or ODS code');
      const form = await agent.get(`/app/services/${id}/identifiers`).expect(200);
      expect(textOf(form.text)).toContain('Record the identifiers of Hazel Court');
      const send = (fields: object) =>
        agent
          .post(`/app/services/${id}/identifiers`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), expectedVersion: versionOf(form.text), ...fields });
      const wrong = await send({ locationId: 'SC12', odsCode: '', reason: 'Registered' }).expect(400);
      expect(textOf(wrong.text)).toContain('There is a problem');
      expect(wrong.text).toContain('href="#locationId"');
      const empty = await send({ locationId: '', odsCode: '', reason: 'Nothing new' });
      expect(textOf(empty.text)).toContain('There is a problem');
      const done = await send({ locationId: '1-555000222', odsCode: 'vm2k5', reason: 'ODS site code issued' }).expect(303);
      expect(done.headers.location).toContain(`/app/services/${id}`);
      const after = textOf((await agent.get(done.headers.location).expect(200)).text);
      expect(after).toContain('Identifiers recorded');
      expect(after).toContain('1-555000222');
      expect(after).toContain('VM2K5');
    });

    it('the provider records its own CQC provider id from its overview; another provider cannot open the form', async () => {
      const agent = await signedIn('demo-provider-manager');
      const overview = await agent.get(`/app/providers/${PROVIDER_ID}`).expect(200);
      expect(overview.text).toContain(`/app/organisations/${PROVIDER_ID}/identifiers`);
      const form = await agent.get(`/app/organisations/${PROVIDER_ID}/identifiers`).expect(200);
      expect(textOf(form.text)).toContain('Record the CQC provider id of Hollybank Support Trust');
      const send = (fields: object) =>
        agent
          .post(`/app/organisations/${PROVIDER_ID}/identifiers`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), expectedVersion: versionOf(form.text), ...fields });
      const wrong = await send({ cqcProviderId: 'CQC-1', reason: 'x' }).expect(400);
      expect(wrong.text).toContain('href="#cqcProviderId"');
      const done = await send({ cqcProviderId: '1-777666555', reason: 'Re-registered with CQC' }).expect(303);
      expect(done.headers.location).toBe(`/app/providers/${PROVIDER_ID}?done=identifiers-recorded`);
      expect(textOf((await agent.get(done.headers.location).expect(200)).text)).toContain('Identifiers recorded');
      expect(textOf((await agent.get(`/app/organisations/${PROVIDER_ID}/identifiers`).expect(200)).text)).toContain('Recorded now: 1-777666555');
      const other = await signedIn('demo-other-provider');
      await other.get(`/app/organisations/${PROVIDER_ID}/identifiers`).expect(403);
    });
  });
});
