import type { ConcernState } from '@caretrail/domain';
import type { Identity } from '../../identity/identity';

export type ConcernSide = 'council' | 'provider' | 'regulator' | 'none';

/**
 * Which side of this concern the reader is on (the visit types a form lists). What a page offers is
 * decided by the access policy (offered-actions.ts); the domain judges each form when it is sent.
 */
export function sideOf(who: Identity, state: Pick<ConcernState, 'councilId' | 'providerId'>): ConcernSide {
  if (who.organisationKind === 'council' && who.organisationId === state.councilId) return 'council';
  if (who.organisationKind === 'provider' && who.organisationId === state.providerId) return 'provider';
  if (who.organisationKind === 'regulator') return 'regulator';
  return 'none';
}

export interface ActionLink {
  text: string;
  href: string;
}

/** A form on one action, named in full for screen readers (`context` is visually hidden). */
export interface PlanActionLink extends ActionLink {
  context: string;
}
