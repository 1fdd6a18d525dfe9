import { EARLIEST_AS_OF, parseAsOfInput, parseDateInput } from '@caretrail/domain';
import { REPLAY_BASES, type ReplayBasis, type ReplayPoint } from '@caretrail/timeline';
import { formatDate } from '../rendering/date-format';
import { dateFromParts } from '../forms/date-parts';

export interface ReplayRequest {
  /** The point asked for, when a valid one was given. */
  point: ReplayPoint | null;
  /** What the reader typed, to show again. */
  values: Record<string, string>;
  /** The GOV.UK error for a date that is not a real one. */
  error: string | null;
}

/**
 * Reads the replay controls from the query string (asOf-day, -month, -year and basis; or asOf=YYYY-MM-DD
 * in a link). No date means the live record.
 */
export function readReplayRequest(query: Record<string, unknown>): ReplayRequest {
  const values: Record<string, string> = {};
  for (const key of ['asOf', 'asOf-day', 'asOf-month', 'asOf-year', 'basis']) {
    if (typeof query[key] === 'string') values[key] = (query[key] as string).trim();
  }
  const basis: ReplayBasis = REPLAY_BASES.includes(values.basis as ReplayBasis) ? (values.basis as ReplayBasis) : 'recorded';
  values.basis = basis;
  const typed = values.asOf || dateFromParts(values, 'asOf');
  if (!typed) return { point: null, values, error: null };
  // The same parser and range as the API's asOf (docs/dates-and-times.md), said as GOV.UK says it.
  const date = parseDateInput(typed);
  const outsideYears = !date.ok && date.kind === 'range';
  if (!date.ok && !outsideYears) return { point: null, values, error: 'The date to replay to must be a real date, for example 14 3 2025' };
  if (outsideYears || !parseAsOfInput(typed).ok) {
    const error =
      typed < EARLIEST_AS_OF ? `The date to replay to must be on or after ${formatDate(EARLIEST_AS_OF)}` : 'The date to replay to must be today or in the past';
    return { point: null, values, error };
  }
  const [year, month, day] = typed.split('-');
  return {
    point: { asOf: typed, basis },
    values: { ...values, 'asOf-day': String(Number(day)), 'asOf-month': String(Number(month)), 'asOf-year': year },
    error: null,
  };
}

/** The banner's words: which past view this is, said plainly. */
export function replayBanner(point: ReplayPoint): string {
  const day = formatDate(point.asOf);
  return point.basis === 'recorded'
    ? `You are looking at the record as it stood at the end of ${day} — as recorded then. Entries recorded later are not shown, even if they describe earlier events.`
    : `You are looking at what had happened by the end of ${day} — as occurred, including entries recorded later.`;
}

/** The query string that keeps a replay on links between pages. */
export const replayQuery = (point: ReplayPoint | null): string => (point ? `?asOf=${point.asOf}&basis=${point.basis}` : '');
