import type { LocalDate } from '@caretrail/domain';
import { bankHolidays, isBankHoliday } from './bank-holidays';
import { addDays, assertLocalDate, epochDay, isoWeekday } from './local-date';

/** Working days in England: not Saturday or Sunday, not an England and Wales bank holiday. */
export const isWorkingDay = (date: LocalDate): boolean => isoWeekday(date) <= 5 && !isBankHoliday(date);

// 1969-12-29 was a Monday: weekdays are counted from there in whole weeks plus a remainder.
const MONDAY_EPOCH_DAY = -3;
const mod = (n: number, m: number) => ((n % m) + m) % m;

/** Weekdays (Mon-Fri) on epoch days strictly before `day`, counted from the anchor Monday. */
function weekdaysBefore(day: number): number {
  const n = day - MONDAY_EPOCH_DAY;
  return 5 * Math.floor(n / 7) + Math.min(mod(n, 7), 5);
}

/** Working days in (from, to]: after `from`, up to and including `to`. */
function workingDaysAfterUpTo(from: LocalDate, to: LocalDate): number {
  let count = weekdaysBefore(epochDay(to) + 1) - weekdaysBefore(epochDay(from) + 1);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const { date } of bankHolidays(year)) {
      if (date > from && date <= to && isoWeekday(date) <= 5) count--;
    }
  }
  return count;
}

/**
 * The number of working days after `from`, up to and including `to`: notified on Monday and
 * acknowledged on Wednesday is 2; the same day is 0; notified Friday, answered Monday is 1.
 * When `to` is earlier the result is negative (minus the count the other way round), so that
 * workingDaysBetween(a, b) + workingDaysBetween(b, c) = workingDaysBetween(a, c) for any dates.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  assertLocalDate(from, 'from');
  assertLocalDate(to, 'to');
  return from <= to ? workingDaysAfterUpTo(from, to) : -workingDaysAfterUpTo(to, from);
}

/**
 * The date `count` working days after `date` (count >= 0), the inverse of workingDaysBetween:
 * workingDaysBetween(date, addWorkingDays(date, n)) = n. addWorkingDays(date, 0) is `date` itself.
 * So a notice due "within 5 working days" of a Friday is due by the next Friday.
 */
export function addWorkingDays(date: LocalDate, count: number): LocalDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, not ${count}`);
  let day = assertLocalDate(date);
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}
