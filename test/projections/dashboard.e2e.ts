import { ProjectionRunner, dashboard, dashboardProjection, overdueActions, openConcernsByLevel, type Dashboard } from '@caretrail/projections';
import { CareHistory, dateOf, day, managerOf, officerOf } from './support/care-history';
import { kindsUnderTest, openHarness, type Harness } from './support/projection-harness';

const ON = dateOf(35); // 2025-02-10

describe.each(kindsUnderTest())('dashboard read model on %s', (kind) => {
  let h: Harness;
  let history: CareHistory;
  let runner: ProjectionRunner;
  const board = (scope: Parameters<typeof dashboard>[1]): Promise<Dashboard> => dashboard(h.read.db, scope, { on: ON });

  beforeAll(async () => {
    h = await openHarness(kind);
    history = new CareHistory(h.store);
    await history.world();
    const council1 = officerOf('council-1');
    const provider1 = managerOf('provider-1');
    const c1 = { serviceId: 'service-a', providerId: 'provider-1', councilId: 'council-1', contractId: 'contract-1' };
    await history.concern('c1', c1, day(1));
    await history.append('concern-c1', 'ActionPlanRequested', { concernId: 'c1', dueOn: dateOf(15), updateCadenceDays: 7, graceDays: 2 }, day(2), council1);
    await history.append(
      'concern-c1',
      'ActionPlanSubmitted',
      {
        concernId: 'c1',
        version: 1,
        summary: 'Plan',
        actions: [
          { actionId: 'a1', description: 'Audit care records', owner: 'RM', dueOn: dateOf(14), measure: 'Audit' },
          { actionId: 'a2', description: 'Train staff', owner: 'RM', dueOn: dateOf(30), measure: 'Records' },
        ],
      },
      day(5),
      provider1,
    );
    await history.append('concern-c1', 'ActionPlanAccepted', { concernId: 'c1', version: 1 }, day(8), council1);
    await history.append(
      'concern-c1',
      'PlanUpdateSubmitted',
      {
        concernId: 'c1',
        planVersion: 1,
        periodEnding: dateOf(15),
        summary: 'Week 1',
        evidence: [],
        actions: [{ actionId: 'a1', status: 'in_progress', note: 'Half done' }],
      },
      day(15),
      provider1,
    );
    await history.append('concern-c1', 'ConcernEscalated', { concernId: 'c1', fromLevel: 0, toLevel: 1, reason: 'Slow' }, day(16), council1);
    await history.append('concern-c1', 'ActionVerified', { concernId: 'c1', actionId: 'a2', note: 'Seen' }, day(17), council1);

    const c2 = { serviceId: 'service-b', providerId: 'provider-1', councilId: 'council-2', contractId: 'contract-2' };
    await history.concern('c2', c2, day(3));
    await history.append('concern-c2', 'ActionPlanSubmitted', { concernId: 'c2', version: 1, summary: 'Plan', actions: [] }, day(10), provider1);

    await history.append(
      'service-service-a',
      'ManagerAppointed',
      { serviceId: 'service-a', managerId: 'm1', managerName: 'A Manager', startedOn: dateOf(1), basis: 'permanent' },
      day(1),
      provider1,
    );
    await history.append(
      'service-service-a',
      'ManagerRegistered',
      { serviceId: 'service-a', managerId: 'm1', managerName: 'A Manager', registeredOn: dateOf(2) },
      day(2),
      provider1,
    );
    await history.append(
      'service-service-b',
      'ManagerRegistered',
      { serviceId: 'service-b', managerId: 'm2', managerName: 'B Manager', registeredOn: dateOf(1) },
      day(1),
      provider1,
    );
    await history.append(
      'service-service-b',
      'ManagerLeft',
      { serviceId: 'service-b', managerId: 'm2', managerName: 'B Manager', leftOn: dateOf(12), reason: 'Resigned' },
      day(12),
      provider1,
    );

    runner = new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection: dashboardProjection(h.store), pageSize: 5 });
    await runner.catchUp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows a council its open concerns by level and age, overdue updates and actions, and its services without a registered manager', async () => {
    expect(await board({ councilId: 'council-1' })).toEqual({
      on: ON,
      openConcernsByLevel: [
        { level: 1, count: 1, concerns: [expect.objectContaining({ concernId: 'c1', serviceId: 'service-a', raisedAt: day(1), ageDays: 34 })] },
      ],
      plansAwaitingReview: [],
      overduePlanUpdates: [
        expect.objectContaining({ concernId: 'c1', planAcceptedOn: dateOf(8), lastPeriodEnding: dateOf(15), lateAfter: dateOf(24), daysOverdue: 11 }),
      ],
      overdueActions: [expect.objectContaining({ concernId: 'c1', actionId: 'a1', dueOn: dateOf(14), status: 'in_progress', daysOverdue: 21 })],
      servicesWithoutRegisteredManager: [expect.objectContaining({ serviceId: 'service-b', since: dateOf(13), managerId: null, days: 23 })],
    });
  });

  it('shows plans awaiting the council since their submission, per council and per provider', async () => {
    const council2 = await board({ councilId: 'council-2' });
    expect(council2.plansAwaitingReview).toEqual([expect.objectContaining({ concernId: 'c2', planVersion: 1, submittedAt: day(10), waitingDays: 25 })]);
    expect(council2.servicesWithoutRegisteredManager.map((s) => s.serviceId)).toEqual(['service-c', 'service-b']);
    const provider1 = await board({ providerId: 'provider-1' });
    expect(provider1.openConcernsByLevel.map((l) => [l.level, l.concerns.map((c) => c.concernId)])).toEqual([
      [1, ['c1']],
      [0, ['c2']],
    ]);
    expect(provider1.servicesWithoutRegisteredManager.map((s) => s.serviceId)).toEqual(['service-b']);
  });

  it('reflects a retraction and a closure in the summary', async () => {
    const escalation = history.recorded.find((e) => e.type === 'ConcernEscalated')!;
    await history.append(
      'concern-c1',
      'EntryRetracted',
      { targetEventId: escalation.eventId, targetType: escalation.type, reason: 'Wrong concern' },
      day(18),
      escalation.actor,
    );
    await runner.catchUp();
    expect((await openConcernsByLevel(h.read.db, { councilId: 'council-1' }, { on: ON })).map((l) => l.level)).toEqual([0]);

    await history.append(
      'concern-c1',
      'ConcernClosed',
      { concernId: 'c1', outcome: 'Resolved', overrideReason: 'Good enough', unverifiedActionIds: ['a1'] },
      day(20),
      officerOf('council-1'),
    );
    await runner.catchUp();
    expect(await board({ councilId: 'council-1' })).toMatchObject({ openConcernsByLevel: [], overduePlanUpdates: [], overdueActions: [] });
    expect(await overdueActions(h.read.db, { providerId: 'provider-1' }, { on: ON })).toEqual([]);
  });
});
