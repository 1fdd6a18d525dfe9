import {
  ProjectionRunner,
  loadScopeEvents,
  readTimeline,
  readTimelineEntry,
  scopeEventsProjection,
  timelineProjection,
  type RecordScope,
} from '@caretrail/projections';
import type { RecordedEvent } from '@caretrail/event-store';
import { CareHistory, dateOf, day, managerOf, officerOf } from './support/care-history';
import { kindsUnderTest, openHarness, type Harness } from './support/projection-harness';

describe.each(kindsUnderTest())('timeline read model on %s', (kind) => {
  let h: Harness;
  let history: CareHistory;
  let runner: ProjectionRunner;
  let raised: RecordedEvent;
  let v1: RecordedEvent;
  const ids = async (scope: RecordScope, query = {}) => (await readTimeline(h.read.db, scope, query)).entries.map((e) => e.eventId);
  const byId = (id: string) => readTimelineEntry(h.read.db, id);

  beforeAll(async () => {
    h = await openHarness(kind);
    history = new CareHistory(h.store);
    await history.world();
    const council = officerOf('council-1');
    const provider = managerOf('provider-1');
    raised = await history.concern('c1', { serviceId: 'service-a', providerId: 'provider-1', councilId: 'council-1', contractId: 'contract-1' }, day(2));
    await history.append('concern-c1', 'ActionPlanRequested', { concernId: 'c1', dueOn: dateOf(16), updateCadenceDays: 7, graceDays: 2 }, day(2), council);
    const actions = [{ actionId: 'a1', description: 'Audit care records', owner: 'RM', dueOn: dateOf(20), measure: 'Audit' }];
    v1 = await history.append('concern-c1', 'ActionPlanSubmitted', { concernId: 'c1', version: 1, summary: 'v1', actions }, day(4), provider);
    await history.append('concern-c1', 'ActionPlanAccepted', { concernId: 'c1', version: 1 }, day(5), council);
    await history.concern('c2', { serviceId: 'service-b', providerId: 'provider-1', councilId: 'council-2', contractId: 'contract-2' }, day(3));
    runner = new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection: timelineProjection(h.store), pageSize: 3 });
    await runner.catchUp();
    await new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection: scopeEventsProjection }).catchUp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps one entry per event with its scope, party, kind and category', async () => {
    const entry = await byId(raised.eventId);
    expect(entry).toMatchObject({ eventId: raised.eventId, party: 'council', kind: 'ConcernRaised', category: 'documentation', occurredOn: dateOf(2) });
    expect(entry?.links).toMatchObject({ concernId: 'c1', serviceId: 'service-a', providerId: 'provider-1', councilId: 'council-1' });
    expect(await ids({ kind: 'concern', concernId: 'c1' })).toHaveLength(4);
    expect((await byId(v1.eventId))?.party).toBe('provider');
  });

  it("gives a council its portfolio: its concerns and contracts and its services' own records, not another council's concerns", async () => {
    const council1 = await readTimeline(h.read.db, { kind: 'council', councilId: 'council-1' });
    const streams = new Set(council1.entries.map((e) => e.streamId));
    expect([...streams].sort()).toEqual(['concern-c1', 'contract-contract-1', 'organisation-council-1', 'service-service-a', 'service-service-b']);
    const council2 = new Set((await readTimeline(h.read.db, { kind: 'council', councilId: 'council-2' })).entries.map((e) => e.streamId));
    expect([...council2].sort()).toEqual([
      'concern-c2',
      'contract-contract-2',
      'contract-contract-3',
      'organisation-council-2',
      'service-service-b',
      'service-service-c',
    ]);
  });

  it('filters by dates, kinds, parties and category, and pages with cursors in a stable order both ways', async () => {
    const provider = { kind: 'provider', providerId: 'provider-1' } as const;
    const all = await ids(provider);
    expect(await ids(provider, { kinds: ['ConcernRaised'] })).toEqual([raised.eventId, history.recorded.find((e) => e.data['concernId'] === 'c2')!.eventId]);
    // The provider's own entries: its confirmations of its two contracts, then plan v1.
    const confirmations = history.recorded.filter((e) => e.type === 'ContractConfirmed' && e.data['providerId'] === 'provider-1').map((e) => e.eventId);
    expect(await ids(provider, { parties: ['provider'] })).toEqual([...confirmations, v1.eventId]);
    expect(await ids(provider, { categories: ['documentation'], from: dateOf(4), to: dateOf(4) })).toEqual([v1.eventId]);
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await readTimeline(h.read.db, provider, { limit: 2, after, order });
        seen.push(...page.entries.map((e) => e.eventId));
        after = page.nextCursor;
      } while (after);
      expect(seen).toEqual(order === 'asc' ? all : [...all].reverse());
    }
  });

  it("loads a scope's events for replay, all or only those recorded by an instant", async () => {
    const events = await loadScopeEvents(h.read.db, { kind: 'concern', concernId: 'c1' });
    expect(events.map((e) => e.type)).toEqual(['ConcernRaised', 'ActionPlanRequested', 'ActionPlanSubmitted', 'ActionPlanAccepted']);
    expect(events[0]).toEqual(raised);
    expect(await loadScopeEvents(h.read.db, { kind: 'concern', concernId: 'c1' }, { recordedBy: '2000-01-01T00:00:00.000Z' })).toEqual([]);
  });

  it('flags a corrected or superseded entry in place; the original stays and the correction is an entry of its own', async () => {
    const correction = await history.append(
      'concern-c1',
      'EntryCorrected',
      { targetEventId: raised.eventId, targetType: 'ConcernRaised', reason: 'Wrong category', changes: { category: 'medication' } },
      day(6),
      officerOf('council-1'),
    );
    await history.append('concern-c1', 'ActionPlanSubmitted', { concernId: 'c1', version: 2, summary: 'v2', actions: [] }, day(7), managerOf('provider-1'));
    const accepted2 = await history.append('concern-c1', 'ActionPlanAccepted', { concernId: 'c1', version: 2 }, day(8), officerOf('council-1'));
    await runner.catchUp();

    const original = await byId(raised.eventId);
    expect(original?.kind).toBe('ConcernRaised');
    expect(original?.flags.corrected).toMatchObject({ byEventIds: [correction.eventId], reasons: ['Wrong category'], changes: { category: 'medication' } });
    expect(await byId(correction.eventId)).toMatchObject({ kind: 'EntryCorrected', links: { targetEventId: raised.eventId } });
    expect((await byId(v1.eventId))?.flags.superseded).toEqual({ byEventId: accepted2.eventId, byVersion: 2 });
    // The category filter reads the corrected category, as the library's does.
    expect(await ids({ kind: 'concern', concernId: 'c1' }, { categories: ['medication'] })).toHaveLength(7);
  });
});
