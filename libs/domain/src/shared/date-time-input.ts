import { addDays, parseLocalDate, toLocalDate } from './local-date';
import type { Instant, LocalDate } from './primitives';

/**
 * The one parser for instants and calendar dates that arrive from outside (request bodies, query
 * strings, forms). Every form it accepts is listed in docs/dates-and-times.md; anything else is a
 * problem said in words, so the edge can answer 400 naming the field instead of letting
 * `new Date(...)` turn it into "Invalid Date" and a 500 further in.
 *
 * - An instant is RFC 3339 / ISO 8601 extended: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or
 *   an offset `+HH:MM` / `-HH:MM` (a time without an offset would be read in the server's zone, so it
 *   is refused). `T` and `Z` may be lower case; the fraction separator is `.` (1 to 9 digits, kept
 *   to the millisecond). It comes back normalised as the domain stores it: `YYYY-MM-DDTHH:MM:SS.sssZ`.
 * - A calendar date is `YYYY-MM-DD` and a real day (no 30 February).
 * - Both lie in the years 1900 to 2999: London's clock before 1900 was not a whole-hour offset and
 *   arithmetic past 9999 leaves the four-digit form, so nothing outside is a care record's date.
 */
export type ParsedInput<T> = { ok: true; value: T } | { ok: false; problem: string; kind: InputProblemKind };
/** shape: not one of the accepted forms; unreal: no such day or time; range: outside the accepted years or days. */
export type InputProblemKind = 'shape' | 'unreal' | 'range';

export const EARLIEST_INPUT_YEAR = 1900;
export const LATEST_INPUT_YEAR = 2999;

export const INSTANT_EXAMPLE = '2025-03-14T10:30:00Z';
export const DATE_EXAMPLE = '2025-03-14';

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE_MS = 60_000;

const fail = <T>(kind: InputProblemKind, problem: string): ParsedInput<T> => ({ ok: false, problem, kind });
const inYears = (year: number) => year >= EARLIEST_INPUT_YEAR && year <= LATEST_INPUT_YEAR;
const YEARS = `between ${EARLIEST_INPUT_YEAR} and ${LATEST_INPUT_YEAR}`;

/** A calendar date typed or sent by a client: `YYYY-MM-DD`, a real day, in the accepted years. */
export function parseDateInput(text: unknown): ParsedInput<LocalDate> {
  if (typeof text !== 'string' || !DATE_PATTERN.test(text)) return fail('shape', `must be a date written YYYY-MM-DD, e.g. ${DATE_EXAMPLE}`);
  if (!inYears(Number(text.slice(0, 4)))) return fail('range', `must be a date ${YEARS}`);
  if (!parseLocalDate(text)) return fail('unreal', `must be a real calendar date (${text} does not exist)`);
  return { ok: true, value: text };
}

/** An instant sent by a client, normalised to `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function parseInstantInput(text: unknown): ParsedInput<Instant> {
  const shape = `must be a date and time written YYYY-MM-DDTHH:MM[:SS[.fraction]] with Z or an offset such as +01:00, e.g. ${INSTANT_EXAMPLE}`;
  if (typeof text !== 'string') return fail('shape', shape);
  const match = INSTANT_PATTERN.exec(text);
  if (!match) return fail('shape', shape);
  const [, year, month, day, hour, minute, second = '0', fraction = '', zulu, sign, offsetHours, offsetMinutes] = match;
  if (!parseLocalDate(`${year}-${month}-${day}`) && inYears(Number(year)))
    return fail('unreal', `must be a real date and time (${year}-${month}-${day} does not exist)`);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    return fail('unreal', `must be a real date and time (${hour}:${minute}:${second.padStart(2, '0')} is not a time of day)`);
  if (!zulu && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59))
    return fail('unreal', `must have an offset from -23:59 to +23:59 (${sign}${offsetHours}:${offsetMinutes} is not one)`);
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  const at = new Date(wall - offset * MINUTE_MS);
  // Date.UTC reads years 0 to 99 as 1900 to 1999: the year check below is on the instant itself.
  if (!inYears(Number(year)) || !inYears(at.getUTCFullYear())) return fail('range', `must be a date and time ${YEARS}`);
  return { ok: true, value: at.toISOString() };
}

/** The earliest day a replay (`asOf`) may ask for: before any record CareTrail could hold. */
export const EARLIEST_AS_OF: LocalDate = '2000-01-01';

/**
 * The latest day a replay may ask for: tomorrow in Europe/London, so a client a few hours ahead of
 * London can still ask for its own today. A later day would only show the live record under a
 * misleading label, and far-off days are where date arithmetic leaves the four-digit years.
 */
export const latestAsOf = (now: Date = new Date()): LocalDate => addDays(toLocalDate(now.toISOString()), 1);

/** A replay date (`asOf`): a calendar date from EARLIEST_AS_OF to latestAsOf(now). */
export function parseAsOfInput(text: unknown, now: Date = new Date()): ParsedInput<LocalDate> {
  const date = parseDateInput(text);
  if (!date.ok) return date;
  const latest = latestAsOf(now);
  if (date.value < EARLIEST_AS_OF || date.value > latest) return fail('range', `must be a day from ${EARLIEST_AS_OF} to ${latest} (tomorrow in Europe/London)`);
  return date;
}
