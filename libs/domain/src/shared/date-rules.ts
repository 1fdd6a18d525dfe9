import { DomainRuleError } from './domain-error';
import { compareLocalDates, isLocalDate, toLocalDate } from './local-date';
import type { Instant, LocalDate } from './primitives';

/** A calendar date field holds a real `YYYY-MM-DD` date. */
export function assertLocalDate(date: LocalDate, field: string): void {
  if (!isLocalDate(date)) throw new DomainRuleError('date-valid', `${field} ${date} is not a calendar date (YYYY-MM-DD)`);
}

/** A date that records something that happened is not after today in Europe/London. */
export function assertDateNotInFuture(date: LocalDate, now: Instant, field: string): void {
  assertLocalDate(date, field);
  const today = toLocalDate(now);
  if (compareLocalDates(date, today) > 0) {
    throw new DomainRuleError('date-not-in-future', `${field} ${date} is after today (${today})`);
  }
}

/**
 * A response never happens before what it answers (an acknowledgement before the notification),
 * else the responsiveness measures would go negative.
 */
export function assertOccurredInOrder(occurredAt: Instant, earlier: Instant | null, what: string): void {
  if (earlier !== null && Date.parse(occurredAt) < Date.parse(earlier)) {
    throw new DomainRuleError('occurred-at-in-order', `occurredAt ${occurredAt} is before ${what} (${earlier})`);
  }
}

/** The latest of several record starts: a new record cannot begin before the records it builds on. */
export const latestInstant = (...instants: (Instant | null)[]): Instant | null =>
  instants.reduce<Instant | null>((latest, at) => (at !== null && (latest === null || Date.parse(at) > Date.parse(latest)) ? at : latest), null);
