import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { measureContext } from './measure-context';
import { reopenRate } from './reopen-rate.measure';
import { timeToClosure } from './time-to-closure.measure';

describe('measure 7: time to closure', () => {
  function closures() {
    const h = new EventHistory();
    const c1 = concernRecord(h, { concernId: 'c1' });
    c1.raised('2025-03-03', { category: 'documentation' });
    c1.closed('2025-06-02'); // 91 days; 65 weekdays less Good Friday, Easter Monday, 5 May and 26 May
    const c2 = concernRecord(h, { concernId: 'c2' });
    c2.raised('2025-03-10', { category: 'medication' });
    c2.closed('2025-03-24');
    const c3 = concernRecord(h, { concernId: 'c3', serviceId: 's2' });
    const raised3 = c3.raised('2025-04-01', { category: 'medication' });
    c3.closed('2025-04-15');
    const c4 = concernRecord(h, { concernId: 'c4' });
    c4.raised('2025-05-01', { category: 'staffing' });
    return { h, raised3 };
  }

  it('counts raised to first closure, with medians by category', () => {
    const { h } = closures();
    const result = timeToClosure(measureContext(h.events, { on: '2025-06-30' }));
    expect(result.byConcern.map((c) => [c.concernId, c.workingDays, c.calendarDays, c.closedOn])).toEqual([
      ['c1', 61, 91, '2025-06-02'],
      ['c2', 10, 14, '2025-03-24'],
      ['c3', 10, 14, '2025-04-15'],
      ['c4', 40, 60, null], // open, its age so far: 19 working days after 1 May in May, 21 in June
    ]);
    expect(result.overall.closedWorkingDays).toMatchObject({ count: 3, median: 10 });
    expect(result.overall.open).toBe(1);
    expect(result.overall.byCategory).toEqual([
      { category: 'documentation', closed: 1, medianWorkingDays: 61, medianCalendarDays: 91 },
      { category: 'medication', closed: 2, medianWorkingDays: 10, medianCalendarDays: 14 },
    ]);
    expect(result.byService.map((s) => [s.serviceId, s.closedWorkingDays.median])).toEqual([
      ['s1', 35.5],
      ['s2', 10],
    ]);
  });

  it('groups by the corrected category', () => {
    const { h, raised3 } = closures();
    h.corrected('2025-04-02', raised3, { category: 'care_planning' }, 'Miscategorised');
    const result = timeToClosure(measureContext(h.events, { on: '2025-06-30' }));
    expect(result.overall.byCategory.map((c) => [c.category, c.closed])).toEqual([
      ['care_planning', 1],
      ['documentation', 1],
      ['medication', 1],
    ]);
  });
});

describe('measure 8: reopen rate', () => {
  it('counts closures reopened within 12 months over closures', () => {
    const h = new EventHistory();
    const c1 = concernRecord(h, { concernId: 'c1' });
    c1.raised('2024-11-01');
    c1.closed('2025-01-15');
    c1.reopened('2025-06-01'); // within the window to 15 Jan 2026
    c1.closed('2025-07-01'); // not reopened, window still running
    const c2 = concernRecord(h, { concernId: 'c2' });
    c2.raised('2023-12-01');
    c2.closed('2024-01-10');
    c2.reopened('2025-01-11'); // a day after the window ended on 10 Jan 2025

    const result = reopenRate(measureContext(h.events, { on: '2025-09-01' }));
    // concerns come in the order their records began: c2 first
    expect(result.byConcern.map((c) => c.closures.map((x) => [x.closedOn, x.windowEndsOn, x.reopenedOn, x.reopenedWithinWindow, x.windowComplete]))).toEqual([
      [['2024-01-10', '2025-01-10', '2025-01-11', false, true]],
      [
        ['2025-01-15', '2026-01-15', '2025-06-01', true, true],
        ['2025-07-01', '2026-07-01', null, false, false],
      ],
    ]);
    expect(result.overall).toMatchObject({ reopenRate: { numerator: 1, denominator: 3 }, stillInWindow: 1 });
  });

  it('the window is configurable and clamps at a month end', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2024-02-01');
    c.closed('2024-02-29');
    c.reopened('2024-08-31');
    const within = (months: number) =>
      reopenRate(measureContext(h.events, { on: '2025-06-01', clocks: { reopenWindowMonths: months } })).byConcern[0].closures[0];
    expect(within(12)).toMatchObject({ windowEndsOn: '2025-02-28', reopenedWithinWindow: true });
    expect(within(6)).toMatchObject({ windowEndsOn: '2024-08-29', reopenedWithinWindow: false });
  });
});
