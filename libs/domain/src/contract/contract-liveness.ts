import type { DomainActor } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { compareLocalDates, toLocalDate } from '../shared/local-date';
import type { Instant, LocalDate } from '../shared/primitives';
import type { ContractState } from './contract.state';

/** The last day of the contract's term: the day it ended, else the end date in force. */
export function lastDayOf(contract: ContractState): LocalDate | null {
  return contract.ended ? contract.ended.endedOn : contract.endsOn;
}

/**
 * Live on a date: within its term and not yet ended on that date. An ended contract was live up to and
 * including its end date (what it was live for is still shown; nothing new is dated into it, see
 * assertDatedWithinTerm).
 */
export function contractLiveOn(contract: ContractState, date: LocalDate): boolean {
  const lastDay = lastDayOf(contract);
  if (!contract.exists || contract.startsOn === null || lastDay === null) return false;
  return compareLocalDates(contract.startsOn, date) <= 0 && compareLocalDates(date, lastDay) <= 0;
}

/** An award gives rights only once the provider confirmed it (or an administrator recorded it from the signed contract). */
export const isConfirmed = (contract: ContractState): boolean => contract.confirmation !== null;

export function assertConfirmed(contract: ContractState): void {
  if (!isConfirmed(contract)) {
    throw new WrongPartyError(
      'contract-awaiting-confirmation',
      `Contract ${contract.contractId} is awarded but awaits the provider's confirmation: until then it gives council ${contract.councilId} no rights`,
    );
  }
}

/**
 * An act under a contract is dated within its term (in Europe/London), and is recorded while the term
 * runs: once the term is over nothing more is dated into it, so a council cannot reach back into a
 * contract it no longer holds.
 */
export function assertDatedWithinTerm(contract: ContractState, occurredAt: Instant, now: Instant): void {
  const date = toLocalDate(occurredAt);
  const lastDay = lastDayOf(contract) as LocalDate;
  if (!contractLiveOn(contract, date)) {
    throw new DomainRuleError(
      'occurred-at-within-contract-term',
      `occurredAt ${occurredAt} (${date}) is outside contract ${contract.contractId}'s term, ${contract.startsOn} to ${lastDay}`,
    );
  }
  const today = toLocalDate(now);
  if (compareLocalDates(lastDay, today) < 0) {
    throw new DomainRuleError(
      'contract-term-over',
      `Contract ${contract.contractId}'s term ended on ${lastDay}: nothing more is dated into it (occurredAt ${occurredAt})`,
    );
  }
}

/**
 * The council speaks for a service only through a confirmed contract of its own that covers the
 * service, acting within the contract's term while the term runs.
 */
export function assertCommissioningCouncil(actor: DomainActor, contract: ContractState, serviceId: string, occurredAt: Instant, now: Instant): void {
  if (actor.organisationKind !== 'council' || actor.organisationId !== contract.councilId) {
    throw new WrongPartyError('contract-council-only', `Only the council that holds contract ${contract.contractId} may do this`);
  }
  assertConfirmed(contract);
  if (!contract.serviceIds.includes(serviceId)) {
    throw new WrongPartyError('contract-must-cover-service', `Contract ${contract.contractId} does not cover service ${serviceId}`);
  }
  assertDatedWithinTerm(contract, occurredAt, now);
}
