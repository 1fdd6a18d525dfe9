import type { LocalDate } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { assertLocalDate } from '../calendar/local-date';
import { endOfLondonDay } from '../calendar/london-time';

/**
 * The two questions replay answers (DESIGN.md, "Timelines and replay"):
 * - 'recorded': what the record showed on date T: events recorded by the end of T (London).
 * - 'occurred': what had happened by date T: events that occurred by the end of T, including ones
 *   recorded later (a backdated update, a late visit note).
 */
export type ReplayBasis = 'recorded' | 'occurred';

export const REPLAY_BASES: readonly ReplayBasis[] = ['recorded', 'occurred'];

/** The events a replay as of `date` on `basis` works from, in their input order. */
export function asOf<E extends RecordedEvent>(events: readonly E[], date: LocalDate, basis: ReplayBasis): E[] {
  assertLocalDate(date, 'asOf');
  if (!REPLAY_BASES.includes(basis)) throw new RangeError(`basis must be 'recorded' or 'occurred', not ${String(basis)}`);
  const end = Date.parse(endOfLondonDay(date));
  return events.filter((e) => Date.parse(basis === 'recorded' ? e.recordedAt : e.occurredAt) <= end);
}
