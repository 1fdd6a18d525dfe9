import type { ConcernState, PlanAction } from '@caretrail/domain';
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

/** A form on one action, named in full for screen readers (`context` is visually hidden). */
export interface PlanActionLink extends ActionLink {
  context: string;
}

/**
 * The forms offered on one action of the running plan: the provider claims open work complete and
 * moves due dates until the action is verified; the council verifies or rejects a claim and records
 * due dates agreed with the provider.
 */
export function planActionLinks(concernId: string, state: ConcernState, side: ConcernSide, action: PlanAction): PlanActionLink[] {
  const plan = state.plan;
  if (state.status === 'closed' || plan.acceptedVersion === null || plan.completedAt !== null || !action.inAcceptedPlan) return [];
  const link = (slug: string, text: string): PlanActionLink => ({ text, href: `/app/concerns/${concernId}/actions/${action.actionId}/${slug}`, context: action.description });
  if (side === 'provider') {
    return [
      ...(action.status === 'open' || action.status === 'in_progress' ? [link('claim', 'Claim complete')] : []),
      ...(action.status !== 'verified' ? [link('revise-due-date', 'Revise due date')] : []),
    ];
  }
  if (side === 'council') {
    return [
      ...(action.status === 'completion_claimed' ? [link('verify', 'Verify'), link('reject', 'Reject')] : []),
      // A council records only due dates agreed with the provider (the domain's rule).
      ...(action.status !== 'verified' ? [link('revise-due-date', 'Record an agreed due date')] : []),
    ];
  }
  return [];
}
