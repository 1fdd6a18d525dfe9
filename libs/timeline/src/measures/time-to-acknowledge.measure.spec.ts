import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { measureContext } from './measure-context';
import { timeToAcknowledge } from './time-to-acknowledge.measure';

const measure = (h: EventHistory, on: string, clocks = {}) => timeToAcknowledge(measureContext(h.events, { on, clocks }));

describe('measure 1: time to acknowledge', () => {
  it('counts working days after notification up to acknowledgement', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-03-03');
    const notified = c.notified('2025-03-03'); // Monday
    const ack = c.acknowledged('2025-03-05'); // Wednesday
    const result = measure(h, '2025-03-31');
    expect(result.byConcern).toEqual([
      {
        concernId: 'c1',
        serviceId: 's1',
        waits: [
          {
            notifiedOn: '2025-03-03',
            notifiedEventId: notified.eventId,
            acknowledgedOn: '2025-03-05',
            acknowledgedEventId: ack.eventId,
            workingDays: 2,
            status: 'on_time',
          },
        ],
        eventIds: [notified.eventId, ack.eventId],
      },
    ]);
  });

  it('skips Easter: 5 working days is on time, 6 is late', () => {
    const h = new EventHistory();
    const onTime = concernRecord(h, { concernId: 'c2' });
    onTime.raised('2025-04-17');
    onTime.notified('2025-04-17'); // Thursday before Good Friday
    onTime.acknowledged('2025-04-28'); // 22, 23, 24, 25, 28
    const late = concernRecord(h, { concernId: 'c3' });
    late.raised('2025-04-17');
    late.notified('2025-04-17');
    late.acknowledged('2025-04-29');
    const result = measure(h, '2025-05-01');
    expect(result.byConcern.map((c) => [c.concernId, c.waits[0].workingDays, c.waits[0].status])).toEqual([
      ['c2', 5, 'on_time'],
      ['c3', 6, 'late'],
    ]);
    expect(result.overall.acknowledged).toEqual({ count: 2, median: 5.5, mean: 5.5, min: 5, max: 6 });
    expect(result.overall.onTime).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
  });

  it('a wait still open is not judged until it passes the clock (Spring bank holiday skipped)', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-05-19');
    c.notified('2025-05-19'); // Monday
    expect(measure(h, '2025-05-23').byConcern[0].waits[0]).toMatchObject({ workingDays: 4, status: 'waiting' });
    expect(measure(h, '2025-05-23').overall.onTime.denominator).toBe(0);
    // 20, 21, 22, 23, 27, 28: Monday 26 May is a bank holiday
    expect(measure(h, '2025-05-28').byConcern[0].waits[0]).toMatchObject({ workingDays: 6, status: 'overdue' });
    expect(measure(h, '2025-05-28').overall).toMatchObject({ overdue: 1, onTime: { numerator: 0, denominator: 1 } });
  });

  it('a retracted acknowledgement does not count; the clock is configurable', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-03-03');
    c.notified('2025-03-03');
    const wrong = c.acknowledged('2025-03-04');
    h.retracted('2025-03-06', wrong, 'Acknowledged the wrong concern');
    const right = c.acknowledged('2025-03-10');
    const [wait] = measure(h, '2025-03-31').byConcern[0].waits;
    expect(wait).toMatchObject({ acknowledgedEventId: right.eventId, workingDays: 5, status: 'on_time' });
    expect(measure(h, '2025-03-31', { acknowledgeWithinWorkingDays: 3 }).byConcern[0].waits[0].status).toBe('late');
  });

  it('a notice after a reopening opens a new wait; a second notice while waiting does not restart the clock', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-03-03');
    c.notified('2025-03-03');
    c.notified('2025-03-05');
    c.acknowledged('2025-03-06');
    c.closed('2025-04-01');
    c.reopened('2025-06-02');
    c.notified('2025-06-02');
    c.acknowledged('2025-06-03');
    const waits = measure(h, '2025-06-30').byConcern[0].waits;
    expect(waits.map((w) => [w.notifiedOn, w.workingDays])).toEqual([
      ['2025-03-03', 3],
      ['2025-06-02', 1],
    ]);
  });

  it('pools per service and overall', () => {
    const h = new EventHistory();
    for (const [concernId, serviceId, ack] of [
      ['a', 's1', '2025-03-04'],
      ['b', 's1', '2025-03-06'],
      ['c', 's2', '2025-03-12'],
    ]) {
      const c = concernRecord(h, { concernId, serviceId });
      c.raised('2025-03-03');
      c.notified('2025-03-03');
      c.acknowledged(ack);
    }
    const result = measure(h, '2025-03-31');
    expect(result.byService.map((s) => [s.serviceId, s.acknowledged.median, s.onTime.rate])).toEqual([
      ['s1', 2, 1],
      ['s2', 7, 0],
    ]);
    expect(result.overall.acknowledged.median).toBe(3);
    expect(result.overall.eventIds).toHaveLength(6);
  });
});
