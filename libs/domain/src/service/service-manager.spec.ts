import type { Recorded } from '../shared/decider';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, registeredService } from '../testing/fixtures';
import type { AppointManager, NotifyManagerAbsence, RecordManagerLeft, RecordManagerRegistered, RecordManagerReturn } from './service.commands';
import { serviceDecider } from './service.decider';

const serviceId = IDS.service;
const ctx = { actor: ACTORS.provider, now: NOW, refs: {} };

const serviceRegistered = (): Recorded =>
  by(ACTORS.provider, {
    type: 'ServiceRegistered',
    occurredAt: at('2025-01-10'),
    data: { serviceId, providerId: IDS.provider, name: '5 Fengates', serviceType: 'supported_living', regulator: 'CQC', locationId: null },
  });
const appointed = (managerId = 'm-1', startedOn = '2025-06-01'): Recorded =>
  by(ACTORS.provider, {
    type: 'ManagerAppointed',
    occurredAt: at(startedOn),
    data: { serviceId, managerId, managerName: 'Sam Patel', startedOn, basis: 'interim' },
  });
const left = (managerId = 'm-1', leftOn = '2025-12-31'): Recorded =>
  by(ACTORS.provider, {
    type: 'ManagerLeft',
    occurredAt: at(leftOn),
    data: { serviceId, managerId, managerName: 'Sam Patel', leftOn, reason: 'Resigned' },
  });
const registered = (): Recorded =>
  by(ACTORS.provider, {
    type: 'ManagerRegistered',
    occurredAt: at('2025-08-01'),
    data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', registeredOn: '2025-08-01' },
  });

const appoint = (change: Partial<AppointManager> = {}): AppointManager => ({
  kind: 'AppointManager',
  serviceId,
  managerId: 'm-2',
  managerName: 'Alex Jones',
  startedOn: '2026-01-05',
  basis: 'permanent',
  occurredAt: at('2026-01-05'),
  ...change,
});
const leave = (change: Partial<RecordManagerLeft> = {}): RecordManagerLeft => ({
  kind: 'RecordManagerLeft',
  serviceId,
  managerId: 'm-1',
  leftOn: '2026-01-31',
  reason: 'Moved on',
  occurredAt: at('2026-02-01'),
  ...change,
});
const register = (change: Partial<RecordManagerRegistered> = {}): RecordManagerRegistered => ({
  kind: 'RecordManagerRegistered',
  serviceId,
  managerId: 'm-1',
  registeredOn: '2026-02-01',
  occurredAt: at('2026-02-02'),
  ...change,
});
const absence = (change: Partial<NotifyManagerAbsence> = {}): NotifyManagerAbsence => ({
  kind: 'NotifyManagerAbsence',
  serviceId,
  managerId: 'm-1',
  absenceStartedOn: '2026-02-10',
  notifiedOn: '2026-02-12',
  emergency: true,
  expectedReturnOn: '2026-03-20',
  occurredAt: at('2026-02-12'),
  ...change,
});

const absenceNotified = (absenceStartedOn = '2026-02-10', managerId = 'm-1'): Recorded =>
  by(ACTORS.provider, {
    type: 'ManagerAbsenceNotified',
    occurredAt: at('2026-02-12'),
    data: { serviceId, managerId, managerName: 'Sam Patel', absenceStartedOn, notifiedOn: '2026-02-12', emergency: true, expectedReturnOn: null },
  });
const returned = (returnedOn = '2026-02-20', absenceStartedOn = '2026-02-10'): Recorded =>
  by(ACTORS.provider, {
    type: 'ManagerReturnedFromAbsence',
    occurredAt: at(returnedOn),
    data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', absenceStartedOn, returnedOn },
  });
const comeBack = (change: Partial<RecordManagerReturn> = {}): RecordManagerReturn => ({
  kind: 'RecordManagerReturn',
  serviceId,
  managerId: 'm-1',
  returnedOn: '2026-02-20',
  occurredAt: at('2026-02-20'),
  ...change,
});

describe('service decider: manager changes', () => {
  it('appoints a manager when none is in post', () => {
    given(serviceDecider, [serviceRegistered()])
      .when(appoint(), ctx)
      .then([
        {
          type: 'ManagerAppointed',
          occurredAt: at('2026-01-05'),
          data: { serviceId, managerId: 'm-2', managerName: 'Alex Jones', startedOn: '2026-01-05', basis: 'permanent' },
        },
      ]);
  });

  it('rule one-manager-at-a-time', () => {
    given(serviceDecider, [serviceRegistered(), appointed()]).when(appoint(), ctx).thenFails('one-manager-at-a-time');
  });

  it('rule service-provider-only: another provider cannot record manager changes', () => {
    given(serviceDecider, [serviceRegistered()])
      .when(appoint(), { ...ctx, actor: ACTORS.otherProvider })
      .thenForbidden('service-provider-only');
  });

  it('rule service-provider-only: nor can a council', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(leave(), { ...ctx, actor: ACTORS.council })
      .thenForbidden('service-provider-only');
  });

  it('rule manager-name-required', () => {
    given(serviceDecider, [serviceRegistered()])
      .when(appoint({ managerName: '' }), ctx)
      .thenFails('manager-name-required');
  });

  it('rule date-not-in-future: a start date after today', () => {
    given(serviceDecider, [serviceRegistered()])
      .when(appoint({ startedOn: '2026-03-02' }), ctx)
      .thenFails('date-not-in-future');
  });

  it('rule date-valid: a start date that is no date', () => {
    given(serviceDecider, [serviceRegistered()])
      .when(appoint({ startedOn: '2026-02-30' }), ctx)
      .thenFails('date-valid');
  });

  it('rule manager-dates-in-order: a new tenure cannot start before the last one ended', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), left('m-1', '2025-12-31')])
      .when(appoint({ startedOn: '2025-12-01' }), ctx)
      .thenFails('manager-dates-in-order');
  });

  it('records the manager in post leaving, naming them from the record', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(leave(), ctx)
      .then([
        {
          type: 'ManagerLeft',
          occurredAt: at('2026-02-01'),
          data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', leftOn: '2026-01-31', reason: 'Moved on' },
        },
      ]);
  });

  it('rule manager-must-be-in-post: leaving needs that manager in post', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(leave({ managerId: 'm-9' }), ctx)
      .thenFails('manager-must-be-in-post');
  });

  it('rule manager-must-be-in-post: nobody in post', () => {
    given(serviceDecider, [serviceRegistered()]).when(leave(), ctx).thenFails('manager-must-be-in-post');
  });

  it('rule manager-dates-in-order: leaving before starting', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(leave({ leftOn: '2025-05-01' }), ctx)
      .thenFails('manager-dates-in-order');
  });

  it('records the registration of the manager in post', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(register(), ctx)
      .then([
        {
          type: 'ManagerRegistered',
          occurredAt: at('2026-02-02'),
          data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', registeredOn: '2026-02-01' },
        },
      ]);
  });

  it('rule manager-already-registered', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), registered()]).when(register(), ctx).thenFails('manager-already-registered');
  });

  it('rule manager-must-be-in-post: registering someone who left', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), left()]).when(register(), ctx).thenFails('manager-must-be-in-post');
  });

  it('notifies an absence of the manager in post', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(absence(), ctx)
      .then([
        {
          type: 'ManagerAbsenceNotified',
          occurredAt: at('2026-02-12'),
          data: {
            serviceId,
            managerId: 'm-1',
            managerName: 'Sam Patel',
            absenceStartedOn: '2026-02-10',
            notifiedOn: '2026-02-12',
            emergency: true,
            expectedReturnOn: '2026-03-20',
          },
        },
      ]);
  });

  it('rule manager-must-be-in-post: an absence of someone not in post', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(absence({ managerId: 'm-2' }), ctx)
      .thenFails('manager-must-be-in-post');
  });

  it('rule manager-dates-in-order: a return before the absence began', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(absence({ expectedReturnOn: '2026-02-01' }), ctx)
      .thenFails('manager-dates-in-order');
  });

  it('folds the tenure history: who was in post, registered, when they left', () => {
    const state = given(serviceDecider, [serviceRegistered(), appointed(), registered(), left(), appointed('m-2', '2026-01-05')]).state;
    expect(state.managerTenures).toEqual([
      {
        managerId: 'm-1',
        managerName: 'Sam Patel',
        basis: 'interim',
        startedOn: '2025-06-01',
        registeredOn: '2025-08-01',
        leftOn: '2025-12-31',
        leftReason: 'Resigned',
      },
      { managerId: 'm-2', managerName: 'Sam Patel', basis: 'interim', startedOn: '2026-01-05', registeredOn: null, leftOn: null, leftReason: null },
    ]);
    expect(state.manager?.managerId).toBe('m-2');
    expect(given(serviceDecider, [serviceRegistered(), appointed(), left()]).state.manager).toBeNull();
    expect(registeredService().manager).toBeNull();
  });

  it('records late notice as it happened: an emergency absence notified after 5 working days is not refused', () => {
    given(serviceDecider, [serviceRegistered(), appointed()])
      .when(absence({ absenceStartedOn: '2026-01-05', notifiedOn: '2026-02-12' }), ctx)
      .then([
        {
          type: 'ManagerAbsenceNotified',
          occurredAt: at('2026-02-12'),
          data: {
            serviceId,
            managerId: 'm-1',
            managerName: 'Sam Patel',
            absenceStartedOn: '2026-01-05',
            notifiedOn: '2026-02-12',
            emergency: true,
            expectedReturnOn: '2026-03-20',
          },
        },
      ]);
  });
});

describe('service decider: the manager returns from an absence', () => {
  it('records the return, naming the manager and the absence it ends', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified()])
      .when(comeBack(), ctx)
      .then([
        {
          type: 'ManagerReturnedFromAbsence',
          occurredAt: at('2026-02-20'),
          data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', absenceStartedOn: '2026-02-10', returnedOn: '2026-02-20' },
        },
      ]);
  });

  it('folds the return onto the absence', () => {
    const state = given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified(), returned()]).state;
    expect(state.absences.map((a) => [a.absenceStartedOn, a.returnedOn])).toEqual([['2026-02-10', '2026-02-20']]);
  });

  it('rule absence-already-ended: one return per absence', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified(), returned()])
      .when(comeBack({ returnedOn: '2026-02-25' }), ctx)
      .thenFails('absence-already-ended');
  });

  it('a later absence can be ended after an earlier one was', () => {
    given(serviceDecider, [
      serviceRegistered(),
      appointed(),
      absenceNotified('2026-01-05'),
      returned('2026-01-20', '2026-01-05'),
      absenceNotified('2026-02-10'),
    ])
      .when(comeBack({ returnedOn: '2026-02-27' }), ctx)
      .then([
        {
          type: 'ManagerReturnedFromAbsence',
          occurredAt: at('2026-02-20'),
          data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', absenceStartedOn: '2026-02-10', returnedOn: '2026-02-27' },
        },
      ]);
  });

  it('rule manager-not-absent: no absence was notified', () => {
    given(serviceDecider, [serviceRegistered(), appointed()]).when(comeBack(), ctx).thenFails('manager-not-absent');
  });

  it('rule manager-dates-in-order: a return before the absence began', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified()])
      .when(comeBack({ returnedOn: '2026-02-09' }), ctx)
      .thenFails('manager-dates-in-order');
  });

  it('rule date-not-in-future: a return after today', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified()])
      .when(comeBack({ returnedOn: '2026-03-02' }), ctx)
      .thenFails('date-not-in-future');
  });

  it('rule date-valid: a return day that is no date', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified()])
      .when(comeBack({ returnedOn: '2026-02-30' }), ctx)
      .thenFails('date-valid');
  });

  it('rule manager-must-be-in-post: a manager who left does not return', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified(), left('m-1', '2026-02-15')])
      .when(comeBack(), ctx)
      .thenFails('manager-must-be-in-post');
  });

  it('rule service-provider-only: a council cannot record the return', () => {
    given(serviceDecider, [serviceRegistered(), appointed(), absenceNotified()])
      .when(comeBack(), { ...ctx, actor: ACTORS.council })
      .thenForbidden('service-provider-only');
  });

  it("a return's day is corrected as a new entry, not before the absence began (rule manager-dates-in-order)", () => {
    const history = [serviceRegistered(), appointed(), absenceNotified(), { ...returned(), eventId: 'evt-return' }];
    const fix = (returnedOn: string) => ({
      kind: 'CorrectServiceEntry' as const,
      serviceId,
      targetEventId: 'evt-return',
      reason: 'Typed the wrong day',
      changes: { returnedOn },
      occurredAt: at('2026-02-25'),
    });
    given(serviceDecider, history).when(fix('2026-02-01'), ctx).thenFails('manager-dates-in-order');
    given(serviceDecider, history)
      .when(fix('2026-02-19'), ctx)
      .thenMatch([{ type: 'EntryCorrected', data: { targetType: 'ManagerReturnedFromAbsence', changes: { returnedOn: '2026-02-19' } } }]);
  });
});
