import { addDays, compareLocalDates, daysBetween } from '../shared/local-date';
import type { LocalDate } from '../shared/primitives';

/**
 * When plan updates are expected. Period k (k = 1, 2, ...) ends on acceptedOn + k * cadenceDays and
 * begins the day after the previous one ended, so the acceptance day itself belongs to no period.
 * An update belongs to the period whose end is its periodEnding; it is on time when submitted by the
 * period's end plus the grace days. Pure, so the decider and the cadence-adherence measure agree.
 */
export interface UpdateSchedule {
  /** The Europe/London date the plan was first accepted (under its current request). */
  acceptedOn: LocalDate;
  cadenceDays: number;
  graceDays: number;
}

export interface UpdatePeriod {
  /** 1 for the first period after acceptance. */
  index: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  /** The last day an update for this period counts as on time: endsOn + graceDays. */
  dueBy: LocalDate;
}

export function updatePeriod(schedule: UpdateSchedule, index: number): UpdatePeriod {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`Update periods are numbered from 1, not ${index}`);
  const endsOn = addDays(schedule.acceptedOn, index * schedule.cadenceDays);
  return {
    index,
    startsOn: addDays(schedule.acceptedOn, (index - 1) * schedule.cadenceDays + 1),
    endsOn,
    dueBy: addDays(endsOn, schedule.graceDays),
  };
}

/** The period in progress on a date: the first whose end is on or after it (period 1 on the acceptance day). */
export function currentUpdatePeriod(schedule: UpdateSchedule, on: LocalDate): UpdatePeriod {
  const elapsed = daysBetween(schedule.acceptedOn, on);
  return updatePeriod(schedule, Math.max(1, Math.ceil(elapsed / schedule.cadenceDays)));
}

/** The period that ends on this date, or null when no period does. */
export function periodEndingOn(schedule: UpdateSchedule, periodEnding: LocalDate): UpdatePeriod | null {
  const elapsed = daysBetween(schedule.acceptedOn, periodEnding);
  if (elapsed <= 0 || elapsed % schedule.cadenceDays !== 0) return null;
  return updatePeriod(schedule, elapsed / schedule.cadenceDays);
}

/** Every period that has ended on or before `through`, oldest first: the periods an update was expected for. */
export function expectedUpdatePeriods(schedule: UpdateSchedule, through: LocalDate): UpdatePeriod[] {
  const count = Math.max(0, Math.floor(daysBetween(schedule.acceptedOn, through) / schedule.cadenceDays));
  return Array.from({ length: count }, (_, i) => updatePeriod(schedule, i + 1));
}

/** An update submitted on this date counts for its period when it arrives by the period's end plus grace. */
export const updateOnTime = (period: UpdatePeriod, submittedOn: LocalDate): boolean => compareLocalDates(submittedOn, period.dueBy) <= 0;
