import type { OrganisationKind } from '../shared/primitives';
import type { Decider } from '../shared/decider';
import { WrongPartyError } from '../shared/domain-error';
import { assertOccurredAt } from '../shared/time-rules';
import type { OrganisationCommand } from './organisation.commands';

export interface OrganisationState {
  exists: boolean;
  organisationId: string | null;
  kind: OrganisationKind | null;
  name: string | null;
  recordBeganAt: string | null;
}

export const organisationDecider: Decider<OrganisationState, OrganisationCommand> = {
  initialState: () => ({ exists: false, organisationId: null, kind: null, name: null, recordBeganAt: null }),

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return {
          exists: true,
          organisationId: event.data.organisationId,
          kind: event.data.kind,
          name: event.data.name,
          recordBeganAt: event.occurredAt,
        };
      default:
        return state;
    }
  },

  decide(command, _state, { actor, now }) {
    switch (command.kind) {
      case 'RegisterOrganisation':
        if (actor.organisationKind !== 'admin') {
          throw new WrongPartyError('admin-registers-organisations', 'Only an administrator registers organisations');
        }
        assertOccurredAt(command.occurredAt, now, null);
        return [
          {
            type: 'OrganisationRegistered',
            occurredAt: command.occurredAt,
            data: { organisationId: command.organisationId, kind: command.organisationKind, name: command.name },
          },
        ];
    }
  },
};
