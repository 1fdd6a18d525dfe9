import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { EVENT_STORE, type Actor, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import {
  ProjectionHost,
  ProjectionRunner,
  careTrailProjections,
  findCheckpoint,
  readTimeline,
  rebuildProjections,
  scopeEventsProjection,
  timelineProjection,
  type Projection,
} from '@caretrail/projections';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { CareHistory, CONTRACTS, dateOf, day, managerOf, officerOf } from './support/care-history';
import { kindsUnderTest, openHarness, type Harness } from './support/projection-harness';

/**
 * Defence in depth against an event a projection cannot apply (issue 10): such an event is already in
 * the store (an old store, an import, a bug; the domain refusing it now changes nothing for those), so
 * these tests append it straight to the store, below every rule.
 */

/** A correction whose change is a date that is no date: what stalled every party's views. */
function garbageCorrection(target: RecordedEvent, occurredAt: string) {
  return {
    eventId: randomUUID(),
    type: 'EntryCorrected',
    schemaVersion: 1,
    data: { targetEventId: target.eventId, targetType: target.type, reason: 'Wrong week', changes: { periodEnding: 'garbage' } },
    occurredAt,
    actor: target.actor,
    correlationId: randomUUID(),
    causationId: null,
    commandId: null,
  };
}

/** Plan version 1 (one action) submitted and accepted, so weekly updates count towards the measures and dashboards. */
async function planAccepted(history: CareHistory, concernId: string, council: Actor, provider: Actor): Promise<void> {
  const actions = [
    { actionId: `${concernId}-a1`, description: 'Audit the care plans', owner: 'Registered manager', dueOn: dateOf(30), measure: 'All audited' },
  ];
  await history.append(`concern-${concernId}`, 'ActionPlanSubmitted', { concernId, version: 1, actions, summary: 'Plan v1' }, day(3), provider);
  await history.append(`concern-${concernId}`, 'ActionPlanAccepted', { concernId, version: 1 }, day(4), council);
}

const made: ProjectionRunner[] = [];
const hosts: ProjectionHost[] = [];

async function activeScopeEvents(h: Harness): Promise<string[]> {
  const active = await findCheckpoint(h.read.db, 'scope-events', 'active');
  const rows = await h.read.db.selectFrom('scope_events').select('event_id').where('generation', '=', active!.generation).orderBy('global_position').execute();
  return rows.map((r) => r.event_id);
}

describe.each(kindsUnderTest())('projection faults in the runner on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await Promise.all([...made.splice(0).map((r) => r.stop()), ...hosts.splice(0).map((x) => x.stop())]);
    await h.close();
  });

  it('records an event it cannot apply, moves past it, keeps the fault across a restart, and a rebuild retries it', async () => {
    const history = new CareHistory(h.store);
    await history.world();
    const [contract] = CONTRACTS;
    const place = { serviceId: 'service-a', providerId: contract.providerId, councilId: contract.councilId, contractId: contract.contractId };
    const poisoned = await history.concern('c1', place, day(1));
    await history.concern('c2', place, day(2));
    let broken = true;
    const projection: Projection = {
      ...scopeEventsProjection,
      async apply(trx, events, context) {
        if (broken && events.some((e) => e.eventId === poisoned.eventId)) throw new Error(`no row can be made of ${poisoned.eventId}`);
        await scopeEventsProjection.apply(trx, events, context);
      },
    };
    const options = { store: h.store, db: h.read.db, dialect: h.read.dialect, projection, pageSize: 4, pollIntervalMs: 20, maxRetryDelayMs: 40 };
    const runner = new ProjectionRunner(options);
    made.push(runner);
    await runner.start();
    const head = await h.store.headPosition();
    await runner.waitFor(head, 30_000);

    const status = await runner.status();
    expect(status).toMatchObject({ position: head, lagPositions: 0, faultCount: 1 });
    expect(status.faults).toEqual([
      expect.objectContaining({
        projection: 'scope-events',
        kind: 'skipped',
        globalPosition: poisoned.globalPosition,
        eventId: poisoned.eventId,
        eventType: 'ConcernRaised',
        streamId: 'concern-c1',
        error: `no row can be made of ${poisoned.eventId}`,
      }),
    ]);
    // Every other event is in the model, the later concern's included.
    expect(await activeScopeEvents(h)).toEqual(history.recorded.filter((e) => e !== poisoned).map((e) => e.eventId));

    // Kept in the read database: a restarted process still shows it.
    await runner.stop();
    await h.restart();
    const restarted = new ProjectionRunner({ ...options, store: h.store, db: h.read.db });
    made.push(restarted);
    expect((await restarted.status()).faults.map((f) => f.eventId)).toEqual([poisoned.eventId]);

    // Fixed (a new version of the code, say): a rebuild applies it, and the fault is gone with the old generation.
    broken = false;
    await restarted.rebuild();
    expect(await restarted.status()).toMatchObject({ faultCount: 0, faults: [], position: head });
    expect(await activeScopeEvents(h)).toEqual(history.recorded.map((e) => e.eventId));
    expect(await h.read.db.selectFrom('projection_faults').selectAll().execute()).toEqual([]);
  });

  it('a rebuild of several together goes on past an event one of them cannot apply: that one records it as a fault, the others build every event', async () => {
    const history = new CareHistory(h.store);
    await history.world();
    const [contract] = CONTRACTS;
    const place = { serviceId: 'service-a', providerId: contract.providerId, councilId: contract.councilId, contractId: contract.contractId };
    const poisoned = await history.concern('c1', place, day(1));
    await history.concern('c2', place, day(2));
    const failing: Projection = {
      ...scopeEventsProjection,
      async apply(trx, events, context) {
        if (events.some((e) => e.eventId === poisoned.eventId)) throw new Error(`no row can be made of ${poisoned.eventId}`);
        await scopeEventsProjection.apply(trx, events, context);
      },
    };
    const timeline = timelineProjection(h.store);
    const head = await h.store.headPosition();
    const done = await rebuildProjections({
      store: h.store,
      db: h.read.db,
      dialect: h.read.dialect,
      projections: [failing, timeline],
      now: () => new Date(),
      pageSize: 4,
      maxBatchSize: 16,
    });
    expect(done.map((d) => [d.projection, d.phase, d.position])).toEqual([
      ['scope-events', 'done', head],
      ['timeline', 'done', head],
    ]);
    const scopeStatus = await new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection: failing }).status();
    expect(scopeStatus.faults.map((f) => [f.kind, f.eventId])).toEqual([['skipped', poisoned.eventId]]);
    expect(await activeScopeEvents(h)).toEqual(history.recorded.filter((e) => e !== poisoned).map((e) => e.eventId));
    const timelineStatus = await new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection: timeline }).status();
    expect(timelineStatus).toMatchObject({ position: head, faultCount: 0 });
    const c1 = await readTimeline(h.read.db, { kind: 'concern', concernId: 'c1' });
    expect(c1.entries.map((e) => e.eventId)).toContain(poisoned.eventId);
  });

  it('keeps the timeline and dashboards going past a correction they cannot read, and says so on the entry', async () => {
    const history = new CareHistory(h.store);
    await history.world();
    const [contract] = CONTRACTS;
    const place = { serviceId: 'service-a', providerId: contract.providerId, councilId: contract.councilId, contractId: contract.contractId };
    await history.concern('c1', place, day(1));
    await history.append(
      'concern-c1',
      'ActionPlanRequested',
      { concernId: 'c1', dueOn: dateOf(10), updateCadenceDays: 7, graceDays: 2 },
      day(2),
      officerOf(place.councilId),
    );
    await planAccepted(history, 'c1', officerOf(place.councilId), managerOf(place.providerId));
    const update = await history.append(
      'concern-c1',
      'PlanUpdateSubmitted',
      { concernId: 'c1', planVersion: 1, periodEnding: dateOf(9), actions: [], evidence: [], summary: 'Week one' },
      day(9),
      managerOf(place.providerId),
    );
    const [poison] = (await h.store.append('concern-c1', [garbageCorrection(update, day(10))], 'any')).events;
    const laterComment = await history.append(
      'concern-c1',
      'CommentRecorded',
      { commentId: 'k1', party: 'provider', topic: 'context', text: 'Still here' },
      day(11),
      managerOf(place.providerId),
    );
    await history.concern('c2', { ...place, serviceId: 'service-b' }, day(12));

    const host = new ProjectionHost({
      store: h.store,
      db: h.read.db,
      dialect: h.read.dialect,
      projections: careTrailProjections(h.store),
      pollIntervalMs: 20,
      maxRetryDelayMs: 40,
    });
    hosts.push(host);
    await host.start();
    const head = await h.store.headPosition();
    await host.waitFor(head, 30_000);

    const statuses = await host.status();
    for (const s of statuses) expect(s).toMatchObject({ position: head, lagPositions: 0 });
    const faultsOf = (name: string) => statuses.find((s) => s.name === name)!.faults;
    for (const name of ['timeline', 'dashboard']) {
      expect(faultsOf(name)).toEqual([
        expect.objectContaining({
          kind: 'unreadable',
          eventId: poison.eventId,
          globalPosition: poison.globalPosition,
          error: expect.stringContaining('garbage'),
        }),
      ]);
    }
    expect(faultsOf('scope-events')).toEqual([]);

    const c1 = (await readTimeline(h.read.db, { kind: 'concern', concernId: 'c1' }, { limit: 100 })).entries;
    expect(c1.map((e) => e.eventId)).toEqual(expect.arrayContaining([update.eventId, poison.eventId, laterComment.eventId]));
    const marked = c1.find((e) => e.eventId === poison.eventId)!;
    expect(marked).toMatchObject({ kind: 'EntryCorrected', summary: 'The correction could not be read', flags: { unreadable: true } });
    // The bad correction is not applied to its target, which reads as recorded.
    expect(c1.find((e) => e.eventId === update.eventId)!.flags).toMatchObject({ corrected: null });
    expect(c1.find((e) => e.eventId === update.eventId)!.flags.unreadable).toBeUndefined();
    expect((await readTimeline(h.read.db, { kind: 'concern', concernId: 'c2' })).entries.map((e) => e.kind)).toEqual(['ConcernRaised']);

    const generation = (await findCheckpoint(h.read.db, 'dashboard', 'active'))!.generation;
    const summaries = await h.read.db
      .selectFrom('concern_summaries')
      .select(['concern_id', 'last_period_ending'])
      .where('generation', '=', generation)
      .orderBy('concern_id')
      .execute();
    expect(summaries).toEqual([
      { concern_id: 'c1', last_period_ending: dateOf(9) },
      { concern_id: 'c2', last_period_ending: null },
    ]);
  });
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe.each(storesUnderTest())('an unreadable correction in the store, over HTTP on %s', (kind) => {
  let t: TestApp;
  let store: EventStore;
  let head: number;
  let poison: RecordedEvent;
  let update: RecordedEvent;
  const concern = randomUUID();
  const otherConcern = randomUUID();
  const { council, provider, regulator, mapleCourt: service, contract } = DEMO_IDS;
  const get = (path: string, token: string) =>
    request(t.server as never)
      .get(path)
      .set(auth(token));

  beforeAll(async () => {
    t = await startTestApp(kind);
    store = t.app.get<EventStore>(EVENT_STORE);
    const history = new CareHistory(store);
    const councilOfficer = officerOf(council);
    const manager = managerOf(provider);
    await history.append(
      `organisation-${council}`,
      'OrganisationRegistered',
      { organisationId: council, kind: 'council', name: 'Northshire County Council' },
      day(0),
      { userId: 'admin', organisationId: 'caretrail', role: 'admin' },
    );
    await history.append(
      `organisation-${provider}`,
      'OrganisationRegistered',
      { organisationId: provider, kind: 'provider', name: 'Hollybank Support Trust' },
      day(0),
      { userId: 'admin', organisationId: 'caretrail', role: 'admin' },
    );
    await history.append(
      `organisation-${regulator}`,
      'OrganisationRegistered',
      { organisationId: regulator, kind: 'regulator', name: 'Care Quality Commission' },
      day(0),
      { userId: 'admin', organisationId: 'caretrail', role: 'admin' },
    );
    await history.service(service, provider);
    await history.contract(contract, council, provider, [service]);
    await history.append(
      `contract-${contract}`,
      'ContractConfirmed' as never,
      { contractId: contract, councilId: council, providerId: provider, serviceIds: [service], confirmedBy: 'provider', signedContract: null } as never,
      day(0),
      manager,
    );
    const place = { serviceId: service, providerId: provider, councilId: council, contractId: contract };
    await history.concern(concern, place, day(1));
    await history.append(
      `concern-${concern}`,
      'ActionPlanRequested',
      { concernId: concern, dueOn: dateOf(10), updateCadenceDays: 7, graceDays: 2 },
      day(2),
      councilOfficer,
    );
    await planAccepted(history, concern, councilOfficer, manager);
    update = await history.append(
      `concern-${concern}`,
      'PlanUpdateSubmitted',
      { concernId: concern, planVersion: 1, periodEnding: dateOf(9), actions: [], evidence: [], summary: 'Week one' },
      day(9),
      manager,
    );
    [poison] = (await store.append(`concern-${concern}`, [garbageCorrection(update, day(10))], 'any')).events;
    // Written after it: another provider-side entry on the same concern, and another concern.
    await history.append(
      `concern-${concern}`,
      'CommentRecorded',
      { commentId: randomUUID(), party: 'provider', topic: 'context', text: 'Still answering' },
      day(11),
      manager,
    );
    const later = await history.concern(otherConcern, place, day(12));
    head = later.globalPosition;
  });
  afterAll(async () => t?.close());

  it('serves every scope with 2xx, the later writes included, and marks the entry it cannot read', async () => {
    const timeline = await get(`/timelines/concerns/${concern}?minPosition=${head}&limit=100`, 'demo-council-officer').expect(200);
    const kinds = timeline.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'ConcernRaised',
      'ActionPlanRequested',
      'ActionPlanSubmitted',
      'ActionPlanAccepted',
      'PlanUpdateSubmitted',
      'EntryCorrected',
      'CommentRecorded',
    ]);
    expect(timeline.body.entries[5]).toMatchObject({ eventId: poison.eventId, summary: 'The correction could not be read', flags: { unreadable: true } });
    // The provider's own later write reaches its timeline (it stalled before, 503 on minPosition).
    const mine = await get(`/timelines/concerns/${otherConcern}?minPosition=${head}`, 'demo-provider-manager').expect(200);
    expect(mine.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['ConcernRaised']);

    for (const [path, token] of [
      [`/timelines/services/${service}?minPosition=${head}`, 'demo-council-officer'],
      [`/timelines/providers/${provider}?minPosition=${head}`, 'demo-provider-ceo'],
      [`/timelines/councils/${council}?minPosition=${head}`, 'demo-council-officer'],
      [`/timelines/concerns/${concern}?asOf=${dateOf(20)}&basis=occurred`, 'demo-regulator'],
      [`/concerns/${concern}`, 'demo-council-officer'],
      [`/dashboards/providers/${provider}?minPosition=${head}`, 'demo-provider-ceo'],
    ] as const) {
      await get(path, token).expect(200);
    }
    const dashboard = await get(`/dashboards/councils/${council}?minPosition=${head}`, 'demo-council-officer').expect(200);
    expect(JSON.stringify(dashboard.body)).toContain(otherConcern);

    for (const scope of [`concerns/${concern}`, `services/${service}`, `providers/${provider}`, `councils/${council}`]) {
      const measures = await get(`/measures/${scope}?minPosition=${head}`, 'demo-regulator').expect(200);
      expect(measures.body.unreadableEventIds).toEqual([poison.eventId]);
    }

    const { verifyBundleText } = await import('@caretrail/evidence');
    const key = await get('/evidence/public-key', 'demo-regulator').expect(200);
    for (const scope of [`concerns/${concern}`, `services/${service}`, `providers/${provider}`]) {
      const bundle = await get(`/evidence/${scope}`, 'demo-regulator').expect(200);
      // The offline check recomputes the timeline and measures the same way: the same event is left out.
      expect(verifyBundleText(bundle.text, { fingerprint: key.body.keyFingerprint }).problems).toEqual([]);
    }
  });

  it('serves the case file, the service page and the dashboard page', async () => {
    const signIn = async (token: string) => {
      const agent = request.agent(t.server as never);
      const form = await agent.get('/app/sign-in').expect(200);
      await agent
        .post('/app/sign-in')
        .type('form')
        .send({ identity: token, _csrf: csrfOf(form.text) })
        .expect(303);
      return agent;
    };
    const officer = await signIn('demo-council-officer');
    const caseFile = await officer.get(`/app/concerns/${concern}`).expect(200);
    expect(caseFile.text).toContain('Update cadence');
    const timeline = await officer.get(`/app/concerns/${concern}/timeline`).expect(200);
    expect(timeline.text).toContain('The correction could not be read');
    await officer.get(`/app/services/${service}`).expect(200);
    await officer.get('/app/dashboard').expect(200);
    const inspector = await signIn('demo-regulator');
    await inspector.get(`/app/concerns/${concern}`).expect(200);
  });

  it('says degraded on /health: the status to everyone, what and where only to an administrator', async () => {
    const everyone = await request(t.server as never)
      .get('/health')
      .expect(200);
    expect(everyone.body.status).toBe('degraded');
    expect(everyone.body.projections.find((p: { name: string }) => p.name === 'timeline')).toMatchObject({ status: 'degraded', lagPositions: 0 });
    for (const leak of ['garbage', poison.eventId, 'faults', 'lastError']) expect(everyone.text).not.toContain(leak);
    // A token that is not an administrator's (or not a token at all) gets the same public answer.
    for (const token of ['demo-council-officer', 'not-a-token']) {
      const other = await get('/health', token).expect(200);
      expect(other.text).not.toContain(poison.eventId);
    }

    const admin = await get('/health', 'demo-admin').expect(200);
    expect(admin.body.status).toBe('degraded');
    const timeline = admin.body.projections.find((p: { name: string }) => p.name === 'timeline');
    expect(timeline.faults).toEqual([
      expect.objectContaining({
        projection: 'timeline',
        kind: 'unreadable',
        position: poison.globalPosition,
        eventId: poison.eventId,
        error: expect.stringContaining('garbage is not a calendar date'),
      }),
    ]);
    expect(timeline.faultCount).toBe(1);
  });

  it('lists the faults at /admin/projections, for administrators only', async () => {
    const listed = await get('/admin/projections', 'demo-admin').expect(200);
    const byName = Object.fromEntries(listed.body.projections.map((p: { name: string }) => [p.name, p]));
    for (const name of ['timeline', 'dashboard']) {
      expect(byName[name]).toMatchObject({
        lagPositions: 0,
        faultCount: 1,
        faults: [expect.objectContaining({ eventId: poison.eventId, globalPosition: poison.globalPosition })],
      });
    }
    expect(byName['scope-events']).toMatchObject({ faultCount: 0, faults: [] });
    await get('/admin/projections', 'demo-council-officer').expect(403);
  });
});
