import { WrongPartyError } from '@caretrail/domain';
import type { Identity } from '../identity/identity';

/**
 * Who may read which record, in one place. Regulators and administrators read across services;
 * a provider reads only its own; a council reads the concerns it raised and the contracts it holds.
 */
export const readAccess = {
  concern(who: Identity, concern: { councilId: string | null; providerId: string | null }): void {
    if (isAcrossServices(who)) return;
    if (who.organisationKind === 'council' && who.organisationId === concern.councilId) return;
    if (who.organisationKind === 'provider' && who.organisationId === concern.providerId) return;
    throw new WrongPartyError('read-concern-parties', "Only the concern's council, its provider and the regulator may read it");
  },

  /** Services are registered locations, public at the regulator; only providers are kept to their own. */
  service(who: Identity, service: { providerId: string | null }): void {
    if (who.organisationKind === 'provider' && who.organisationId !== service.providerId) {
      throw new WrongPartyError('read-service-parties', "A provider may read only its own services");
    }
  },

  contract(who: Identity, contract: { councilId: string | null; providerId: string | null }): void {
    if (isAcrossServices(who)) return;
    if (who.organisationId === contract.councilId || who.organisationId === contract.providerId) return;
    throw new WrongPartyError('read-contract-parties', 'Only the parties to a contract and the regulator may read it');
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
