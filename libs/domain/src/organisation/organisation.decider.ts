import type { Instant, OrganisationKind } from '../shared/primitives';
import type { Decider } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { requireText } from '../shared/text-rules';
import { assertOccurredAt } from '../shared/time-rules';
import { assertIdentifier, cqcIdProblem } from '../reference/identifiers';
import { assertCouncilClocks, type CouncilClocks } from './council-clocks';
import type { OrganisationCommand } from './organisation.commands';

/** Council roles that may set their council's clocks: those who monitor and commission care. */
export const CLOCK_SETTING_ROLES = ['qa_officer', 'commissioner'] as const;

export interface OrganisationState {
  exists: boolean;
  organisationId: string | null;
  kind: OrganisationKind | null;
  name: string | null;
  /** A provider's CQC provider id; null where none was given (and on records registered before schema 2). */
  cqcProviderId: string | null;
  recordBeganAt: string | null;
  /** A council's own clocks as last set, with when they came into force; null while it uses the defaults. */
  clocks: (CouncilClocks & { setAt: Instant; eventId: string }) | null;
}

export const organisationDecider: Decider<OrganisationState, OrganisationCommand> = {
  initialState: () => ({ exists: false, organisationId: null, kind: null, name: null, cqcProviderId: null, recordBeganAt: null, clocks: null }),

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return {
          exists: true,
          organisationId: event.data.organisationId,
          kind: event.data.kind,
          name: event.data.name,
          cqcProviderId: event.data.cqcProviderId ?? null,
          recordBeganAt: event.occurredAt,
          clocks: null,
        };
      case 'ProviderIdentifiersRecorded':
        return { ...state, cqcProviderId: event.data.cqcProviderId };
      case 'CouncilClocksSet':
        return { ...state, clocks: { ...event.data.clocks, setAt: event.occurredAt, eventId: event.eventId } };
      default:
        return state;
    }
  },

  decide(command, state, { actor, now }) {
    switch (command.kind) {
      case 'RegisterOrganisation': {
        if (actor.organisationKind !== 'admin') {
          throw new WrongPartyError('admin-registers-organisations', 'Only an administrator registers organisations');
        }
        assertOccurredAt(command.occurredAt, now, null);
        requireText(command.name, 'organisation-name-required', 'An organisation needs a name');
        const cqcProviderId = command.cqcProviderId ?? null;
        if (cqcProviderId !== null) {
          if (command.organisationKind !== 'provider') {
            throw new DomainRuleError('cqc-provider-id-for-providers', `Only a provider carries a CQC provider id, not a ${command.organisationKind}`);
          }
          assertIdentifier('cqcProviderId', cqcIdProblem(cqcProviderId));
        }
        return [
          {
            type: 'OrganisationRegistered',
            occurredAt: command.occurredAt,
            data: { organisationId: command.organisationId, kind: command.organisationKind, name: command.name, cqcProviderId },
          },
        ];
      }
      case 'RecordProviderIdentifiers': {
        const ownProvider = actor.organisationKind === 'provider' && actor.organisationId === command.organisationId;
        if (actor.organisationKind !== 'admin' && !ownProvider) {
          throw new WrongPartyError('provider-records-own-identifiers', 'Only the provider itself, or an administrator, records its identifiers');
        }
        if (state.kind !== 'provider') {
          throw new DomainRuleError('cqc-provider-id-for-providers', `Organisation ${command.organisationId} is not registered as a provider`);
        }
        assertOccurredAt(command.occurredAt, now, state.recordBeganAt);
        if (command.cqcProviderId !== null) assertIdentifier('cqcProviderId', cqcIdProblem(command.cqcProviderId));
        if (command.cqcProviderId === state.cqcProviderId) {
          throw new DomainRuleError('identifiers-must-change', 'The provider already has this CQC provider id');
        }
        const reason = requireText(command.reason, 'identifiers-reason-required', 'Say why the identifiers are recorded').trim();
        return [
          {
            type: 'ProviderIdentifiersRecorded',
            occurredAt: command.occurredAt,
            data: { organisationId: command.organisationId, cqcProviderId: command.cqcProviderId, previousCqcProviderId: state.cqcProviderId, reason },
          },
        ];
      }
      case 'SetCouncilClocks': {
        const ownCouncil =
          actor.organisationKind === 'council' && actor.organisationId === command.councilId && (CLOCK_SETTING_ROLES as readonly string[]).includes(actor.role);
        if (actor.organisationKind !== 'admin' && !ownCouncil) {
          throw new WrongPartyError(
            'council-sets-own-clocks',
            "Only the council's own quality-assurance officers or commissioners, or an administrator, set its clocks",
          );
        }
        if (state.kind !== 'council') {
          throw new DomainRuleError('clocks-for-councils-only', `Organisation ${command.councilId} is not registered as a council`);
        }
        assertOccurredAt(command.occurredAt, now, state.recordBeganAt);
        // In stream order = in occurrence order, so "the clocks in force on a date" has one answer.
        if (state.clocks !== null && Date.parse(command.occurredAt) < Date.parse(state.clocks.setAt)) {
          throw new DomainRuleError('clocks-set-in-order', `occurredAt ${command.occurredAt} is before the clocks in force were set (${state.clocks.setAt})`);
        }
        const clocks = assertCouncilClocks(command.clocks as unknown as Record<string, unknown>);
        const reason = requireText(command.reason, 'clocks-reason-required', 'Say why the clocks are set').trim();
        return [{ type: 'CouncilClocksSet', occurredAt: command.occurredAt, data: { councilId: command.councilId, clocks, reason } }];
      }
    }
  },
};
