import type { Instant, LocalDate } from '@caretrail/domain';
import { addDays, assertLocalDate, fromEpochDay } from './local-date';

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
const DAY_MS = 86_400_000;
/** Since 1900 London's offset from UTC is whole hours and changes only on a whole UTC hour. */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1900, 0, 1);
/** The offset of each UTC day on which it does not change, else of each hour: bounded caches. */
const CACHE_LIMIT = 200_000;
const offsetByUtcDay = new Map<number, number | null>();
const offsetByUtcHour = new Map<number, number>();

/**
 * The London wall clock at an instant, read back as if it were UTC. Formatting with Intl costs
 * microseconds and timelines ask for thousands of dates, so the offset is kept per UTC day (the
 * clocks change on two days a year; on those, per UTC hour, as it never changes within an hour
 * since 1900). Earlier instants, on local mean time, take the slow path.
 */
function londonWallClockMs(ms: number): number {
  if (ms < WHOLE_HOUR_OFFSETS_FROM) return formattedWallClockMs(ms);
  const day = Math.floor(ms / DAY_MS);
  let dayOffset = offsetByUtcDay.get(day);
  if (dayOffset === undefined) {
    const first = offsetAtHour(day * 24);
    // London changes at most once a day (at 01:00 UTC): equal at both ends means no change that day.
    dayOffset = first === offsetAtHour(day * 24 + 23) ? first : null;
    if (offsetByUtcDay.size >= CACHE_LIMIT) offsetByUtcDay.clear();
    offsetByUtcDay.set(day, dayOffset);
  }
  return ms + (dayOffset ?? offsetAtHour(Math.floor(ms / HOUR_MS)));
}

function offsetAtHour(hour: number): number {
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    if (offsetByUtcHour.size >= CACHE_LIMIT) offsetByUtcHour.clear();
    offset = formattedWallClockMs(hour * HOUR_MS) - hour * HOUR_MS;
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

function formattedWallClockMs(ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of LONDON.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (((ms % 1000) + 1000) % 1000);
}

/** The Europe/London calendar date an instant falls on. */
export function toLondonDate(instant: Instant | Date): LocalDate {
  return fromEpochDay(Math.floor(londonWallClockMs(toMillis(instant)) / DAY_MS));
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
