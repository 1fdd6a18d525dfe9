import { currentUpdatePeriod, expectedUpdatePeriods, periodEndingOn, updateOnTime, updatePeriod, type UpdateSchedule } from './update-periods';

const weekly: UpdateSchedule = { acceptedOn: '2026-01-20', cadenceDays: 7, graceDays: 2 };

describe('update periods', () => {
  it('period k ends k cadences after acceptance and starts the day after the previous one', () => {
    expect(updatePeriod(weekly, 1)).toEqual({ index: 1, startsOn: '2026-01-21', endsOn: '2026-01-27', dueBy: '2026-01-29' });
    expect(updatePeriod(weekly, 2)).toEqual({ index: 2, startsOn: '2026-01-28', endsOn: '2026-02-03', dueBy: '2026-02-05' });
    expect(() => updatePeriod(weekly, 0)).toThrow(RangeError);
  });

  it('finds the period a periodEnding closes, or none', () => {
    expect(periodEndingOn(weekly, '2026-02-03')?.index).toBe(2);
    expect(periodEndingOn(weekly, '2026-02-04')).toBeNull();
    expect(periodEndingOn(weekly, '2026-01-20')).toBeNull(); // the acceptance day ends no period
    expect(periodEndingOn(weekly, '2026-01-13')).toBeNull();
  });

  it('the current period is the first ending on or after the date', () => {
    expect(currentUpdatePeriod(weekly, '2026-01-20').index).toBe(1);
    expect(currentUpdatePeriod(weekly, '2026-01-27').index).toBe(1);
    expect(currentUpdatePeriod(weekly, '2026-01-28').index).toBe(2);
    expect(currentUpdatePeriod(weekly, '2026-03-01').endsOn).toBe('2026-03-03');
  });

  it('expects an update for every period ended by a date', () => {
    expect(expectedUpdatePeriods(weekly, '2026-01-26')).toEqual([]);
    expect(expectedUpdatePeriods(weekly, '2026-02-03').map((p) => p.endsOn)).toEqual(['2026-01-27', '2026-02-03']);
    expect(expectedUpdatePeriods({ ...weekly, cadenceDays: 14 }, '2026-03-01').map((p) => p.endsOn)).toEqual(['2026-02-03', '2026-02-17']);
  });

  it('an update is on time up to the period end plus grace', () => {
    const first = updatePeriod(weekly, 1);
    expect(updateOnTime(first, '2026-01-29')).toBe(true);
    expect(updateOnTime(first, '2026-01-30')).toBe(false);
  });
});
