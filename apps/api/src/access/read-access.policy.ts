import { RecordNotFoundError, WrongPartyError } from '@caretrail/domain';
import { isReadableConcern, type ReadableConcerns } from '@caretrail/projections';
import type { Identity } from '../identity/identity';

/**
 * The concerns a person may read: the one rule, used by the read of one concern (`readAccess.concern`)
 * and, as a condition inside the query, by every read of a scope (timelines, replays, measures,
 * evidence, dashboards, pages), so a scope shows exactly the concerns its reader may read one by one.
 * Regulators, auditors and administrators read across; a council reads the concerns it raised; a
 * provider those about its services.
 */
export function readableConcerns(who: Identity): ReadableConcerns {
  if (isAcrossServices(who)) return { all: true };
  if (who.organisationKind === 'council') return { councilId: who.organisationId };
  if (who.organisationKind === 'provider') return { providerId: who.organisationId };
  return { none: true };
}

/**
 * Who may read which record, in one place. Regulators and administrators read across services;
 * a provider reads only its own; a council reads the concerns it raised and the contracts it holds.
 * Someone with no relation to a record is told it is not there (404, as for an id that does not
 * exist), so a refusal never tells a stranger which ids exist; a 403 is for those the record knows.
 */
export const readAccess = {
  concern(who: Identity, concern: { concernId: string | null; councilId: string | null; providerId: string | null }): void {
    if (isReadableConcern(readableConcerns(who), concern)) return;
    // Everyone the policy lets read a concern is a party to it or reads across: the rest are strangers.
    throw new RecordNotFoundError('concern', concern.concernId ?? '');
  },

  /**
   * Services are registered locations, public at the regulator; only providers are kept to their own
   * (another provider is a stranger to the service: 404). The provider overview names no service: a
   * provider is refused another provider's overview (403) whether or not that provider exists.
   */
  service(who: Identity, service: { serviceId?: string | null; providerId: string | null }): void {
    if (who.organisationKind === 'provider' && who.organisationId !== service.providerId) {
      if (service.serviceId !== undefined) throw new RecordNotFoundError('service', service.serviceId ?? '');
      throw new WrongPartyError('read-service-parties', 'A provider may read only its own services');
    }
  },

  contract(who: Identity, contract: { contractId: string | null; councilId: string | null; providerId: string | null }): void {
    if (isAcrossServices(who)) return;
    if (who.organisationId === contract.councilId || who.organisationId === contract.providerId) return;
    throw new RecordNotFoundError('contract', contract.contractId ?? '');
  },

  /** A provider's whole history: the provider itself and those who read across services. */
  provider(who: Identity, providerId: string): void {
    if (isAcrossServices(who)) return;
    if (who.organisationKind === 'provider' && who.organisationId === providerId) return;
    throw new WrongPartyError('read-provider-parties', "Only the provider itself and the regulator may read a provider's whole history");
  },

  /** A council's portfolio: the council itself and those who read across services. */
  council(who: Identity, councilId: string): void {
    if (isAcrossServices(who)) return;
    if (who.organisationKind === 'council' && who.organisationId === councilId) return;
    throw new WrongPartyError('read-council-parties', "Only the council itself and the regulator may read a council's portfolio");
  },
};

const isAcrossServices = (who: Identity) => who.organisationKind === 'regulator' || who.organisationKind === 'admin';
