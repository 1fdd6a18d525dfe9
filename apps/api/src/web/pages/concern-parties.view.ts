import type { ConcernState } from '@caretrail/domain';
import type { Identity } from '../../identity/identity';

export type ConcernSide = 'council' | 'provider' | 'regulator' | 'none';

/**
 * Which side of this concern the reader is on, to choose which forms to offer. Only an offer: the
 * domain decides whether each action is allowed when the form is sent.
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

/** The forms offered on a concern, by side and by what the record shows (a version to review, a closed concern). */
export function concernActionLinks(concernId: string, state: ConcernState, side: ConcernSide): ActionLink[] {
  const base = `/app/concerns/${concernId}`;
  const link = (slug: string, text: string): ActionLink => ({ text, href: `${base}/${slug}` });
  const common = [link('visit', 'Record a visit'), link('comment', 'Add a comment'), link('correction', 'Correct an entry')];
  if (side === 'regulator') return [link('visit', 'Record an inspection'), link('comment', 'Add a comment'), link('correction', 'Correct an entry')];
  if (side === 'none') return [];
  if (state.status === 'closed') return side === 'council' ? [link('reopen', 'Reopen the concern'), ...common.slice(1)] : common.slice(1);
  const underReview = state.plan.versions.find((v) => v.status === 'submitted');
  if (side === 'council') {
    return [
      ...(state.notifiedAt === null ? [link('notify', 'Notify the provider')] : []),
      ...(underReview ? [link('review-plan', `Review plan version ${underReview.version}`)] : []),
      link('request-plan', 'Request an action plan'),
      link('escalate', 'Escalate'),
      link('deescalate', 'De-escalate'),
      link('close', 'Close the concern'),
      ...common,
    ];
  }
  return [
    ...(state.acknowledgedAt === null ? [link('acknowledge', 'Acknowledge the concern')] : []),
    link('submit-plan', 'Submit an action plan'),
    ...(state.plan.acceptedVersion !== null ? [link('update', 'Submit a plan update')] : []),
    ...common,
  ];
}
