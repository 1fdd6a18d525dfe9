import type { ActionStatus, PlannedAction } from '../events/action-plan.events';
import type { Recorded } from '../shared/decider';
import { toLocalDate } from '../shared/local-date';
import type { EvidenceReference, Instant, LocalDate } from '../shared/primitives';
import type { UpdateSchedule } from './update-periods';

export interface PlanRequest {
  dueOn: LocalDate;
  updateCadenceDays: number;
  graceDays: number;
  requestedAt: Instant;
}

export type PlanVersionStatus = 'submitted' | 'returned' | 'accepted' | 'superseded';

export interface PlanVersion {
  version: number;
  summary: string;
  actions: PlannedAction[];
  submittedAt: Instant;
  status: PlanVersionStatus;
  /** Kept after the version is superseded, so a returned version still shows why. */
  returnedReasons: string[];
  /** When it was returned or accepted. */
  decidedAt: Instant | null;
  supersededAt: Instant | null;
}

export interface DueDateRevision {
  from: LocalDate;
  to: LocalDate;
  basis: 'agreed' | 'unilateral';
  reason: string;
  at: Instant;
  /** Set when the change came with a newly accepted plan version rather than a revision of its own. */
  viaVersion: number | null;
}

export interface PlanAction {
  actionId: string;
  description: string;
  owner: string;
  measure: string;
  /** PAMMS standards and CQC quality statements it addresses ([] when none; set by every fold). */
  tags?: string[];
  /** The due date in force. */
  dueOn: LocalDate;
  /** The due date first accepted; never lost, for the on-time rate. */
  originalDueOn: LocalDate;
  revisions: DueDateRevision[];
  status: ActionStatus;
  /** False once a later accepted version dropped it. */
  inAcceptedPlan: boolean;
  claimedAt: Instant | null;
  claims: { note: string; evidence: EvidenceReference[]; at: Instant }[];
  verifiedAt: Instant | null;
  verificationNote: string | null;
  rejections: { reason: string; at: Instant }[];
}

export interface PlanUpdate {
  eventId: string;
  planVersion: number;
  periodEnding: LocalDate;
  submittedAt: Instant;
  actions: { actionId: string; status: 'open' | 'in_progress'; note: string }[];
  evidence: EvidenceReference[];
  summary: string;
}

/** One plan request and everything that answered it. */
export interface ActionPlanState {
  requested: PlanRequest | null;
  versions: PlanVersion[];
  acceptedVersion: number | null;
  /** First acceptance under this request: the update schedule runs from it, not from later revisions. */
  firstAcceptedAt: Instant | null;
  schedule: UpdateSchedule | null;
  actions: Record<string, PlanAction>;
  updates: PlanUpdate[];
  completedAt: Instant | null;
  /** The concern was reopened after this plan was requested, so the council may request a fresh one. */
  reopenedSinceRequest: boolean;
}

export const initialPlanState = (): ActionPlanState => ({
  requested: null,
  versions: [],
  acceptedVersion: null,
  firstAcceptedAt: null,
  schedule: null,
  actions: {},
  updates: [],
  completedAt: null,
  reopenedSinceRequest: false,
});

/**
 * A plan is in force from its request until it is completed. Reopening a concern lets the council
 * ask for a fresh plan; until it does, the old one still runs.
 */
export const planInForce = (plan: ActionPlanState): boolean => plan.requested !== null && plan.completedAt === null && !plan.reopenedSinceRequest;

/** Ids of the accepted plan's actions, in plan order. */
export function acceptedActionIds(plan: ActionPlanState): string[] {
  const accepted = plan.versions.find((v) => v.version === plan.acceptedVersion);
  return accepted ? accepted.actions.map((a) => a.actionId) : [];
}

export const unverifiedActionIds = (plan: ActionPlanState): string[] => acceptedActionIds(plan).filter((id) => plan.actions[id]?.status !== 'verified');

export const versionUnderReview = (plan: ActionPlanState): PlanVersion | undefined => plan.versions.find((v) => v.status === 'submitted');

function withAction(plan: ActionPlanState, actionId: string, change: (a: PlanAction) => Partial<PlanAction>): ActionPlanState {
  const action = plan.actions[actionId];
  if (!action) return plan;
  return { ...plan, actions: { ...plan.actions, [actionId]: { ...action, ...change(action) } } };
}

/** Actions carry over by id from earlier accepted versions, keeping progress; a new due date is an agreed revision. */
function acceptVersion(plan: ActionPlanState, version: number, at: Instant): ActionPlanState {
  const accepted = plan.versions.find((v) => v.version === version);
  if (!accepted || !plan.requested) return plan;
  const versions = plan.versions.map((v): PlanVersion => {
    if (v.version === version) return { ...v, status: 'accepted', decidedAt: at };
    if (v.version < version && v.status !== 'superseded') return { ...v, status: 'superseded', supersededAt: at };
    return v;
  });
  const actions: Record<string, PlanAction> = {};
  for (const [id, action] of Object.entries(plan.actions)) actions[id] = { ...action, inAcceptedPlan: false };
  for (const planned of accepted.actions) {
    const { actionId, description, owner, measure, dueOn } = planned;
    const tags = planned.tags ?? [];
    const existing = actions[actionId];
    if (!existing) {
      actions[actionId] = {
        actionId,
        description,
        owner,
        measure,
        tags,
        dueOn,
        originalDueOn: dueOn,
        revisions: [],
        status: 'open',
        inAcceptedPlan: true,
        claimedAt: null,
        claims: [],
        verifiedAt: null,
        verificationNote: null,
        rejections: [],
      };
      continue;
    }
    const revisions =
      existing.dueOn === dueOn
        ? existing.revisions
        : [
            ...existing.revisions,
            { from: existing.dueOn, to: dueOn, basis: 'agreed' as const, reason: `Plan version ${version} accepted`, at, viaVersion: version },
          ];
    actions[actionId] = { ...existing, description, owner, measure, tags, dueOn, revisions, inAcceptedPlan: true };
  }
  const firstAcceptedAt = plan.firstAcceptedAt ?? at;
  const schedule = plan.schedule ?? {
    acceptedOn: toLocalDate(at),
    cadenceDays: plan.requested.updateCadenceDays,
    graceDays: plan.requested.graceDays,
  };
  return { ...plan, versions, acceptedVersion: version, firstAcceptedAt, schedule, actions };
}

/** Folds the action-plan events of a concern into its current plan. A new request starts a fresh plan. */
export function evolvePlan(plan: ActionPlanState, event: Recorded): ActionPlanState {
  const at = event.occurredAt;
  switch (event.type) {
    case 'ActionPlanRequested': {
      const { dueOn, updateCadenceDays, graceDays } = event.data;
      return { ...initialPlanState(), requested: { dueOn, updateCadenceDays, graceDays, requestedAt: at } };
    }
    case 'ActionPlanSubmitted': {
      const { version, actions, summary } = event.data;
      const submitted: PlanVersion = {
        version,
        summary,
        actions,
        submittedAt: at,
        status: 'submitted',
        returnedReasons: [],
        decidedAt: null,
        supersededAt: null,
      };
      return { ...plan, versions: [...plan.versions, submitted] };
    }
    case 'ActionPlanReturned': {
      const { version, reasons } = event.data;
      const versions = plan.versions.map((v) => (v.version === version ? { ...v, status: 'returned' as const, returnedReasons: reasons, decidedAt: at } : v));
      return { ...plan, versions };
    }
    case 'ActionPlanAccepted':
      return acceptVersion(plan, event.data.version, at);
    case 'PlanUpdateSubmitted': {
      const { planVersion, periodEnding, actions, evidence, summary } = event.data;
      const update: PlanUpdate = { eventId: event.eventId, planVersion, periodEnding, submittedAt: at, actions, evidence, summary };
      // An update reports progress on open work; it never takes back a claim or a verification.
      const reported = actions.reduce(
        (p, a) => withAction(p, a.actionId, (x) => (x.status === 'open' || x.status === 'in_progress' ? { status: a.status } : {})),
        plan,
      );
      return { ...reported, updates: [...plan.updates, update] };
    }
    case 'ActionDueDateRevised': {
      const { actionId, previousDueOn, dueOn, basis, reason } = event.data;
      const revision: DueDateRevision = { from: previousDueOn, to: dueOn, basis, reason, at, viaVersion: null };
      return withAction(plan, actionId, (a) => ({ dueOn, revisions: [...a.revisions, revision] }));
    }
    case 'ActionCompletionClaimed': {
      const { actionId, note, evidence } = event.data;
      return withAction(plan, actionId, (a) => ({ status: 'completion_claimed', claimedAt: at, claims: [...a.claims, { note, evidence, at }] }));
    }
    case 'ActionVerified':
      return withAction(plan, event.data.actionId, () => ({ status: 'verified', verifiedAt: at, verificationNote: event.data.note }));
    case 'ActionVerificationRejected': {
      const { actionId, reason } = event.data;
      return withAction(plan, actionId, (a) => ({ status: 'in_progress', claimedAt: null, rejections: [...a.rejections, { reason, at }] }));
    }
    case 'ActionPlanCompleted':
      return { ...plan, completedAt: at };
    case 'ConcernReopened':
      return plan.requested ? { ...plan, reopenedSinceRequest: true } : plan;
    default:
      return plan;
  }
}
