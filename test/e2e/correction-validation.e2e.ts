import { DEMO_IDS } from '@caretrail/demo';
import { concernStream, contractStream, correctableFieldsOf, serviceStream } from '@caretrail/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import fc from 'fast-check';
import request from 'supertest';
import { hostileKey, hostileValue } from '../fuzz/hostile-values';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

/**
 * A correction's changes are held to the rules of the request that recorded the entry it corrects:
 * each bad field is a 400 naming it, nothing is recorded, and the record, its timeline and its
 * dashboard read as before. A valid correction is still recorded and shown.
 */
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const concern = DEMO_IDS.documentationConcern;
const council = 'demo-council-officer';
const manager = 'demo-provider-manager';

describe.each(storesUnderTest())('corrections validated as strictly as the original request on %s', (store) => {
  let t: TestApp;
  let head: number;
  let events: (stream: string) => Promise<RecordedEvent[]>;
  const first = async (stream: string, type: string) => {
    const found = (await events(stream)).find((e) => e.type === type);
    if (!found) throw new Error(`No ${type} in ${stream}`);
    return found;
  };
  const get = (path: string, token = council) =>
    request(t.server as never)
      .get(path)
      .set(auth(token))
      .expect(200);
  const post = (path: string, token: string, body: object) =>
    request(t.server as never)
      .post(path)
      .set(auth(token))
      .send(body);

  beforeAll(async () => {
    t = await startTestApp(store);
    head = await seedDemoStory(t);
    const eventStore = t.app.get<EventStore>(EVENT_STORE);
    events = (stream) => eventStore.readStream(stream);
  });
  afterAll(async () => t?.close());

  /** What a reader sees of the concern: the record, its timeline and the council's dashboard. */
  const readings = async (minPosition: number) => ({
    record: (await get(`/concerns/${concern}`)).body,
    timeline: (await get(`/timelines/concerns/${concern}?minPosition=${minPosition}&limit=1000`)).body.entries,
    dashboard: (await get(`/dashboards/councils/${DEMO_IDS.council}?minPosition=${minPosition}`)).body,
    measures: (await get(`/measures/concerns/${concern}`)).body,
  });

  const cases: [string, string, string, Record<string, unknown>, string][] = [
    ['a period ending that is no date', 'PlanUpdateSubmitted', manager, { periodEnding: 'garbage' }, 'changes.periodEnding'],
    ['a period ending on 30 February', 'PlanUpdateSubmitted', manager, { periodEnding: '2025-02-30' }, 'changes.periodEnding'],
    ['actions that are no list', 'PlanUpdateSubmitted', manager, { actions: 'x' }, 'changes.actions'],
    ['a severity that is an object', 'ConcernRaised', council, { severity: { x: 1 } }, 'changes.severity'],
    ['a billion grace days', 'ActionPlanRequested', council, { graceDays: 1e9 }, 'changes.graceDays'],
    ['a fractional update cadence', 'ActionPlanRequested', council, { updateCadenceDays: 0.0001 }, 'changes.updateCadenceDays'],
    ['an update cadence of 0', 'ActionPlanRequested', council, { updateCadenceDays: 0 }, 'changes.updateCadenceDays'],
    ['a blank summary', 'PlanUpdateSubmitted', manager, { summary: '   ' }, 'changes.summary'],
    ['a null summary', 'ConcernRaised', council, { summary: null }, 'changes.summary'],
    ['evidence without a digest', 'PlanUpdateSubmitted', manager, { evidence: [{ name: 'Audit.pdf', sha256: 'abc' }] }, 'changes.evidence.0.sha256'],
    ['a field the entry does not have', 'ConcernRaised', council, { shoeSize: 9 }, 'changes.shoeSize'],
  ];

  it.each(cases)('refuses %s with 400 naming the field, and loses nothing', async (_what, type, token, changes, field) => {
    const before = await readings(head);
    const streamBefore = await events(concernStream(concern));
    const target = await first(concernStream(concern), type);
    const res = await post(`/concerns/${concern}/corrections`, token, { targetEventId: target.eventId, reason: 'x', changes }).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.detail).toContain(field);
    expect(await events(concernStream(concern))).toEqual(streamBefore);
    expect(await readings(head)).toEqual(before);
  });

  it('names every bad field of one correction at once', async () => {
    const target = await first(concernStream(concern), 'ActionPlanRequested');
    const res = await post(`/concerns/${concern}/corrections`, council, {
      targetEventId: target.eventId,
      reason: 'x',
      changes: { graceDays: -1, dueOn: '2025-13-01' },
    }).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['changes.dueOn', 'changes.graceDays']);
  });

  it('checks a correction of a correction against the entry first corrected', async () => {
    const update = await first(concernStream(concern), 'PlanUpdateSubmitted');
    const made = await post(`/concerns/${concern}/corrections`, manager, {
      targetEventId: update.eventId,
      reason: 'Wording',
      changes: { summary: 'Six care plans reviewed and signed off' },
    }).expect(201);
    const correction = made.body.events[0].eventId;
    const res = await post(`/concerns/${concern}/corrections`, manager, {
      targetEventId: correction,
      reason: 'x',
      changes: { changes: { periodEnding: 'garbage' } },
    }).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['changes.changes.periodEnding']);
  });

  it('refuses the same way on a service and a contract', async () => {
    const appointed = await first(serviceStream(DEMO_IDS.mapleCourt), 'ManagerAppointed');
    const onService = await post(`/services/${DEMO_IDS.mapleCourt}/corrections`, 'demo-provider-ceo', {
      targetEventId: appointed.eventId,
      reason: 'x',
      changes: { startedOn: '2024-02-30', basis: 'forever' },
    }).expect(400);
    expect(onService.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['changes.basis', 'changes.startedOn']);
    const awarded = await first(contractStream(DEMO_IDS.contract), 'ContractAwarded');
    const onContract = await post(`/contracts/${DEMO_IDS.contract}/corrections`, council, {
      targetEventId: awarded.eventId,
      reason: 'x',
      changes: { reference: '   ', endsOn: '2030-01-01' },
    }).expect(400);
    expect(onContract.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['changes.endsOn', 'changes.reference']);
  });

  it("keeps the domain's own rules for a well-formed value: an update's period ends on the plan's cadence", async () => {
    const update = await first(concernStream(concern), 'PlanUpdateSubmitted');
    const res = await post(`/concerns/${concern}/corrections`, manager, {
      targetEventId: update.eventId,
      reason: 'x',
      changes: { periodEnding: '2025-03-06' },
    }).expect(422);
    expect(res.body.rule).toBe('period-ending-on-cadence');
  });

  it('tells someone who did not record the entry no more than before (the domain refuses, 403)', async () => {
    const update = await first(concernStream(concern), 'PlanUpdateSubmitted');
    const res = await post(`/concerns/${concern}/corrections`, council, {
      targetEventId: update.eventId,
      reason: 'x',
      changes: { periodEnding: 'garbage' },
    }).expect(403);
    expect(res.body.rule).toBe('only-recorder-corrects');
  });

  it('still records a valid correction, and the timeline and dashboard move on to show it', async () => {
    const raised = await first(concernStream(concern), 'ConcernRaised');
    const made = await post(`/concerns/${concern}/corrections`, council, {
      targetEventId: raised.eventId,
      reason: 'Severity was red on the day',
      changes: { severity: 'red', summary: 'Daily records incomplete and care plans past review' },
    }).expect(201);
    const after = await readings(made.body.position);
    const original = after.timeline.find((e: { eventId: string }) => e.eventId === raised.eventId);
    expect(original.flags.corrected).toMatchObject({ reasons: ['Severity was red on the day'], changes: { severity: 'red' } });
    expect(after.timeline.map((e: { kind: string }) => e.kind)).toContain('EntryCorrected');
    expect(after.measures).toBeDefined();
  });

  it("the page's correction form shows the field's error on the form, records nothing, and still records a valid correction", async () => {
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const agent = request.agent(t.server as never);
    const signIn = await agent.get('/app/sign-in').expect(200);
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: manager, _csrf: csrfOf(signIn.text) })
      .expect(303);
    const update = (await events(concernStream(concern))).filter((e) => e.type === 'PlanUpdateSubmitted').at(-1)!;
    const path = `/app/concerns/${concern}/correction`;
    const form = await agent.get(`${path}?target=${update.eventId}`).expect(200);
    expect(form.text).toContain('id="changes-periodEnding"');
    const streamBefore = await events(concernStream(concern));
    const send = (periodEnding: string, summary: string) =>
      agent
        .post(path)
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          targetEventId: update.eventId,
          reason: 'Typed wrongly',
          'changes[periodEnding]': periodEnding,
          'changes[summary]': summary,
        });
    const refused = await send('2025-02-30', String(update.data.summary)).expect(400);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('Period ending must be a real calendar date (2025-02-30 does not exist)');
    expect(refused.text).toContain('href="#changes-periodEnding"');
    expect(await events(concernStream(concern))).toEqual(streamBefore);
    const offCadence = await send('2025-04-22', String(update.data.summary)).expect(422);
    expect(offCadence.text).toContain('href="#changes-periodEnding"');
    expect(offCadence.text).toMatch(/periodEnding 2025-04-22 is not the end of an update period/);
    await send(String(update.data.periodEnding), 'Training delivered to all 14 support staff').expect(303);
    const after = await events(concernStream(concern));
    expect(after.slice(0, streamBefore.length)).toEqual(streamBefore);
    expect(after.at(-1)).toMatchObject({
      type: 'EntryCorrected',
      data: { targetEventId: update.eventId, changes: { summary: 'Training delivered to all 14 support staff' } },
    });
  });

  it('never answers 5xx to hostile changes of any entry, records nothing on a 4xx, and a recorded correction never stalls the reads', async () => {
    const stream = concernStream(concern);
    const targets = (await events(stream)).filter((e) => e.type !== 'EntryCorrected' && e.type !== 'EntryRetracted');
    const tokenFor = (e: RecordedEvent) => (e.actor.organisationId === DEMO_IDS.council ? council : manager);
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.array(fc.tuple(fc.oneof(fc.nat(), hostileKey), hostileValue), { minLength: 1, maxLength: 3 }),
        async (target, picks) => {
          const fields = correctableFieldsOf(target.type);
          const changes = Object.fromEntries(
            picks.map(([key, value]) => [typeof key === 'number' && fields.length > 0 ? fields[key % fields.length] : String(key), value]),
          );
          const before = (await events(stream)).length;
          const res = await post(`/concerns/${concern}/corrections`, tokenFor(target), { targetEventId: target.eventId, reason: 'x', changes });
          const after = (await events(stream)).length;
          if (res.status >= 500) failures.push(`${target.type} ${JSON.stringify(changes).slice(0, 200)}: ${res.status}`);
          if (res.status >= 400 && after !== before) failures.push(`${target.type}: ${res.status} but the record grew`);
          if (res.status === 201) {
            // The reads reach the correction's position: no projection stops at it.
            await get(`/timelines/concerns/${concern}?minPosition=${res.body.position}&limit=1000`);
            await get(`/dashboards/councils/${DEMO_IDS.council}?minPosition=${res.body.position}`);
            await get(`/measures/concerns/${concern}`);
          }
        },
      ),
      { numRuns: 60, seed: 20261205 },
    );
    expect(failures).toEqual([]);
  });

  it('refuses a review meeting without attendees and an organisation named only spaces, naming the field', async () => {
    const meeting = await post(`/concerns/${concern}/review-meetings`, council, {
      heldOn: '2025-03-10',
      attendees: [],
      decisions: ['Weekly updates continue'],
    }).expect(400);
    expect(meeting.body.fields.map((f: { field: string }) => f.field)).toEqual(['attendees']);
    const blankAttendee = await post(`/concerns/${concern}/review-meetings`, council, {
      heldOn: '2025-03-10',
      attendees: ['  '],
      decisions: ['Weekly updates continue'],
    }).expect(400);
    expect(blankAttendee.body.fields.map((f: { field: string }) => f.field)).toEqual(['attendees']);
    const organisation = await post('/organisations', 'demo-admin', { kind: 'provider', name: '   ' }).expect(400);
    expect(organisation.body.fields.map((f: { field: string }) => f.field)).toEqual(['name']);
  });
});
