import type { DomainActor } from '../shared/decider';
import { WrongPartyError } from '../shared/domain-error';
import { compareLocalDates, toLocalDate } from '../shared/local-date';
import type { Instant, LocalDate } from '../shared/primitives';
import type { ContractState } from './contract.state';

/**
 * Live on a date: within its term and not yet ended on that date. An ended contract was live up to and
 * including its end date, so a backdated record of what happened while it ran is still accepted.
 */
export function contractLiveOn(contract: ContractState, date: LocalDate): boolean {
  if (!contract.exists || contract.startsOn === null || contract.endsOn === null) return false;
  const lastDay = contract.ended ? contract.ended.endedOn : contract.endsOn;
  return compareLocalDates(contract.startsOn, date) <= 0 && compareLocalDates(date, lastDay) <= 0;
}

/** The council speaks for a service only through a live contract of its own that covers the service. */
export function assertCommissioningCouncil(
  actor: DomainActor,
  contract: ContractState,
  serviceId: string,
  occurredAt: Instant,
): void {
  if (actor.organisationKind !== 'council' || actor.organisationId !== contract.councilId) {
    throw new WrongPartyError('contract-council-only', `Only the council that holds contract ${contract.contractId} may do this`);
  }
  const date = toLocalDate(occurredAt);
  if (!contractLiveOn(contract, date)) {
    throw new WrongPartyError('contract-must-be-live', `Contract ${contract.contractId} is not live on ${date}`);
  }
  if (!contract.serviceIds.includes(serviceId)) {
    throw new WrongPartyError('contract-must-cover-service', `Contract ${contract.contractId} does not cover service ${serviceId}`);
  }
}
