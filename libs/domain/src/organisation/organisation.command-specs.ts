import type { CommandSpec } from '../shared/command-spec';
import { organisationStream } from '../shared/stream-names';
import type { RegisterOrganisation } from './organisation.commands';
import { organisationDecider, type OrganisationState } from './organisation.decider';

export const registerOrganisationSpec: CommandSpec<RegisterOrganisation, OrganisationState> = {
  kind: 'RegisterOrganisation',
  recordType: 'organisation',
  recordId: (c) => c.organisationId,
  stream: (c) => organisationStream(c.organisationId),
  target: 'new',
  decider: organisationDecider,
};
