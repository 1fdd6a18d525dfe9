import type { OrganisationKind } from '../shared/primitives';

export interface RegisterOrganisation {
  kind: 'RegisterOrganisation';
  organisationId: string;
  organisationKind: OrganisationKind;
  name: string;
  occurredAt: string;
}

export type OrganisationCommand = RegisterOrganisation;
