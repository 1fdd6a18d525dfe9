import { assertCommissioningCouncil } from '../contract/contract-liveness';
import type { ContractState } from '../contract/contract.state';
import type { DomainActor } from '../shared/decider';
import { WrongPartyError } from '../shared/domain-error';
import type { Instant } from '../shared/primitives';
import { requireRef } from '../shared/record-rules';
import type { ConcernState } from './concern.state';

/** The concern's council, acting under its confirmed contract, within its term while the term runs. */
export function assertConcernCouncil(actor: DomainActor, state: ConcernState, contract: ContractState | undefined, occurredAt: Instant, now: Instant): void {
  const loaded = requireRef(contract, 'contract', state.contractId as string);
  assertCommissioningCouncil(actor, loaded, state.serviceId as string, occurredAt, now);
}

/** The provider of the concern's service. */
export function assertConcernProvider(actor: DomainActor, state: ConcernState): void {
  if (actor.organisationKind !== 'provider' || actor.organisationId !== state.providerId) {
    throw new WrongPartyError('concern-provider-only', "Only the provider of the concern's service may do this");
  }
}

export const isConcernCouncil = (actor: DomainActor, state: ConcernState): boolean =>
  actor.organisationKind === 'council' && actor.organisationId === state.councilId;

export const isConcernProvider = (actor: DomainActor, state: ConcernState): boolean =>
  actor.organisationKind === 'provider' && actor.organisationId === state.providerId;
