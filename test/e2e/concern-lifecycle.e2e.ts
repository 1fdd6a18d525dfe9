import request from 'supertest';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const ADMIN = auth('demo-admin');
const COUNCIL = auth('demo-council-officer');
const OTHER_COUNCIL = auth('demo-other-council');
const PROVIDER = auth('demo-provider-manager');
const OTHER_PROVIDER = auth('demo-other-provider');
const REGULATOR = auth('demo-regulator');

// The demo identities' organisations; the test registers them itself on an empty store.
const COUNCIL_ID = '01900000-0000-7000-8000-000000000001';
const OTHER_COUNCIL_ID = '01900000-0000-7000-8000-000000000002';
const PROVIDER_ID = '01900000-0000-7000-8000-000000000003';
const OTHER_PROVIDER_ID = '01900000-0000-7000-8000-000000000004';
const REGULATOR_ID = '01900000-0000-7000-8000-000000000005';

describe.each(storesUnderTest())('a concern lifecycle over HTTP on %s', (store) => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  const post = (path: string, headers: Record<string, string>, body: object, status: number) =>
    request(t.server as never)
      .post(path)
      .set(headers)
      .send(body)
      .expect(status);

  beforeAll(async () => {
    t = await startTestApp(store);
    http = request(t.server as never);
    void http;
    // Organisations are registered by an administrator; the demo tokens name these ids.
    const { app } = t;
    const { CommandExecutor } = await import('@caretrail/application');
    const executor = app.get(CommandExecutor);
    const admin = { userId: 'u-admin', organisationId: 'caretrail', organisationKind: 'admin' as const, role: 'admin' as const };
    for (const [organisationId, organisationKind, name] of [
      [COUNCIL_ID, 'council', 'Northshire County Council'],
      [OTHER_COUNCIL_ID, 'council', 'Eastvale Borough Council'],
      [PROVIDER_ID, 'provider', 'Hollybank Support Trust'],
      [OTHER_PROVIDER_ID, 'provider', 'Kestrel Homecare Ltd'],
      [REGULATOR_ID, 'regulator', 'Care Quality Commission'],
    ] as const) {
      await executor.execute(
        { kind: 'RegisterOrganisation', organisationId, organisationKind, name, occurredAt: '2024-01-01T09:00:00.000Z' },
        { actor: admin, commandId: organisationId, correlationId: organisationId, causationId: null },
      );
    }
  });

  afterAll(async () => t?.close());

  it('answers 401 without a token and with an unknown one', async () => {
    await request(t.server as never)
      .get(`/organisations/${COUNCIL_ID}`)
      .expect(401);
    await request(t.server as never)
      .get(`/organisations/${COUNCIL_ID}`)
      .set(auth('nope'))
      .expect(401);
  });

  it('serves the OpenAPI document at /docs', async () => {
    const doc = await request(t.server as never)
      .get('/docs/openapi.json')
      .expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/concerns', '/concerns/{concernId}/action-plan/updates']));
  });

  it('runs a whole concern: raise, notify, acknowledge, plan returned then accepted, update, verify, close, reopen', async () => {
    const service = await post(
      '/services',
      PROVIDER,
      { providerId: PROVIDER_ID, name: 'Maple Court', serviceType: 'supported_living', regulator: 'CQC', occurredAt: '2024-01-02T10:00:00Z' },
      201,
    );
    const serviceId = service.body.id as string;
    expect(service.body).toMatchObject({ recordType: 'service', version: 1 });
    expect(service.headers.etag).toBe('"1"');

    const contract = await post(
      '/contracts',
      COUNCIL,
      {
        providerId: PROVIDER_ID,
        serviceIds: [serviceId],
        reference: 'NCC-1',
        startsOn: '2024-04-01',
        endsOn: '2027-03-31',
        occurredAt: '2024-03-15T10:00:00Z',
      },
      201,
    );
    const contractId = contract.body.id as string;
    // The award gives the council rights once the provider confirms it (docs/contracts.md).
    await post(`/contracts/${contractId}/confirmation`, PROVIDER, { occurredAt: '2024-03-18T10:00:00Z' }, 201);

    // 400 names each bad field, and records nothing.
    const bad = await post(
      '/concerns',
      COUNCIL,
      { serviceId: 'not-a-uuid', contractId, category: 'nonsense', severity: 'amber', source: 'monitoring_visit', summary: ' ', extra: 1 },
      400,
    );
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'extra', 'serviceId', 'summary']);

    // 403: a council without this contract cannot raise a concern under it.
    const raiseBody = {
      serviceId,
      contractId,
      category: 'documentation',
      severity: 'amber',
      source: 'monitoring_visit',
      summary: 'Records lapsed after manager changes',
      occurredAt: '2025-02-03T09:30:00Z',
    };
    const forbidden = await post('/concerns', OTHER_COUNCIL, raiseBody, 403);
    expect(forbidden.body.rule).toEqual(expect.any(String));

    // 404: an unknown service.
    await post('/concerns', COUNCIL, { ...raiseBody, serviceId: '01900000-0000-7000-8000-00000000ffff' }, 404);

    // Idempotency-Key: the repeat gets the first answer again and records nothing more.
    const raised = await request(t.server as never)
      .post('/concerns')
      .set(COUNCIL)
      .set('Idempotency-Key', 'raise-1')
      .send(raiseBody)
      .expect(201);
    const again = await request(t.server as never)
      .post('/concerns')
      .set(COUNCIL)
      .set('Idempotency-Key', 'raise-1')
      .send(raiseBody)
      .expect(201);
    expect(again.body).toEqual(raised.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const concernId = raised.body.id as string;
    const c = (path = '') => `/concerns/${concernId}${path}`;

    await post(c('/notification'), COUNCIL, { method: 'email', occurredAt: '2025-02-03T10:00:00Z' }, 201);
    // 404: another provider has no relation to the concern, so it is told it is not there (a 403 would
    // tell a stranger the id exists); it can neither acknowledge nor read it.
    await post(c('/acknowledgement'), OTHER_PROVIDER, { occurredAt: '2025-02-05T11:00:00Z' }, 404);
    await request(t.server as never)
      .get(c())
      .set(OTHER_PROVIDER)
      .expect(404);
    await post(c('/acknowledgement'), PROVIDER, { note: 'Received', occurredAt: '2025-02-05T11:00:00Z' }, 201);
    // 422 names the broken rule: a second acknowledgement.
    const twice = await post(c('/acknowledgement'), PROVIDER, { occurredAt: '2025-02-05T12:00:00Z' }, 422);
    expect(twice.body.rule).toEqual(expect.any(String));

    // 422: an update on a plan that is not accepted.
    await post(c('/action-plan/request'), COUNCIL, { dueOn: '2025-02-17', updateCadenceDays: 7, graceDays: 2, occurredAt: '2025-02-03T10:05:00Z' }, 201);
    const early = await post(
      c('/action-plan/updates'),
      PROVIDER,
      { periodEnding: '2025-03-05', actions: [], evidence: [], summary: 'Too soon', occurredAt: '2025-02-10T10:00:00Z' },
      422,
    );
    expect(early.body.rule).toMatch(/accepted/);

    const action = { description: 'Audit every care plan', owner: 'Registered manager', dueOn: '2025-03-28', measure: '18 of 18 in date' };
    await post(c('/action-plan/versions'), PROVIDER, { version: 1, actions: [action], summary: 'v1', occurredAt: '2025-02-14T15:00:00Z' }, 201);
    // 422: returning needs reasons (validation says at least one).
    await post(c('/action-plan/versions/1/return'), COUNCIL, { reasons: [], occurredAt: '2025-02-19T12:00:00Z' }, 400);
    await post(c('/action-plan/versions/1/return'), COUNCIL, { reasons: ['Outcomes must be measurable'], occurredAt: '2025-02-19T12:00:00Z' }, 201);
    await post(c('/action-plan/versions'), PROVIDER, { version: 2, actions: [action], summary: 'v2', occurredAt: '2025-02-24T16:00:00Z' }, 201);

    // 409: a stale If-Match is refused with the current version in the body.
    const current = await request(t.server as never)
      .get(c())
      .set(COUNCIL)
      .expect(200);
    const stale = await request(t.server as never)
      .post(c('/action-plan/versions/2/acceptance'))
      .set(COUNCIL)
      .set('If-Match', `"${current.body.version - 1}"`)
      .send({ occurredAt: '2025-02-26T11:00:00Z' })
      .expect(409);
    expect(stale.body.currentVersion).toBe(current.body.version);
    await request(t.server as never)
      .post(c('/action-plan/versions/2/acceptance'))
      .set(COUNCIL)
      .set('If-Match', `"${current.body.version}"`)
      .send({ occurredAt: '2025-02-26T11:00:00Z' })
      .expect(201);

    const afterAccept = await request(t.server as never)
      .get(c())
      .set(PROVIDER)
      .expect(200);
    const actionId = Object.keys(afterAccept.body.plan.actions ?? {})[0] ?? afterAccept.body.plan.versions[1].actions[0].actionId;
    await post(
      c('/action-plan/updates'),
      PROVIDER,
      {
        periodEnding: '2025-03-05',
        actions: [{ actionId, status: 'in_progress', note: '6 of 18' }],
        evidence: [],
        summary: 'Week one',
        occurredAt: '2025-03-05T16:00:00Z',
      },
      201,
    );
    const second = await post(
      c('/action-plan/updates'),
      PROVIDER,
      { periodEnding: '2025-03-05', actions: [], evidence: [], summary: 'Again', occurredAt: '2025-03-06T16:00:00Z' },
      422,
    );
    expect(second.body.rule).toBe('one-update-per-period');

    // Closing with unverified actions needs an override reason.
    const closeEarly = await post(c('/closure'), COUNCIL, { outcome: 'Done', occurredAt: '2025-03-10T10:00:00Z' }, 422);
    expect(closeEarly.body.rule).toBe('close-with-unverified-actions-needs-override');

    await post(
      c(`/action-plan/actions/${actionId}/completion-claims`),
      PROVIDER,
      { note: 'All reviewed', evidence: [{ name: 'audit.pdf', sha256: 'a'.repeat(64) }], occurredAt: '2025-03-26T15:00:00Z' },
      201,
    );
    await post(c(`/action-plan/actions/${actionId}/verification`), COUNCIL, { note: 'Sampled six', occurredAt: '2025-03-27T14:00:00Z' }, 201);
    await post(c('/comments'), PROVIDER, { topic: 'proportionality', text: 'Residents are happy; we update weekly.', occurredAt: '2025-03-20T09:00:00Z' }, 201);
    await post(c('/closure'), COUNCIL, { outcome: 'Records complete at re-audit', occurredAt: '2025-05-07T10:00:00Z' }, 201);
    await post(c('/reopening'), COUNCIL, { reason: 'Records lapsed again', occurredAt: '2025-06-02T10:00:00Z' }, 201);

    const finalView = await request(t.server as never)
      .get(c())
      .set(REGULATOR)
      .expect(200);
    expect(finalView.body).toMatchObject({ id: concernId, serviceId, providerId: PROVIDER_ID, councilId: COUNCIL_ID, contractId });
    expect(finalView.body.plan.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'accepted'],
    ]);
    expect(finalView.body.closures).toHaveLength(1);
    expect(finalView.body.reopenings).toHaveLength(1);
  });

  it('refuses a future occurredAt with the rule named', async () => {
    const res = await post(
      '/services',
      PROVIDER,
      { providerId: PROVIDER_ID, name: 'Future House', serviceType: 'residential_home', regulator: 'CQC', occurredAt: '2999-01-01T00:00:00Z' },
      422,
    );
    expect(res.body.rule).toBe('occurred-at-not-in-future');
  });

  it('answers 404 for an unknown concern', async () => {
    await request(t.server as never)
      .get('/concerns/01900000-0000-7000-8000-00000000beef')
      .set(COUNCIL)
      .expect(404);
  });
});
