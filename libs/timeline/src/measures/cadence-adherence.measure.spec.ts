import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { cadenceAdherence } from './cadence-adherence.measure';
import { measureContext } from './measure-context';
import { expectedUpdatePeriods } from '@caretrail/domain';
import { periodIndexOf } from './update-periods';

const measure = (events: EventHistory['events'], on: string) => cadenceAdherence(measureContext(events, { on }));

/**
 * Weekly updates with 2 days' grace, plan accepted Monday 17 March 2025. Periods end on Mondays:
 * 24 Mar (deadline 26 Mar), 31 Mar (2 Apr), 7 Apr (9 Apr), 14 Apr (16 Apr), ...
 */
function weeklyPlan() {
  const h = new EventHistory();
  const c = concernRecord(h);
  c.raised('2025-03-03');
  c.planRequested('2025-03-03', { dueOn: '2025-03-17', updateCadenceDays: 7, graceDays: 2 });
  c.planSubmitted('2025-03-14', 1, [{ actionId: 'A1', dueOn: '2025-05-30' }]);
  const accepted = c.planAccepted('2025-03-17', 1);
  const first = c.update('2025-03-21', '2025-03-21'); // labelled Friday: still period 1
  const late = c.update('2025-04-03', '2025-03-28'); // period 2, a day past its deadline
  return { h, c, accepted, first, late };
}

describe('update periods', () => {
  const weekly = { acceptedOn: '2025-03-17', cadenceDays: 7, graceDays: 2 };

  it("uses the domain's schedule: period k ends on acceptedOn + k x cadence", () => {
    expect(expectedUpdatePeriods(weekly, '2025-04-06').map((p) => p.endsOn)).toEqual(['2025-03-24', '2025-03-31']);
    expect(expectedUpdatePeriods(weekly, '2025-04-07').map((p) => p.endsOn)).toEqual(['2025-03-24', '2025-03-31', '2025-04-07']);
  });

  it('places a periodEnding in the period whose days include it', () => {
    expect(periodIndexOf(weekly, '2025-03-18')).toBe(1);
    expect(periodIndexOf(weekly, '2025-03-24')).toBe(1);
    expect(periodIndexOf(weekly, '2025-03-25')).toBe(2);
    expect(periodIndexOf(weekly, '2025-03-17')).toBeNull();
  });
});

describe('measure 4: cadence adherence', () => {
  it('judges each expected period: on time, late, missed, pending', () => {
    const { h, accepted, first, late } = weeklyPlan();
    const [run] = measure(h.events, '2025-04-16').byConcern[0].runs;
    expect(run).toMatchObject({ acceptedOn: '2025-03-17', acceptedEventId: accepted.eventId, cadenceDays: 7, graceDays: 2, stoppedOn: null });
    expect(run.periods).toEqual([
      {
        index: 1,
        startsOn: '2025-03-18',
        endsOn: '2025-03-24',
        dueBy: '2025-03-26',
        status: 'on_time',
        updateEventId: first.eventId,
        submittedOn: '2025-03-21',
      },
      { index: 2, startsOn: '2025-03-25', endsOn: '2025-03-31', dueBy: '2025-04-02', status: 'late', updateEventId: late.eventId, submittedOn: '2025-04-03' },
      { index: 3, startsOn: '2025-04-01', endsOn: '2025-04-07', dueBy: '2025-04-09', status: 'missed', updateEventId: null, submittedOn: null },
      // due on the evaluation day itself: an update may still come today
      { index: 4, startsOn: '2025-04-08', endsOn: '2025-04-14', dueBy: '2025-04-16', status: 'pending', updateEventId: null, submittedOn: null },
    ]);
    expect(run.adherence).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect([run.late, run.missed]).toEqual([1, 1]);
    // 17 Mar, 21 Mar, 3 Apr, then nothing to 16 Apr: two gaps of 13 days, the first is reported
    expect(run.longestGap).toEqual({ days: 13, from: '2025-03-21', to: '2025-04-03' });
  });

  it('measures the corrected period of an update, with the correction among its events', () => {
    const { h, c } = weeklyPlan();
    const mislabelled = c.update('2025-04-08', '2025-03-28'); // meant the week to 4 April
    const before = measure(h.events, '2025-04-16').byConcern[0];
    expect(before.runs[0].periods[2].status).toBe('missed'); // period 2 keeps its first (late) update
    const fix = h.corrected('2025-04-09', mislabelled, { periodEnding: '2025-04-04' }, 'Wrong week ending');
    const after = measure(h.events, '2025-04-16').byConcern[0];
    expect(after.runs[0].periods[2]).toMatchObject({ status: 'on_time', updateEventId: mislabelled.eventId });
    expect(after.runs[0].adherence).toMatchObject({ numerator: 2, denominator: 3 });
    expect(after.runs[0].longestGap).toEqual({ days: 13, from: '2025-03-21', to: '2025-04-03' });
    expect(after.eventIds).toContain(fix.eventId);
  });

  it('stops at closure: a period whose deadline passed while it ran is missed, one in its grace is not due', () => {
    const closedAfterDeadline = weeklyPlan();
    closedAfterDeadline.c.closed('2025-04-10');
    const [run] = measure(closedAfterDeadline.h.events, '2025-05-30').byConcern[0].runs;
    expect(run.stoppedOn).toBe('2025-04-10');
    expect(run.periods.map((p) => p.status)).toEqual(['on_time', 'late', 'missed']);
    expect(run.longestGap).toEqual({ days: 13, from: '2025-03-21', to: '2025-04-03' });

    const closedInGrace = weeklyPlan();
    closedInGrace.c.closed('2025-04-08');
    const [graceRun] = measure(closedInGrace.h.events, '2025-05-30').byConcern[0].runs;
    expect(graceRun.periods.map((p) => p.status)).toEqual(['on_time', 'late', 'not_due']);
    expect(graceRun.adherence).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('accepting a later version does not restart the clock; a new request after reopening starts a fresh schedule', () => {
    const { h, c } = weeklyPlan();
    c.planSubmitted('2025-03-26', 2, [{ actionId: 'A1', dueOn: '2025-05-30' }]);
    c.planAccepted('2025-03-27', 2);
    c.planCompleted('2025-04-01', 2);
    c.closed('2025-04-01');
    c.reopened('2025-05-01');
    c.planRequested('2025-05-01', { dueOn: '2025-05-15', updateCadenceDays: 14, graceDays: 3 });
    c.planSubmitted('2025-05-08', 3, [{ actionId: 'A1', dueOn: '2025-06-30' }]);
    c.planAccepted('2025-05-12', 3);
    c.update('2025-05-27', '2025-05-26');
    const runs = measure(h.events, '2025-06-10').byConcern[0].runs;
    expect(runs.map((r) => [r.acceptedOn, r.planVersion, r.cadenceDays, r.stoppedOn, r.periods.length])).toEqual([
      ['2025-03-17', 1, 7, '2025-04-01', 2],
      ['2025-05-12', 3, 14, null, 2],
    ]);
    expect(runs[1].periods.map((p) => p.status)).toEqual(['on_time', 'pending']); // 26 May; 9 Jun + 3 days
  });

  it('a closure pauses the schedule until a reopening: periods due while closed are not due', () => {
    const { h, c } = weeklyPlan();
    c.update('2025-04-07', '2025-04-07'); // period 3 on time
    c.closed('2025-04-10');
    c.reopened('2025-04-28');
    c.update('2025-05-05', '2025-05-05');
    const [run] = measure(h.events, '2025-05-08').byConcern[0].runs;
    expect(run.pauses).toEqual([{ from: '2025-04-10', to: '2025-04-28', eventId: expect.any(String) }]);
    expect(run.stoppedOn).toBeNull();
    // the periods ending 14, 21 and 28 Apr were (partly) spent closed;
    // 5 May is on time
    expect(run.periods.map((p) => `${p.endsOn} ${p.status}`)).toEqual([
      '2025-03-24 on_time',
      '2025-03-31 late',
      '2025-04-07 on_time',
      '2025-04-14 not_due',
      '2025-04-21 not_due',
      '2025-04-28 not_due',
      '2025-05-05 on_time',
    ]);
    // running days between 7 Apr and 5 May: 8 and 9 April, then 28 April to 5 May
    expect(run.longestGap).toEqual({ days: 13, from: '2025-03-21', to: '2025-04-03' });
    expect(run.adherence).toMatchObject({ numerator: 3, denominator: 4 });
  });

  it('pools periods across concerns', () => {
    const { h } = weeklyPlan();
    const other = concernRecord(h, { concernId: 'c2', serviceId: 's2' });
    other.raised('2025-03-03');
    other.planRequested('2025-03-03', { dueOn: '2025-03-17' });
    other.planSubmitted('2025-03-10', 1, []);
    other.planAccepted('2025-03-10', 1);
    other.update('2025-03-17', '2025-03-17');
    const result = measure(h.events, '2025-03-31');
    // c1: period 1 on time, period 2 pending (deadline 2 Apr). c2: 17 Mar on time, 24 Mar missed, 31 Mar pending.
    expect(result.overall).toMatchObject({ adherence: { numerator: 2, denominator: 3 }, missed: 1, pending: 2 });
    expect(result.overall.longestGap).toEqual({ concernId: 'c2', days: 14, from: '2025-03-17', to: '2025-03-31' });
    expect(result.byService.map((s) => [s.serviceId, s.adherence.rate])).toEqual([
      ['s1', 1],
      ['s2', 0.5],
    ]);
  });
});
