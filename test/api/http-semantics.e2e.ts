import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

/** What a client sees on the wire: problem+json errors, challenges, Location, strong ETags, 304, renamed paths. */
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const COUNCIL = bearer('demo-council-officer');
const PROVIDER = bearer('demo-provider-ceo');
const CONCERN = DEMO_IDS.documentationConcern;
const NOWHERE = '01900000-0000-7000-8000-00000000dead';

describe.each(storesUnderTest())('HTTP semantics of the API on %s', (store) => {
  let t: TestApp;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp(store);
    await seedDemoStory(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a request that is not valid with a validation problem naming each field', async () => {
    const res = await http().post(`/concerns/${CONCERN}/comments?x=1`).set(COUNCIL).send({ topic: 'gossip', extra: true }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:caretrail:problem:validation', title: 'Bad Request', status: 400, instance: `/concerns/${CONCERN}/comments` });
    expect(res.body.detail).toMatch(/^Invalid request: /);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'text', 'topic']);
    expect(res.body).not.toHaveProperty('statusCode');
  });

  it('challenges a missing or failed bearer token (401 with WWW-Authenticate)', async () => {
    const none = await http().get(`/concerns/${CONCERN}`).expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="caretrail"');
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
    const forged = await http().get(`/concerns/${CONCERN}`).set(bearer('not-a-token')).expect(401);
    expect(forged.headers['www-authenticate']).toBe('Bearer realm="caretrail", error="invalid_token", error_description="The bearer token is not valid"');
  });

  it('answers a stranger, a broken rule and a stale version as problems with their extension members', async () => {
    const missing = await http().get(`/concerns/${NOWHERE}`).set(COUNCIL).expect(404);
    expect(missing.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: `/concerns/${NOWHERE}` });

    const current = await http().get(`/concerns/${CONCERN}`).set(COUNCIL).expect(200);
    const stale = await http()
      .post(`/concerns/${CONCERN}/comments`)
      .set({ ...COUNCIL, 'If-Match': `"${current.body.version - 1}"` })
      .send({ topic: 'general', text: 'Sent on an old copy' })
      .expect(409);
    expect(stale.body).toMatchObject({ type: 'urn:caretrail:problem:stale-version', title: 'Conflict', status: 409, currentVersion: current.body.version });
    expect(stale.headers.etag).toBeUndefined();

    const future = await http()
      .post(`/concerns/${CONCERN}/comments`)
      .set(COUNCIL)
      .send({ topic: 'general', text: 'From the future', occurredAt: '2999-01-01T10:00:00Z' })
      .expect(422);
    expect(future.body).toMatchObject({
      type: 'urn:caretrail:problem:rule-broken',
      title: 'Unprocessable Entity',
      status: 422,
      rule: 'occurred-at-not-in-future',
    });
  });

  it('says where a command recorded its entry (Location) and the version now (a strong ETag), on the first answer and on a replay', async () => {
    const send = () =>
      http()
        .post(`/concerns/${CONCERN}/comments`)
        .set({ ...COUNCIL, 'Idempotency-Key': 'semantics-1' })
        .send({ topic: 'progress', text: 'Checked on the visit' });
    const first = await send().expect(201);
    expect(first.headers.location).toBe(`/concerns/${CONCERN}`);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    const replay = await send().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.etag).toBe(`"${first.body.version}"`);
    expect(replay.headers.location).toBe(first.headers.location);
  });

  it('replays a refusal kept for an Idempotency-Key as the same problem', async () => {
    const send = () =>
      http()
        .post(`/concerns/${CONCERN}/comments`)
        .set({ ...COUNCIL, 'Idempotency-Key': 'semantics-refused' })
        .send({ topic: 'general', text: 'From the future', occurredAt: '2999-01-01T10:00:00Z' });
    const first = await send().expect(422);
    const replay = await send().expect(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(replay.body).toEqual(first.body);
    expect(replay.body).toMatchObject({ type: 'urn:caretrail:problem:rule-broken', rule: 'occurred-at-not-in-future' });
    const reused = await http()
      .post(`/concerns/${CONCERN}/comments`)
      .set({ ...COUNCIL, 'Idempotency-Key': 'semantics-refused' })
      .send({ topic: 'general', text: 'Another request' })
      .expect(422);
    expect(reused.body).toMatchObject({ type: 'urn:caretrail:problem:idempotency-key', status: 422, rule: 'idempotency-key-reused' });
  });

  it('gives record reads a strong ETag equal to the version, and 304 while it still matches', async () => {
    for (const path of [`/concerns/${CONCERN}`, `/services/${DEMO_IDS.mapleCourt}`, `/contracts/${DEMO_IDS.contract}`, `/organisations/${DEMO_IDS.provider}`]) {
      const read = await http().get(path).set(COUNCIL).expect(200);
      expect({ path, etag: read.headers.etag }).toEqual({ path, etag: `"${read.body.version}"` });
      const again = await http()
        .get(path)
        .set({ ...COUNCIL, 'If-None-Match': read.headers.etag })
        .expect(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(read.headers.etag);
    }
    const before = await http().get(`/concerns/${CONCERN}`).set(COUNCIL).expect(200);
    await http().post(`/concerns/${CONCERN}/comments`).set(COUNCIL).send({ topic: 'general', text: 'One more entry' }).expect(201);
    const after = await http()
      .get(`/concerns/${CONCERN}`)
      .set({ ...COUNCIL, 'If-None-Match': before.headers.etag })
      .expect(200);
    expect(after.headers.etag).toBe(`"${before.body.version + 1}"`);
    // As of a day, the version shown is the last one selected, and the ETag follows it.
    const past = await http().get(`/concerns/${CONCERN}?asOf=2025-04-01`).set(COUNCIL).expect(200);
    expect(past.headers.etag).toBe(`"${past.body.version}"`);
    expect(past.body.version).toBeLessThan(after.body.version);
  });

  it('answers the plural names and the deprecated singular ones alike', async () => {
    const pairs: [string, string, Record<string, string>][] = [
      [`/concerns/${CONCERN}/notifications`, `/concerns/${CONCERN}/notification`, COUNCIL],
      [`/concerns/${CONCERN}/acknowledgements`, `/concerns/${CONCERN}/acknowledgement`, PROVIDER],
      [`/concerns/${CONCERN}/closures`, `/concerns/${CONCERN}/closure`, COUNCIL],
      [`/concerns/${CONCERN}/reopenings`, `/concerns/${CONCERN}/reopening`, COUNCIL],
      [`/concerns/${CONCERN}/action-plan/requests`, `/concerns/${CONCERN}/action-plan/request`, COUNCIL],
      [`/concerns/${CONCERN}/action-plan/versions/1/returns`, `/concerns/${CONCERN}/action-plan/versions/1/return`, COUNCIL],
      [`/concerns/${CONCERN}/action-plan/versions/1/acceptances`, `/concerns/${CONCERN}/action-plan/versions/1/acceptance`, COUNCIL],
      [`/concerns/${CONCERN}/action-plan/actions/${NOWHERE}/verifications`, `/concerns/${CONCERN}/action-plan/actions/${NOWHERE}/verification`, COUNCIL],
      [`/contracts/${DEMO_IDS.contract}/confirmations`, `/contracts/${DEMO_IDS.contract}/confirmation`, PROVIDER],
      [`/contracts/${DEMO_IDS.contract}/endings`, `/contracts/${DEMO_IDS.contract}/ending`, COUNCIL],
      [`/services/${DEMO_IDS.mapleCourt}/managers/${NOWHERE}/departures`, `/services/${DEMO_IDS.mapleCourt}/managers/${NOWHERE}/departure`, PROVIDER],
      [`/services/${DEMO_IDS.mapleCourt}/managers/${NOWHERE}/registrations`, `/services/${DEMO_IDS.mapleCourt}/managers/${NOWHERE}/registration`, PROVIDER],
    ];
    for (const [current, old, who] of pairs) {
      // A field no request has: the route, its access rule and its validation are reached, and nothing is recorded.
      const now = await http().post(current).set(who).send({ notAField: 1 });
      const before = await http().post(old).set(who).send({ notAField: 1 });
      expect({ current, status: now.status, fields: now.body.fields?.map((f: { field: string }) => f.field) }).toEqual({
        current,
        status: 400,
        fields: expect.arrayContaining(['notAField']),
      });
      expect({ old, status: before.status, body: { ...before.body, instance: undefined } }).toEqual({
        old,
        status: 400,
        body: { ...now.body, instance: undefined },
      });
      // The old path says it is deprecated and where to go (RFC 9745, RFC 5829); the current one does not.
      expect({ old, deprecation: before.headers.deprecation, link: before.headers.link }).toEqual({
        old,
        deprecation: '@1796428800',
        link: `<${current}>; rel="successor-version"`,
      });
      expect({ current, deprecation: now.headers.deprecation, link: now.headers.link }).toEqual({ current, deprecation: undefined, link: undefined });
    }
  });
});
