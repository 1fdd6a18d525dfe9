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

export function parseLocalDate(date: string): CivilDate | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export const isLocalDate = (date: unknown): date is LocalDate => typeof date === 'string' && parseLocalDate(date) !== null;

export function formatLocalDate({ year, month, day }: CivilDate): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toEpochDay(date: LocalDate): number {
  const civil = parseLocalDate(date);
  if (!civil) throw new DomainRuleError('date-valid', `${date} is not a calendar date (YYYY-MM-DD)`);
  return Date.UTC(civil.year, civil.month - 1, civil.day) / DAY_MS;
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * DAY_MS);
  return formatLocalDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(toEpochDay(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => toEpochDay(to) - toEpochDay(from);

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
