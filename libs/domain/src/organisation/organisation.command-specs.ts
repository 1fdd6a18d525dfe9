import type { CommandSpec } from '../shared/command-spec';
import { organisationStream } from '../shared/stream-names';
import type { RecordProviderIdentifiers, RegisterOrganisation, SetCouncilClocks } from './organisation.commands';
import { organisationDecider, type OrganisationState } from './organisation.decider';

export const registerOrganisationSpec: CommandSpec<RegisterOrganisation, OrganisationState> = {
  kind: 'RegisterOrganisation',
  recordType: 'organisation',
  recordId: (c) => c.organisationId,
  stream: (c) => organisationStream(c.organisationId),
  target: 'new',
  decider: organisationDecider,
};

/** On the council's own stream, so its clocks are part of its record and replay with it. */
export const setCouncilClocksSpec: CommandSpec<SetCouncilClocks, OrganisationState> = {
  kind: 'SetCouncilClocks',
  recordType: 'council',
  recordId: (c) => c.councilId,
  stream: (c) => organisationStream(c.councilId),
  target: 'existing',
  decider: organisationDecider,
};

/** On the provider's own stream, so its identifiers are part of its record and replay with it. */
export const recordProviderIdentifiersSpec: CommandSpec<RecordProviderIdentifiers, OrganisationState> = {
  kind: 'RecordProviderIdentifiers',
  recordType: 'organisation',
  recordId: (c) => c.organisationId,
  stream: (c) => organisationStream(c.organisationId),
  target: 'existing',
  decider: organisationDecider,
};
