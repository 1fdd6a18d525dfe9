import type { Instant, LocalDate } from '@caretrail/domain';
import { addDays, assertLocalDate } from './local-date';

/** Instants are UTC; calendar dates are Europe/London (DESIGN.md, "Time"). */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function toMillis(instant: Instant | Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`${String(instant)} is not a valid instant`);
  return ms;
}

const HOUR_MS = 3_600_000;
/** Since 1900 London's offset from UTC is whole hours and changes only on a whole UTC hour. */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1900, 0, 1);
const offsetByUtcHour = new Map<number, number>();

/**
 * The London wall clock at an instant, read back as if it were UTC. Formatting with Intl costs
 * microseconds and timelines ask for thousands of dates, so the offset is kept per UTC hour (it never
 * changes within one since 1900; earlier instants, on local mean time, take the slow path).
 */
function londonWallClockMs(ms: number): number {
  if (ms < WHOLE_HOUR_OFFSETS_FROM) return formattedWallClockMs(ms);
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    if (offsetByUtcHour.size >= 200_000) offsetByUtcHour.clear();
    offset = formattedWallClockMs(hour * HOUR_MS) - hour * HOUR_MS;
    offsetByUtcHour.set(hour, offset);
  }
  return ms + offset;
}

function formattedWallClockMs(ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of LONDON.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (ms % 1000 + 1000) % 1000;
}

/** The Europe/London calendar date an instant falls on. */
export function toLondonDate(instant: Instant | Date): LocalDate {
  return new Date(londonWallClockMs(toMillis(instant))).toISOString().slice(0, 10);
}

/** The first instant of a London day. Clocks change at 01:00 UTC, never at midnight, so it always exists. */
export function startOfLondonDay(date: LocalDate): Instant {
  assertLocalDate(date);
  const wallMidnight = Date.parse(`${date}T00:00:00.000Z`);
  let guess = wallMidnight - (londonWallClockMs(wallMidnight) - wallMidnight);
  // One more step settles a guess made on the other side of a clock change.
  guess = wallMidnight - (londonWallClockMs(guess) - guess);
  return new Date(guess).toISOString();
}

/**
 * The asOf convention: a date means the end of that day in Europe/London, i.e. the last millisecond
 * before the next London midnight (23:59:59.999 GMT in winter, 22:59:59.999Z in summer).
 */
export function endOfLondonDay(date: LocalDate): Instant {
  return new Date(Date.parse(startOfLondonDay(addDays(date, 1))) - 1).toISOString();
}

/** Whether an instant falls on or before the given London day. Compares London dates, so it is exact at any precision. */
export const isOnOrBeforeLondonDay = (instant: Instant, date: LocalDate): boolean => toLondonDate(instant) <= date;
