import { addDays, addMonths, daysBetween, formatDate, isLocalDate, isoWeekday } from './local-date';

describe('local dates', () => {
  it('knows real dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-3-1')).toBe(false);
    expect(isLocalDate(20250301)).toBe(false);
  });

  it('adds days across a DST change and a year end', () => {
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(daysBetween('2025-03-01', '2025-03-31')).toBe(30);
    expect(daysBetween('2025-03-31', '2025-03-01')).toBe(-30);
  });

  it('adds months, clamping to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-03-14', 12)).toBe('2026-03-14');
  });

  it('names weekdays and formats dates for sentences', () => {
    expect(isoWeekday('2025-03-03')).toBe(1); // Monday
    expect(isoWeekday('2025-03-09')).toBe(7); // Sunday
    expect(formatDate('2025-03-14')).toBe('14 Mar 2025');
    expect(formatDate('2026-12-01')).toBe('1 Dec 2026');
  });
});
