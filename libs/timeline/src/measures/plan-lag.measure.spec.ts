import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { measureContext } from './measure-context';
import { planLag } from './plan-lag.measure';

const measure = (h: EventHistory, on: string) => planLag(measureContext(h.events, { on }));

describe('measure 2: plan lag', () => {
  it('counts working days from request to first submission, and checks the due date', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-03-03');
    const request = c.planRequested('2025-03-03', { dueOn: '2025-03-17' });
    const v1 = c.planSubmitted('2025-03-14', 1, [{ actionId: 'A1', dueOn: '2025-03-31' }]);
    c.planSubmitted('2025-03-21', 2, [{ actionId: 'A1', dueOn: '2025-03-31' }]);
    expect(measure(h, '2025-03-31').byConcern[0]).toEqual({
      concernId: 'c1',
      serviceId: 's1',
      requests: [
        {
          requestedOn: '2025-03-03',
          requestEventId: request.eventId,
          dueOn: '2025-03-17',
          firstSubmittedOn: '2025-03-14',
          submissionEventId: v1.eventId,
          workingDays: 9,
          calendarDays: 11,
          status: 'on_time',
        },
      ],
      eventIds: [request.eventId, v1.eventId],
    });
  });

  it('a plan submitted after its due date over Easter is late', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.planRequested('2025-04-01', { dueOn: '2025-04-15' });
    c.planSubmitted('2025-04-23', 1, []);
    // 2-4, 7-11, 14-17, 22-23 April: Good Friday and Easter Monday skipped
    expect(measure(h, '2025-04-30').byConcern[0].requests[0]).toMatchObject({ workingDays: 14, calendarDays: 22, status: 'late' });
  });

  it('a waiting request becomes overdue after its due date', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.planRequested('2025-05-01', { dueOn: '2025-05-15' });
    expect(measure(h, '2025-05-15').byConcern[0].requests[0]).toMatchObject({ status: 'waiting', firstSubmittedOn: null });
    expect(measure(h, '2025-05-16').overall).toMatchObject({ overdue: 1, onTime: { numerator: 0, denominator: 1, rate: 0 } });
  });

  it('uses a corrected due date, and names the correction among its events', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const request = c.planRequested('2025-03-03', { dueOn: '2025-03-10' });
    const fix = h.corrected('2025-03-04', request, { dueOn: '2025-03-17' }, 'Typed the wrong due date');
    c.planSubmitted('2025-03-14', 1, []);
    const result = measure(h, '2025-03-31').byConcern[0];
    expect(result.requests[0]).toMatchObject({ dueOn: '2025-03-17', status: 'on_time' });
    expect(result.eventIds).toContain(fix.eventId);
  });
});
