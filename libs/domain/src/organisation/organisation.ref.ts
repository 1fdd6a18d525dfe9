import type { RefRequest } from '../shared/command-spec';
import { organisationStream } from '../shared/stream-names';
import { organisationDecider, type OrganisationState } from './organisation.decider';

/** Loads an organisation for another record's decision. */
export const organisationRef = (organisationId: string): RefRequest<OrganisationState> => ({
  stream: organisationStream(organisationId),
  decider: organisationDecider,
  recordType: 'organisation',
  recordId: organisationId,
});
