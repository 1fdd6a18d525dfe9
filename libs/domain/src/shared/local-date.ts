import { DomainRuleError } from './domain-error';
import type { Instant, LocalDate } from './primitives';

/**
 * Calendar dates are `YYYY-MM-DD` strings in Europe/London. Arithmetic on them is civil-date
 * arithmetic (a day is a day, whatever the clocks do), done through UTC midnights so DST never shows.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Valid dates already seen, with their day numbers, and the dates of day numbers already formatted:
 * timelines and measures ask for the same few thousand dates over and over. Bounded all the same.
 * The one home of civil-date arithmetic: @caretrail/timeline's calendar imports it.
 */
const CACHE_LIMIT = 100_000;
const dayOfDate = new Map<string, number>();
const dateOfDay = new Map<number, LocalDate>();

export function parseLocalDate(date: string): CivilDate | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isLocalDate(date: unknown): date is LocalDate {
  if (typeof date !== 'string') return false;
  if (dayOfDate.has(date)) return true;
  const civil = parseLocalDate(date);
  if (!civil) return false;
  if (dayOfDate.size >= CACHE_LIMIT) dayOfDate.clear();
  dayOfDate.set(date, Date.UTC(civil.year, civil.month - 1, civil.day) / DAY_MS);
  return true;
}

export function formatLocalDate({ year, month, day }: CivilDate): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function epochDay(date: LocalDate): number {
  const known = dayOfDate.get(date);
  if (known !== undefined) return known;
  const civil = isLocalDate(date) ? parseLocalDate(date) : null;
  if (!civil) throw new DomainRuleError('date-valid', `${date} is not a calendar date (YYYY-MM-DD)`);
  return Date.UTC(civil.year, civil.month - 1, civil.day) / DAY_MS;
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

/** Whole days from `from` to `to` (negative when `to` is earlier). */
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

/** Negative, zero or positive, for sorting and comparing. */
export const compareLocalDates = (a: LocalDate, b: LocalDate): number => Math.sign(daysBetween(b, a));

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/London calendar date an instant falls on. */
export function toLocalDate(instant: Instant): LocalDate {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new DomainRuleError('occurred-at-valid', `${instant} is not a valid instant`);
  const parts = londonDate.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return formatLocalDate({ year: part('year'), month: part('month'), day: part('day') });
}
