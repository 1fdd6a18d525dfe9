import fc from 'fast-check';
import { bankHolidays, isBankHoliday } from './bank-holidays';
import { addDays, isoWeekday } from './local-date';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';

const datesOf = (year: number) => bankHolidays(year).map((h) => h.date);

describe('England and Wales bank holidays (checked against gov.uk)', () => {
  it('2024', () => {
    expect(datesOf(2024)).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
  });

  it('2025', () => {
    expect(datesOf(2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
  });

  it('2026, with Boxing Day substituted to Monday 28 December', () => {
    // The package also lists Boxing Day itself (Saturday 26th); on a weekend it changes nothing.
    expect(datesOf(2026).filter((d) => isoWeekday(d) <= 5)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it("2022's one-off days: the Platinum Jubilee and the State Funeral", () => {
    expect(isBankHoliday('2022-06-02')).toBe(true);
    expect(isBankHoliday('2022-06-03')).toBe(true);
    expect(isBankHoliday('2022-09-19')).toBe(true);
    expect(isBankHoliday('2022-12-27')).toBe(true); // Christmas Day substitute
  });

  it("2023's Coronation day", () => {
    expect(isBankHoliday('2023-05-08')).toBe(true);
  });

  it('leaves out observances such as Mothering Sunday and Scotland-only days', () => {
    expect(isBankHoliday('2025-03-30')).toBe(false); // Mothering Sunday
    expect(isBankHoliday('2025-01-02')).toBe(false); // Scotland
    expect(isBankHoliday('2025-08-04')).toBe(false); // Scotland's summer bank holiday
  });
});

describe('working days', () => {
  it.each([
    ['2025-03-03', '2025-03-05', 2, 'notified Monday, acknowledged Wednesday'],
    ['2025-03-03', '2025-03-03', 0, 'the same day'],
    ['2025-03-07', '2025-03-10', 1, 'Friday to Monday'],
    ['2025-03-08', '2025-03-09', 0, 'Saturday to Sunday'],
    ['2025-03-08', '2025-03-10', 1, 'Saturday to Monday'],
    ['2025-04-17', '2025-04-22', 1, 'over Easter 2025 (Good Friday 18, Easter Monday 21)'],
    ['2025-12-24', '2025-12-29', 1, 'over Christmas 2025'],
    ['2026-12-24', '2026-12-29', 1, 'over Christmas 2026 with Boxing Day substituted'],
    ['2022-09-16', '2022-09-20', 1, "over the Queen's State Funeral"],
    ['2023-05-05', '2023-05-09', 1, 'over the Coronation bank holiday'],
    ['2024-12-20', '2025-01-03', 7, 'across a year end'],
    ['2025-03-05', '2025-03-03', -2, 'backwards'],
    // 261 weekdays (Thu 2 Jan 2025 ... Thu 1 Jan 2026) less 7 later 2025 bank holidays and 1 Jan 2026
    ['2025-01-01', '2026-01-01', 253, 'a whole year'],
  ])('%s to %s is %i (%s)', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2025-03-07', 5, '2025-03-14', 'a Friday plus five is the next Friday'],
    ['2025-04-17', 5, '2025-04-28', 'over Easter'],
    ['2025-03-08', 1, '2025-03-10', 'from a Saturday'],
    ['2025-03-08', 0, '2025-03-08', 'zero stays put, even on a weekend'],
    ['2025-12-23', 2, '2025-12-29', 'over Christmas'],
  ])('%s plus %i working days is %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it('refuses a negative count and an invalid date', () => {
    expect(() => addWorkingDays('2025-03-03', -1)).toThrow(RangeError);
    expect(() => workingDaysBetween('2025-02-30', '2025-03-03')).toThrow(RangeError);
  });

  const date = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2020-01-01', n));

  it('is additive: (a, b) + (b, c) = (a, c), in any order', () => {
    fc.assert(fc.property(date, date, date, (a, b, c) => workingDaysBetween(a, b) + workingDaysBetween(b, c) === workingDaysBetween(a, c)));
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (a, span) => {
        let count = 0;
        for (let i = 1; i <= span; i++) if (isWorkingDay(addDays(a, i))) count++;
        return workingDaysBetween(a, addDays(a, span)) === count;
      }),
    );
  });

  it('addWorkingDays is its inverse and lands on a working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (a, n) => {
        const b = addWorkingDays(a, n);
        return workingDaysBetween(a, b) === n && isWorkingDay(b);
      }),
    );
  });
});
