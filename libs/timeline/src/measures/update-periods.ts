import type { LocalDate, UpdateSchedule } from '@caretrail/domain';
import { daysBetween } from '../calendar/local-date';

// The schedule itself is the domain's (expectedUpdatePeriods: period k ends acceptedOn + k x cadence,
// due by its end plus grace), so the decider and the cadence measure never disagree on due dates.

/**
 * The period an update reports on: the one whose days include its periodEnding. The decider only
 * accepts period ends, but a correction may move periodEnding anywhere; a date inside a period still
 * names that period. Null for the acceptance day or before.
 */
export function periodIndexOf(schedule: UpdateSchedule, periodEnding: LocalDate): number | null {
  const days = daysBetween(schedule.acceptedOn, periodEnding);
  return days >= 1 ? Math.ceil(days / schedule.cadenceDays) : null;
}
