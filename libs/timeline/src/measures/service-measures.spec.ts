import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { serviceRecord } from '../testing/service-record';
import { measureContext } from './measure-context';
import { registeredManager } from './registered-manager.measure';
import { DAYS_PER_SERVICE_MONTH, turnoverAndConcerns } from './turnover-concerns.measure';

/**
 * Service s1, in CareTrail since 1 Jan 2024. m1 registered 1 Feb 2024, left 31 Oct 2024; m2, an
 * interim, never registered, 1 Nov 2024 to 31 Jan 2025; m3 appointed 1 Feb 2025, registration
 * recorded as 25 Apr 2025 and corrected to 15 Apr 2025.
 */
function managerHistory() {
  const h = new EventHistory();
  const s = serviceRecord(h);
  s.registered('2024-01-01');
  s.managerAppointed('2024-01-01', 'm1', '2024-01-01');
  s.managerRegistered('2024-02-01', 'm1', '2024-02-01');
  s.managerLeft('2024-10-31', 'm1', '2024-10-31');
  s.managerAppointed('2024-11-01', 'm2', '2024-11-01', 'interim');
  s.managerLeft('2025-01-31', 'm2', '2025-01-31');
  s.managerAppointed('2025-02-01', 'm3', '2025-02-01');
  const registration = s.managerRegistered('2025-04-25', 'm3', '2025-04-25');
  return { h, s, registration };
}

describe('measure 9: registered-manager measures', () => {
  it('counts days without a registered manager in the last 365, using the corrected registration date', () => {
    const { h, registration } = managerHistory();
    const before = registeredManager(measureContext(h.events, { on: '2025-06-30' })).byService[0];
    // 1 Nov 2024 to 24 Apr 2025: 30 + 31 + 31 + 28 + 31 + 24
    expect(before.daysWithoutRegisteredManager).toBe(175);

    const fix = h.corrected('2025-04-28', registration, { registeredOn: '2025-04-15' }, 'Date on the CQC certificate');
    const after = registeredManager(measureContext(h.events, { on: '2025-06-30' })).byService[0];
    expect(after.window).toEqual({ from: '2024-07-01', to: '2025-06-30', days: 365 });
    expect(after.daysWithoutRegisteredManager).toBe(165);
    expect(after.gaps).toEqual([{ from: '2024-11-01', to: '2025-04-14', days: 165 }]);
    expect(after.tenures.map((t) => [t.managerId, t.registeredOn, t.leftOn])).toEqual([
      ['m1', '2024-02-01', '2024-10-31'],
      ['m3', '2025-04-15', null],
    ]);
    expect(after.eventIds).toContain(fix.eventId);
  });

  it('counts manager changes (departures) in the window, per twelve months', () => {
    const { h } = managerHistory();
    const record = registeredManager(measureContext(h.events, { on: '2025-06-30' })).byService[0];
    expect(record.managerChanges.map((c) => [c.managerId, c.leftOn])).toEqual([
      ['m1', '2024-10-31'],
      ['m2', '2025-01-31'],
    ]);
    expect(record.changesPerTwelveMonths).toBe(2);
    // on 30 Nov 2025 the window starts 1 Dec 2024: only m2's departure is in it
    expect(registeredManager(measureContext(h.events, { on: '2025-11-30' })).byService[0].managerChanges).toHaveLength(1);
  });

  it('judges emergency absence notices against 5 working days', () => {
    const { h, s } = managerHistory();
    s.absenceNotified('2025-05-30', { managerId: 'm3', absenceStartedOn: '2025-05-23', notifiedOn: '2025-05-30', emergency: true }); // 27-30 (26th a bank holiday)
    s.absenceNotified('2025-06-10', { managerId: 'm3', absenceStartedOn: '2025-06-02', notifiedOn: '2025-06-10', emergency: true }); // 3-6, 9, 10
    s.absenceNotified('2025-06-12', { managerId: 'm3', absenceStartedOn: '2025-07-14', notifiedOn: '2025-06-12', emergency: false });
    const record = registeredManager(measureContext(h.events, { on: '2025-06-30' })).byService[0];
    expect(record.absences.map((a) => [a.workingDaysToNotify, a.onTime])).toEqual([
      [4, true],
      [6, false],
      [-22, null],
    ]);
    expect(record.emergencyAbsencesNotifiedOnTime).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
  });

  it('cuts the window to the day a service joined, and counts a manager registered before that', () => {
    const h = new EventHistory();
    const newcomer = serviceRecord(h, { serviceId: 's2' });
    newcomer.registered('2025-05-01');
    const carried = serviceRecord(h, { serviceId: 's3' });
    carried.registered('2025-05-01');
    carried.managerRegistered('2025-05-01', 'm9', '2020-01-01');
    const result = registeredManager(measureContext(h.events, { on: '2025-06-30' }));
    expect(result.byService.map((s) => [s.serviceId, s.window.days, s.daysWithoutRegisteredManager])).toEqual([
      ['s2', 61, 61],
      ['s3', 61, 0],
    ]);
    expect(result.overall).toMatchObject({ services: 2, daysWithoutRegisteredManager: 61, windowDays: 122, managerChanges: 0 });
  });
});

describe('measure 10: turnover and concerns', () => {
  it('compares concerns per 100 service-months in the 6 months after a manager change with other months', () => {
    const h = new EventHistory();
    const s = serviceRecord(h);
    s.registered('2024-01-01');
    s.managerLeft('2024-03-31', 'm1', '2024-03-31'); // after-change days: 1 Apr to 30 Sep 2024, 183 days
    const raise = (concernId: string, on: string) => concernRecord(h, { concernId }).raised(on);
    raise('c1', '2024-02-10');
    raise('c2', '2024-03-31'); // the day of the change itself is not "after"
    raise('c3', '2024-05-01');
    raise('c4', '2024-06-15');
    raise('c5', '2024-09-30'); // the last day after the change
    raise('c6', '2024-11-20');

    const [service] = turnoverAndConcerns(measureContext(h.events, { on: '2024-12-31' })).byService;
    expect([service.observedFrom, service.observedTo]).toEqual(['2024-01-01', '2024-12-31']);
    expect(service.managerChanges.map((c) => c.windowEndsOn)).toEqual(['2024-09-30']);
    expect(service.concerns.map((c) => [c.concernId, c.afterManagerChange])).toEqual([
      ['c1', false],
      ['c2', false],
      ['c3', true],
      ['c4', true],
      ['c5', true],
      ['c6', false],
    ]);
    const months = 183 / DAYS_PER_SERVICE_MONTH; // 2024 has 366 days: 183 after, 183 other
    expect(service.afterManagerChange).toMatchObject({ serviceDays: 183, concerns: 3 });
    expect(service.afterManagerChange.concernsPer100ServiceMonths).toBeCloseTo((3 / months) * 100, 2);
    expect(service.otherMonths).toMatchObject({ serviceDays: 183, concerns: 3 });
    expect(service.eventIds).toHaveLength(8);
  });

  it('pools services and says it is descriptive', () => {
    const h = new EventHistory();
    serviceRecord(h, { serviceId: 's1' }).registered('2024-01-01');
    serviceRecord(h, { serviceId: 's2' }).registered('2024-07-01');
    concernRecord(h, { concernId: 'c1', serviceId: 's2' }).raised('2024-08-01');
    const result = turnoverAndConcerns(measureContext(h.events, { on: '2024-12-31' }));
    expect(result.overall.afterManagerChange).toMatchObject({ serviceDays: 0, concernsPer100ServiceMonths: null });
    expect(result.overall.otherMonths).toMatchObject({ serviceDays: 366 + 184, concerns: 1 });
    expect(result.overall.note).toMatch(/not causal/);
  });
});
