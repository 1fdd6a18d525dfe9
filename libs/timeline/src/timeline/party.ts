import type { OrganisationKind } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { TimelineParty } from './timeline-entry';

export interface PartyOptions {
  /** Decides the party outright when it returns one; the rules below apply otherwise. */
  partyOf?: (event: RecordedEvent) => TimelineParty | undefined;
  /** The kind of each organisation by id, for the actor's organisation. */
  organisationKinds?: ReadonlyMap<string, OrganisationKind> | Readonly<Record<string, OrganisationKind>>;
}

const ROLE_PARTY: Record<string, TimelineParty> = {
  qa_officer: 'council',
  commissioner: 'council',
  registered_manager: 'provider',
  nominated_individual: 'provider',
  chief_executive: 'provider',
  provider_staff: 'provider',
  inspector: 'regulator',
  admin: 'admin',
};

const PROVIDER_TYPES = new Set([
  'ConcernAcknowledged',
  'ActionPlanSubmitted',
  'PlanUpdateSubmitted',
  'ActionCompletionClaimed',
  'ManagerLeft',
  'ManagerAppointed',
  'ManagerRegistered',
  'ManagerAbsenceNotified',
  'ManagerReturnedFromAbsence',
]);
const REGULATOR_TYPES = new Set(['RatingPublished', 'EnforcementActionRecorded']);
const ADMIN_TYPES = new Set(['OrganisationRegistered', 'ServiceRegistered']);

/** Last resort, when neither the actor's organisation nor role tells: who normally records this kind. */
function partyOfType(type: string): TimelineParty {
  if (PROVIDER_TYPES.has(type)) return 'provider';
  if (REGULATOR_TYPES.has(type)) return 'regulator';
  if (ADMIN_TYPES.has(type)) return 'admin';
  return 'council';
}

/**
 * Builds the party lookup for a set of events. The actor's organisation decides (its kind from the
 * given map, else from OrganisationRegistered events among the inputs); an administrator is 'admin'
 * whatever organisation they sit in; then a comment's own party, the actor's role, the event type.
 */
export function partyResolver(events: readonly RecordedEvent[], options: PartyOptions = {}): (event: RecordedEvent) => TimelineParty {
  const kinds = new Map<string, OrganisationKind>();
  for (const e of events) {
    if (e.type === 'OrganisationRegistered') kinds.set(String(e.data['organisationId']), e.data['kind'] as OrganisationKind);
  }
  const given = options.organisationKinds;
  if (given) for (const [id, kind] of given instanceof Map ? given : Object.entries(given)) kinds.set(id, kind);

  return (event) => {
    const decided = options.partyOf?.(event);
    if (decided) return decided;
    if (event.actor.role === 'admin') return 'admin';
    const kind = kinds.get(event.actor.organisationId);
    if (kind) return kind;
    if ((event.type === 'CommentRecorded' || event.type === 'RestrictedEntryRecorded') && typeof event.data['party'] === 'string')
      return event.data['party'] as TimelineParty;
    return ROLE_PARTY[event.actor.role] ?? partyOfType(event.type);
  };
}
