import { contractDecider } from '../contract/contract.decider';
import type { ContractState } from '../contract/contract.state';
import { organisationDecider, type OrganisationState } from '../organisation/organisation.decider';
import { serviceDecider } from '../service/service.decider';
import type { ServiceState } from '../service/service.state';
import { fold, type DomainActor, type Occurred, type Recorded } from '../shared/decider';
import type { OrganisationKind, Role } from '../shared/primitives';

/** Shared cast and records for domain tests: one council, one provider with one service, one contract. */
export const NOW = '2026-03-01T12:00:00.000Z';

export const IDS = {
  council: 'council-1',
  otherCouncil: 'council-2',
  provider: 'provider-1',
  otherProvider: 'provider-2',
  regulator: 'cqc',
  service: 'service-1',
  otherService: 'service-2',
  contract: 'contract-1',
  concern: 'concern-1',
} as const;

const actor = (organisationId: string, organisationKind: OrganisationKind | 'admin', role: Role): DomainActor => ({
  userId: `u-${organisationId}`,
  organisationId,
  organisationKind,
  role,
});

export const ACTORS = {
  admin: actor('caretrail', 'admin', 'admin'),
  council: actor(IDS.council, 'council', 'qa_officer'),
  otherCouncil: actor(IDS.otherCouncil, 'council', 'qa_officer'),
  provider: actor(IDS.provider, 'provider', 'registered_manager'),
  otherProvider: actor(IDS.otherProvider, 'provider', 'registered_manager'),
  regulator: actor(IDS.regulator, 'regulator', 'inspector'),
};

/** `2026-01-05` → a morning instant that day (UTC; in winter that is the London date too). */
export const at = (date: string, time = '10:00'): string => `${date}T${time}:00.000Z`;

let sequence = 0;

/** An event as stored, recorded by this actor's organisation, with a readable id when a test targets it. */
export function by(who: DomainActor, event: Occurred, eventId?: string): Recorded {
  sequence += 1;
  return {
    ...event,
    eventId: eventId ?? `evt-${who.organisationId}-${sequence}`,
    recordedAt: event.occurredAt,
    streamVersion: sequence,
    actor: { userId: who.userId, organisationId: who.organisationId, role: who.role },
  } as Recorded;
}

export const providerOrganisation = (id: string = IDS.provider, kind: OrganisationKind = 'provider'): OrganisationState =>
  fold(organisationDecider, [
    by(ACTORS.admin, { type: 'OrganisationRegistered', occurredAt: at('2025-01-01'), data: { organisationId: id, kind, name: `Org ${id}` } }),
  ]);

export const registeredService = (serviceId: string = IDS.service, providerId: string = IDS.provider): ServiceState =>
  fold(serviceDecider, [
    by(ACTORS.provider, {
      type: 'ServiceRegistered',
      occurredAt: at('2025-01-10'),
      data: { serviceId, providerId, name: '5 Fengates', serviceType: 'supported_living', regulator: 'CQC', locationId: '1-123' },
    }),
  ]);

/** The provider's confirmation of the shared contract: what makes the award give its council rights. */
export const contractConfirmedByProvider = (serviceIds: string[] = [IDS.service]): Recorded =>
  by(ACTORS.provider, {
    type: 'ContractConfirmed',
    occurredAt: at('2025-02-03'),
    data: { contractId: IDS.contract, councilId: IDS.council, providerId: IDS.provider, serviceIds, confirmedBy: 'provider', signedContract: null },
  });

/** The shared contract, awarded and confirmed by its provider (pass `confirmed: false` for a bare award). */
export const contractAwarded = (extra: Recorded[] = [], serviceIds: string[] = [IDS.service], confirmed = true): ContractState =>
  fold(contractDecider, [
    by(ACTORS.council, {
      type: 'ContractAwarded',
      occurredAt: at('2025-02-01'),
      data: {
        contractId: IDS.contract,
        councilId: IDS.council,
        providerId: IDS.provider,
        serviceIds,
        reference: 'SL-2025-01',
        startsOn: '2025-04-01',
        endsOn: '2027-03-31',
      },
    }),
    ...(confirmed ? [contractConfirmedByProvider(serviceIds)] : []),
    ...extra,
  ]);
