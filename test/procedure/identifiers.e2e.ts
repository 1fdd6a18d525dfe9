import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { ADMIN, COUNCIL_ID, PROVIDER, PROVIDER_ID } from '../support/two-councils-story';

const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field).sort();

/** Issue 16 item 5: a provider's CQC provider id, a service's CQC location id and ODS code, validated and shown. */
describe.each(storesUnderTest())('provider and service identifiers on %s', (store) => {
  let t: TestApp;
  const post = (path: string, headers: Record<string, string>, body: object, status: number) =>
    request(t.server as never).post(path).set(headers).send(body).expect(status);
  const get = (path: string, headers: Record<string, string>) => request(t.server as never).get(path).set(headers).expect(200);
  const service = (change: object) => ({ providerId: PROVIDER_ID, name: 'Maple Court', serviceType: 'supported_living', regulator: 'CQC', occurredAt: '2024-01-02T10:00:00Z', ...change });

  beforeAll(async () => {
    t = await startTestApp(store);
    await post('/organisations', ADMIN, { organisationId: PROVIDER_ID, kind: 'provider', name: 'Hollybank Support Trust', cqcProviderId: '1-101634620', occurredAt: '2024-01-01T09:00:00Z' }, 201);
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
    const council = await post('/organisations', ADMIN, { organisationId: COUNCIL_ID, kind: 'council', name: 'Northshire County Council', cqcProviderId: '1-101634620' }, 422);
    expect(council.body.rule).toBe('cqc-provider-id-for-providers');
  });

  it("records a service's CQC location id and ODS code (upper case) and shows both", async () => {
    const created = await post('/services', PROVIDER, service({ locationId: '1-101641471', odsCode: 'vlaxl' }), 201);
    const res = await get(`/services/${created.body.id}`, PROVIDER);
    expect(res.body).toMatchObject({ name: 'Maple Court', regulator: 'CQC', locationId: '1-101641471', odsCode: 'VLAXL' });
  });

  it('takes an Ofsted URN as the location id of a children’s home Ofsted regulates', async () => {
    const created = await post('/services', PROVIDER, service({ name: 'Rowan House', serviceType: 'childrens_home', regulator: 'Ofsted', locationId: 'SC123456' }), 201);
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
    await eventStore.append(`service-${serviceId}`, [{
      eventId: randomUUID(),
      type: 'ServiceRegistered',
      schemaVersion: 1,
      data: { serviceId, providerId: PROVIDER_ID, name: 'Old Mill', serviceType: 'residential_home', regulator: 'CQC', locationId: '1-123' },
      occurredAt: '2024-01-03T10:00:00.000Z',
      actor: { userId: 'u-provider', organisationId: PROVIDER_ID, role: 'registered_manager' },
      correlationId: randomUUID(),
      causationId: null,
      commandId: null,
    }], 'no_stream');
    const res = await get(`/services/${serviceId}`, PROVIDER);
    expect(res.body).toMatchObject({ name: 'Old Mill', locationId: '1-123', odsCode: null });
    const [stored] = await eventStore.readStream(`service-${serviceId}`);
    expect(stored.schemaVersion).toBe(1);
    expect(stored.data).not.toHaveProperty('odsCode');
  });
});
