import type { CadenceRun, ExpectedPeriod } from '@caretrail/timeline';
import { cadenceChart } from './cadence-chart.svg';

const period = (index: number, status: ExpectedPeriod['status'], submittedOn: string | null): ExpectedPeriod => ({
  index, startsOn: `2025-03-0${index}`, endsOn: `2025-03-1${index}`, dueBy: `2025-03-2${index}`, status, updateEventId: submittedOn ? `e${index}` : null, submittedOn,
});

const run = (periods: ExpectedPeriod[]): CadenceRun => ({
  acceptedOn: '2025-02-26', acceptedEventId: 'acc', requestEventId: 'req', planVersion: 2, cadenceDays: 7, graceDays: 2,
  stoppedOn: null, stoppedByEventId: null, pauses: [], periods, unmatchedUpdateEventIds: [],
  adherence: { numerator: 1, denominator: 3, rate: 1 / 3 }, late: 1, missed: 1, longestGap: { days: 0, from: '2025-02-26', to: '2025-02-26' },
});

describe('update cadence chart', () => {
  it('marks each expected period with a symbol as well as a colour, and says the totals', () => {
    const chart = cadenceChart(run([period(1, 'on_time', '2025-03-11'), period(2, 'late', '2025-03-24'), period(3, 'missed', null)]), 'c');
    expect(chart.svg).toContain('<title id="c-title">Update cadence: expected periods and updates received</title>');
    expect(chart.svg.match(/>(✓|L|✕)</g)).toEqual(['>✓<', '>L<', '>✕<']);
    expect(chart.summary).toContain('3 periods, 1 updated on time, 1 late, 1 missed');
    expect(chart.rows.map((r) => r.status)).toEqual(['On time', 'Late', 'Missed']);
    expect(chart.rows[2].submittedOn).toBe('');
  });
});
