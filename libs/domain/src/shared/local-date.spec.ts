import { addDays, compareLocalDates, daysBetween, isLocalDate, parseLocalDate, toLocalDate } from './local-date';

describe('local dates (Europe/London)', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(parseLocalDate('2026-03-01')).toEqual({ year: 2026, month: 3, day: 1 });
  });

  it('adds days across month, year and clock changes', () => {
    expect(addDays('2026-01-27', 7)).toBe('2026-02-03');
    expect(addDays('2025-12-29', 7)).toBe('2026-01-05');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29'); // clocks go forward on 29 March 2026
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('counts and compares days', () => {
    expect(daysBetween('2026-01-20', '2026-03-01')).toBe(40);
    expect(daysBetween('2026-03-01', '2026-01-20')).toBe(-40);
    expect(compareLocalDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareLocalDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareLocalDates('2026-01-10', '2026-01-02')).toBe(1);
  });

  it('reads an instant as a London date, summer time included', () => {
    expect(toLocalDate('2026-01-31T23:30:00Z')).toBe('2026-01-31'); // GMT
    expect(toLocalDate('2026-06-30T23:30:00Z')).toBe('2026-07-01'); // BST: 00:30 on 1 July
    expect(toLocalDate('2026-03-29T00:30:00Z')).toBe('2026-03-29'); // before the change at 01:00 UTC
    expect(toLocalDate('2026-03-29T23:30:00Z')).toBe('2026-03-30');
    expect(toLocalDate('2026-10-25T23:30:00Z')).toBe('2026-10-25'); // back on GMT
  });

  it('rule occurred-at-valid: an instant that is no instant', () => {
    expect(() => toLocalDate('yesterday')).toThrow(expect.objectContaining({ rule: 'occurred-at-valid' }));
  });
});
