import { isRetracted, planInForce, type ConcernState, type PlanAction } from '@caretrail/domain';
import { admittedRelations } from '../../access/access-decision';
import { PAGE_ACCESS_POLICY } from '../../access/access-policy';
import type { Relation } from '../../access/access-relations';
import type { Identity } from '../../identity/identity';
import type { ConcernRecord } from '../read/concern-record.reader';
import type { ActionLink, PlanActionLink } from './concern-parties.view';
import { challengeableFindings, undecidedChallengeOptions, unpublishedReportOptions } from '../forms/visit-report.forms';
import { completableMeetingActions, meetingName, unheldMeetings } from '../forms/meeting.forms';

/**
 * What each page offers its reader to record. The one access policy (PAGE_ACCESS_POLICY, the same
 * table the session guard enforces) decides who may open each form; the record decides when a form
 * makes sense (a plan under review, placements suspended). So nothing is offered that the policy
 * would refuse, and test/access/offered-equals-allowed.e2e.ts checks every allowed form is offered.
 */

/** The relation a person holds towards a record with these parties (the policy's terms). */
export function relationTo(
  who: Pick<Identity, 'organisationKind' | 'organisationId' | 'role'>,
  parties: { councilId?: string | null; providerId?: string | null },
): Relation | null {
  switch (who.organisationKind) {
    case 'provider':
      return who.organisationId === parties.providerId ? 'ownProvider' : 'otherProvider';
    case 'council':
      return parties.councilId !== undefined && who.organisationId === parties.councilId ? 'commissioningCouncil' : 'unrelatedCouncil';
    case 'regulator':
      return who.role === 'auditor' ? 'auditor' : 'regulator';
    case 'admin':
      return 'admin';
    default:
      return null;
  }
}

/** Whether the page policy lets this relation send the form at `key` (a `{form}` route reads `form`). */
export function policyAllows(key: string, relation: Relation | null, params: Record<string, string> = {}): boolean {
  const rule = PAGE_ACCESS_POLICY[key];
  if (!rule || relation === null) return false;
  const admitted = admittedRelations(rule, params);
  return admitted === 'public' || admitted.includes(relation);
}

/** An offer: a link, kept only when the policy admits the reader to the form it opens. */
export interface Offer extends ActionLink {
  /** The page policy's key of the form (its POST), and its path parameters. */
  policyKey: string;
  params: Record<string, string>;
}

export const allowedOffers = <O extends Offer>(offers: readonly O[], relation: Relation | null): O[] =>
  offers.filter((o) => policyAllows(o.policyKey, relation, o.params));

export const CONCERN_FORM_KEY = 'POST /app/concerns/{concernId}/{form}';
const ACTION_FORM_KEY = 'POST /app/concerns/{concernId}/actions/{actionId}/{form}';

/** Every form a concern could offer in its present state, for whoever the policy admits to each. */
export function concernOffers(concernId: string, state: ConcernState, now = new Date().toISOString()): Offer[] {
  const link = (form: string, text: string): Offer => ({ text, href: `/app/concerns/${concernId}/${form}`, policyKey: CONCERN_FORM_KEY, params: { form } });
  // A restriction is lifted by its recorder (the form lists only the reader's own restricted entries).
  const restricted = Object.values(state.log.entries).some((e) => e.type === 'RestrictedEntryRecorded' && !isRetracted(state.log, e.eventId));
  const entries = [
    link('comment', 'Add a comment'),
    link('correction', 'Correct an entry'),
    link('retract', 'Withdraw an entry'),
    ...(restricted ? [link('lift-restriction', 'Lift the restriction of a restricted entry')] : []),
  ];
  if (state.status === 'closed') return [link('reopen', 'Reopen the concern'), ...entries];
  const plan = state.plan;
  const underReview = plan.versions.find((v) => v.status === 'submitted');
  const running = plan.acceptedVersion !== null && plan.completedAt === null;
  return [
    ...(state.notifiedAt === null ? [link('notify', 'Notify the provider')] : []),
    ...(state.acknowledgedAt === null ? [link('acknowledge', 'Acknowledge the concern')] : []),
    ...(underReview ? [link('review-plan', `Review plan version ${underReview.version}`)] : []),
    // A plan is requested when none is in force (none yet, or the last one completed).
    ...(!planInForce(plan) ? [link('request-plan', 'Request an action plan')] : []),
    ...(plan.requested !== null && plan.completedAt === null && !underReview && plan.acceptedVersion === null
      ? [link('submit-plan', 'Submit an action plan')]
      : []),
    ...(plan.requested !== null && plan.completedAt === null && !underReview && plan.acceptedVersion !== null
      ? [link('submit-plan', 'Submit a revised action plan')]
      : []),
    ...(running ? [link('update', 'Submit a plan update')] : []),
    ...(state.escalationLevel < 3 ? [link('escalate', 'Escalate')] : []),
    ...(state.escalationLevel > 0 ? [link('deescalate', 'De-escalate')] : []),
    state.placementsSuspended ? link('resume-placements', 'Resume placements') : link('suspend-placements', 'Suspend placements'),
    link('review-meeting', 'Record a review meeting'),
    link('schedule-meeting', 'Call a multi-agency meeting'),
    ...((state.meetingPlans ?? []).some((m) => m.heldEventId === null) ? [link('meeting-agenda', 'Share a meeting’s agenda')] : []),
    // The minutes form is about one meeting: a link for each meeting called and not yet minuted.
    ...unheldMeetings(state.meetingPlans ?? []).map((m) => ({
      ...link('meeting-minutes', `Record the minutes of the ${meetingName(m).replace(/^./, (c) => c.toLowerCase())}`),
      href: `/app/concerns/${concernId}/meeting-minutes?meeting=${m.meetingId}`,
    })),
    ...((state.meetingActions ?? []).some((a) => a.status === 'open') ? [link('complete-meeting-action', 'Record a meeting’s action as completed')] : []),
    link('draft-report', 'Draft a visit report for challenge'),
    ...(challengeableFindings(state.reports ?? [], now).length > 0 ? [link('challenge-finding', 'Challenge a finding of a draft report')] : []),
    ...(undecidedChallengeOptions(state.reports ?? []).length > 0 ? [link('decide-challenge', 'Decide a challenge to a finding')] : []),
    ...(unpublishedReportOptions(state.reports ?? []).length > 0 ? [link('publish-report', 'Publish a visit report')] : []),
    link('visit', 'Record a visit'),
    link('close', 'Close the concern'),
    ...entries,
  ];
}

/** "What you can record" on a case file: none in a replay (forms act on the live record only). */
export function offeredConcernActions(record: ConcernRecord, who: Identity): ActionLink[] {
  if (record.replay) return [];
  const relation = relationTo(who, record.live);
  // The provider completes only the meeting actions it owns: offered the form only while one is open.
  const mine = completableMeetingActions(record.live.meetingActions ?? [], who).length > 0;
  const offers = concernOffers(record.id, record.live).filter((o) => mine || o.params.form !== 'complete-meeting-action');
  return allowedOffers(offers, relation).map(({ text, href }) => ({
    // The regulator's visit is an inspection.
    text: href.endsWith('/visit') && relation === 'regulator' ? 'Record an inspection' : text,
    href,
  }));
}

/**
 * The forms on one action of the running plan: claims and due-date moves until the action is
 * verified, verification or rejection of a claim; each to whoever the policy admits.
 */
export function actionOffers(concernId: string, state: ConcernState, action: PlanAction, relation: Relation | null): (Offer & PlanActionLink)[] {
  const plan = state.plan;
  if (state.status === 'closed' || plan.acceptedVersion === null || plan.completedAt !== null || !action.inAcceptedPlan) return [];
  const link = (form: string, text: string): Offer & PlanActionLink => ({
    text,
    href: `/app/concerns/${concernId}/actions/${action.actionId}/${form}`,
    context: action.description,
    policyKey: ACTION_FORM_KEY,
    params: { form },
  });
  const offers = [
    ...(action.status === 'open' || action.status === 'in_progress' ? [link('claim', 'Claim complete')] : []),
    ...(action.status === 'completion_claimed' ? [link('verify', 'Verify'), link('reject', 'Reject')] : []),
    // A council records only due dates agreed with the provider (the domain's rule).
    ...(action.status !== 'verified' ? [link('revise-due-date', relation === 'commissioningCouncil' ? 'Record an agreed due date' : 'Revise due date')] : []),
  ];
  return allowedOffers(offers, relation);
}

/** The forms offered on one action of the running plan (none in a replay). */
export function offeredPlanActions(record: ConcernRecord, who: Identity, action: PlanAction): PlanActionLink[] {
  if (record.replay) return [];
  return actionOffers(record.id, record.state, action, relationTo(who, record.live)).map(({ text, href, context }) => ({ text, href, context }));
}

const SERVICE_FORM_KEY = 'POST /app/services/{serviceId}/{form}';

/**
 * "What you can record" on a service page: the provider's manager changes, a council's concern and
 * the speakers' visits and comments, the regulator's ratings and enforcement; none in a replay.
 * `relation` is the reader's to the service (serviceRelation: a council with a confirmed contract
 * for it is its commissioning council).
 */
export function serviceOffers(
  serviceId: string,
  state: { manager: { managerId?: string; registeredOn: string | null } | null; absences?: readonly { managerId: string; returnedOn: string | null }[] },
  relation: Relation | null,
): ActionLink[] {
  const link = (form: string, text: string): Offer => ({ text, href: `/app/services/${serviceId}/${form}`, policyKey: SERVICE_FORM_KEY, params: { form } });
  const raise: Offer = {
    text: 'Raise a concern about this service',
    href: `/app/concerns/new?serviceId=${serviceId}`,
    policyKey: 'POST /app/concerns/new',
    params: {},
  };
  const offers = [
    // Any council: the raise page lists only the confirmed contracts it holds.
    raise,
    link('rating', 'Record a published rating'),
    link('enforcement', 'Record an enforcement action'),
    link('visit', relation === 'regulator' ? 'Record an inspection' : 'Record a visit'),
    link('appoint-manager', 'Record a new manager'),
    ...(state.manager ? [link('manager-left', 'Record that the manager left')] : []),
    ...(state.manager && state.manager.registeredOn === null ? [link('register-manager', "Record the manager's registration")] : []),
    ...(state.manager ? [link('manager-absence', "Record the manager's absence")] : []),
    // The return ends the manager's absence still open (one return per absence).
    ...(state.manager && state.absences?.filter((a) => a.managerId === state.manager?.managerId).at(-1)?.returnedOn === null
      ? [link('manager-return', "Record the manager's return from absence")]
      : []),
    link('comment', 'Add a comment'),
    link('correction', 'Correct an entry'),
    link('retract', 'Withdraw an entry'),
    link('identifiers', 'Record the location id or ODS code'),
  ];
  return allowedOffers(offers, relation).map(({ text, href }) => ({ text, href }));
}

const CONTRACT_FORM_KEY = 'POST /app/contracts/{contractId}/{form}';

/**
 * "What you can record" on a contract: the provider confirms an award; once confirmed and until it
 * ends, the council extends, ends or serves a default notice, visits and speaks about its services;
 * both parties comment on the contract and withdraw their own entries.
 */
export function contractOffers(
  contract: { contractId: string | null; serviceIds: string[]; confirmation: unknown; ended: unknown },
  relation: Relation | null,
  serviceNames: Record<string, string> = {},
): ActionLink[] {
  const id = contract.contractId ?? '';
  const link = (form: string, text: string): Offer => ({ text, href: `/app/contracts/${id}/${form}`, policyKey: CONTRACT_FORM_KEY, params: { form } });
  const live = contract.confirmation !== null && contract.ended === null;
  const perService = (form: 'visit' | 'comment', text: string): Offer[] =>
    contract.serviceIds.map((serviceId) => ({
      text: `${text} ${serviceNames[serviceId] ?? 'this service'}`,
      href: `/app/services/${serviceId}/${form}?contractId=${id}`,
      policyKey: SERVICE_FORM_KEY,
      params: { form },
    }));
  const offers: Offer[] = [
    ...(contract.confirmation === null
      ? [{ text: 'Confirm the contract', href: `/app/contracts/${id}/confirm`, policyKey: 'POST /app/contracts/{contractId}/confirm', params: {} }]
      : []),
    ...(live ? [link('extend', 'Extend the contract'), link('end', 'End the contract'), link('default-notice', 'Record a default notice')] : []),
    // A council visits and speaks about a service under a live contract; a provider does so on the service page.
    ...(live && relation === 'commissioningCouncil' ? [...perService('visit', 'Record a visit to'), ...perService('comment', 'Add a comment about')] : []),
    link('comment', 'Add a comment on the contract'),
    link('correction', 'Correct an entry'),
    link('retract', 'Withdraw an entry'),
  ];
  return allowedOffers(offers, relation).map(({ text, href }) => ({ text, href }));
}

/**
 * What a start page offers: the administrator registers organisations, services and signed contracts
 * (on the list of providers); a provider registers its services (on its overview); a council awards
 * contracts (on its dashboard). Each kept only where the policy
 * admits the reader.
 */
export function registrationOffers(who: Pick<Identity, 'organisationKind' | 'organisationId' | 'role'>, providerId: string | null = null): ActionLink[] {
  const relation = relationTo(who, { providerId });
  const offers: Offer[] = [
    { text: 'Register an organisation', href: '/app/organisations/new', policyKey: 'POST /app/organisations/new', params: {} },
    { text: 'Register a service', href: '/app/services/new', policyKey: 'POST /app/services/new', params: {} },
    {
      text: who.organisationKind === 'admin' ? 'Record a signed contract' : 'Award a contract',
      href: '/app/contracts/new',
      policyKey: 'POST /app/contracts/new',
      params: {},
    },
  ];
  return allowedOffers(offers, relation).map(({ text, href }) => ({ text, href }));
}

/** What a provider's overview offers: the provider itself (or an administrator) records its CQC provider id. */
export function providerOffers(providerId: string, who: Pick<Identity, 'organisationKind' | 'organisationId' | 'role'>): ActionLink[] {
  const offers: Offer[] = [
    {
      text: 'Record the CQC provider id',
      href: `/app/organisations/${providerId}/identifiers`,
      policyKey: 'POST /app/organisations/{organisationId}/identifiers',
      params: {},
    },
  ];
  return allowedOffers(offers, relationTo(who, { providerId })).map(({ text, href }) => ({ text, href }));
}
