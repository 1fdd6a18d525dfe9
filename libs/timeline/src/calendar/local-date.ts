import { isLocalDate, type LocalDate } from '@caretrail/domain';

/**
 * Civil-date arithmetic on `YYYY-MM-DD` strings (Europe/London calendar dates) has one home, the
 * domain's shared/local-date.ts (cached, through UTC midnights so daylight saving never shows); the
 * timeline's calendar uses it and adds what only timelines and measures need.
 */
export { isLocalDate, epochDay, fromEpochDay, addDays, daysBetween, addMonths, isoWeekday } from '@caretrail/domain';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function assertLocalDate(value: string, what = 'date'): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`${what} ${value} is not a calendar date (YYYY-MM-DD)`);
  return value;
}

/** `YYYY-MM-DD` strings sort as dates, so plain comparison is exact. */
export const compareDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

/** "14 Mar 2025", as a council officer writes a date in a sentence. */
export function formatDate(date: LocalDate): string {
  assertLocalDate(date);
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}
