import { DomainRuleError } from './domain-error';
import type { Instant } from './primitives';

/**
 * occurredAt is never in the future and never before the record began (the stream's first event).
 * A small allowance for clock skew between a client and the server keeps "now" usable.
 */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;

export function assertOccurredAt(occurredAt: Instant, now: Instant, recordBeganAt: Instant | null): void {
  const at = Date.parse(occurredAt);
  if (Number.isNaN(at)) {
    throw new DomainRuleError('occurred-at-valid', `occurredAt ${occurredAt} is not a valid instant`);
  }
  if (at > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new DomainRuleError('occurred-at-not-in-future', `occurredAt ${occurredAt} is in the future (now ${now})`);
  }
  if (recordBeganAt !== null && at < Date.parse(recordBeganAt)) {
    throw new DomainRuleError('occurred-at-not-before-record', `occurredAt ${occurredAt} is before the record began (${recordBeganAt})`);
  }
}
