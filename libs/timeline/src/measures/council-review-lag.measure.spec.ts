import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { councilReviewLag } from './council-review-lag.measure';
import { measureContext } from './measure-context';

describe('measure 3: council review lag', () => {
  it('pairs each submitted version with the decision on it, and shows waits still open', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.planRequested('2025-03-03', { dueOn: '2025-03-17' });
    c.planSubmitted('2025-03-14', 1, []); // Friday
    c.planReturned('2025-03-19', 1); // 17, 18, 19
    c.planSubmitted('2025-03-21', 2, []);
    c.planAccepted('2025-04-01', 2); // 24-28, 31, 1
    c.planSubmitted('2025-04-14', 3, []);
    const result = councilReviewLag(measureContext(h.events, { on: '2025-04-22' }));
    expect(result.byConcern[0].reviews.map((r) => [r.version, r.decision, r.workingDays])).toEqual([
      [1, 'returned', 3],
      [2, 'accepted', 7],
      [3, null, 4], // 15, 16, 17, 22: Easter skipped
    ]);
    expect(result.overall).toMatchObject({
      decided: { count: 2, median: 5 },
      accepted: 1,
      returned: 1,
      awaitingDecision: 1,
      longestAwaitingWorkingDays: 4,
    });
  });
});
