import * as timeline from '@caretrail/timeline';

describe('@caretrail/timeline public API', () => {
  it('is reachable through the path alias and exposes the entry points', () => {
    for (const name of [
      'toLondonDate',
      'endOfLondonDay',
      'workingDaysBetween',
      'addWorkingDays',
      'isBankHoliday',
      'effectiveEvents',
      'computeMeasures',
      'measureContext',
      'cadenceAdherence',
      'buildTimeline',
      'queryTimeline',
      'timelineToCsv',
      'encodeCursor',
      'asOf',
      'replayTimeline',
      'replayMeasures',
    ]) {
      expect(typeof (timeline as Record<string, unknown>)[name]).toBe('function');
    }
    expect(timeline.DEFAULT_CLOCKS).toMatchObject({ acknowledgeWithinWorkingDays: 5, reopenWindowMonths: 12, lateRecordAfterWorkingDays: 2 });
  });

  it('does not export the test factories', () => {
    expect('EventHistory' in timeline).toBe(false);
  });
});
