import type { LocalDate } from '@caretrail/domain';

/**
 * Civil-date arithmetic on `YYYY-MM-DD` strings (Europe/London calendar dates). Done through UTC
 * midnights so that daylight saving never shows: a day is a day.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Valid dates already seen, with their day numbers, and the dates of day numbers already formatted:
 * timelines and measures ask for the same few thousand dates over and over. Bounded all the same.
 */
const CACHE_LIMIT = 100_000;
const dayOfDate = new Map<string, number>();
const dateOfDay = new Map<number, LocalDate>();

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  if (dayOfDate.has(value)) return true;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const probe = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return false;
  if (dayOfDate.size >= CACHE_LIMIT) dayOfDate.clear();
  dayOfDate.set(value, ms / DAY_MS);
  return true;
}

export function assertLocalDate(value: string, what = 'date'): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`${what} ${value} is not a calendar date (YYYY-MM-DD)`);
  return value;
}

/** Days since 1970-01-01 (negative before). */
export function epochDay(date: LocalDate): number {
  const known = dayOfDate.get(date);
  if (known !== undefined) return known;
  assertLocalDate(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromEpochDay(day: number): LocalDate {
  let date = dateOfDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateOfDay.size >= CACHE_LIMIT) dateOfDay.clear();
    dateOfDay.set(day, date);
  }
  return date;
}

export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(epochDay(date) + days);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => epochDay(to) - epochDay(from);

/** Same day of the month `months` later, clamped to the month's end (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** ISO weekday: Monday 1 ... Sunday 7. */
export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(epochDay(date) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
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
