import type { OrganisationKind } from '../shared/primitives';
import type { CouncilClocks } from './council-clocks';

export interface RegisterOrganisation {
  kind: 'RegisterOrganisation';
  organisationId: string;
  organisationKind: OrganisationKind;
  name: string;
  /** A provider's CQC provider id (`1-` and digits); providers only. */
  cqcProviderId?: string | null;
  occurredAt: string;
}

/** A council sets the clocks its concerns are judged by, from occurredAt on. */
export interface SetCouncilClocks {
  kind: 'SetCouncilClocks';
  councilId: string;
  clocks: CouncilClocks;
  reason: string;
  occurredAt: string;
}

/** A provider's CQC provider id as it now is (null clears it), for a provider registered without it. */
export interface RecordProviderIdentifiers {
  kind: 'RecordProviderIdentifiers';
  organisationId: string;
  cqcProviderId: string | null;
  reason: string;
  occurredAt: string;
}

export type OrganisationCommand = RegisterOrganisation | SetCouncilClocks | RecordProviderIdentifiers;
