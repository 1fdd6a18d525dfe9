import type { RecordedEvent } from '@caretrail/event-store';
import { currentUpdatePeriod, updatePeriod, type UpdateSchedule } from '@caretrail/domain';
import { actionRegister, measureContext, periodIndexOf, type MeasureEvent } from './timeline-lib';

export type PlanStatus = 'none' | 'requested' | 'submitted' | 'returned' | 'accepted' | 'completed';
export type ActionStatus = 'open' | 'in_progress' | 'completion_claimed' | 'verified';

export interface ConcernActionSummary {
  actionId: string;
  description: string;
  /** The latest due date of any kind (unilateral revisions included). */
  dueOn: string;
  status: ActionStatus;
  /** Still owed: kept by the latest accepted version, unverified, on an open concern whose plan is not completed. */
  live: boolean;
}

export interface ConcernSummary {
  concernId: string;
  councilId: string;
  providerId: string;
  serviceId: string;
  contractId: string;
  category: string;
  severity: string;
  state: 'open' | 'closed';
  escalationLevel: number;
  raisedAt: string;
  closedAt: string | null;
  planStatus: PlanStatus;
  planDueOn: string | null;
  planVersion: number | null;
  /** When the version now awaiting the council's review was submitted. */
  planSubmittedAt: string | null;
  /** The first acceptance under the current request: the update schedule runs from it. */
  planAcceptedOn: string | null;
  updateCadenceDays: number | null;
  graceDays: number | null;
  lastPeriodEnding: string | null;
  /** The last day the next expected plan update is on time (period end plus grace), while the plan runs. */
  nextUpdateLateAfter: string | null;
  actions: ConcernActionSummary[];
}

/** Every date is inside the evaluation window: the summary holds what had happened, corrections applied. */
const WHOLE_RECORD = '9999-12-31';

/**
 * The dashboard state of one concern, folded from its stream (corrections and retractions applied by
 * the timeline library's effective events, in occurrence order). Date-dependent judgements (age,
 * overdue) are left to the query, against the day it is asked on.
 */
export function foldConcernSummary(streamEvents: readonly RecordedEvent[]): ConcernSummary | null {
  const concern = measureContext(streamEvents, { on: WHOLE_RECORD }).concerns[0];
  const raised = concern?.raised;
  if (!raised) return null;
  const { concernId, councilId, providerId, serviceId, contractId, category, severity } = raised.data;
  const s: ConcernSummary = {
    concernId,
    councilId,
    providerId,
    serviceId,
    contractId,
    category,
    severity,
    state: 'open',
    escalationLevel: 0,
    raisedAt: raised.occurredAt,
    closedAt: null,
    planStatus: 'none',
    planDueOn: null,
    planVersion: null,
    planSubmittedAt: null,
    planAcceptedOn: null,
    updateCadenceDays: null,
    graceDays: null,
    lastPeriodEnding: null,
    nextUpdateLateAfter: null,
    actions: [],
  };
  const run = { lastPeriod: 0, statuses: new Map<string, ActionStatus>() };
  for (const event of concern.events) foldEvent(s, event, run);
  const { lastPeriod, statuses } = run;
  const running = s.state === 'open' && s.planStatus !== 'completed';
  if (running && s.planAcceptedOn !== null && s.updateCadenceDays !== null && s.updateCadenceDays >= 1) {
    s.nextUpdateLateAfter = updatePeriod(scheduleOf(s)!, lastPeriod + 1).dueBy;
  }
  // The current plan's actions (a new request replaces the old plan, whose action ids may repeat).
  const current = new Map(actionRegister(concern).map((a) => [a.actionId, a])); // later plans win
  s.actions = [...current.values()]
    .filter((a) => !a.replacedByNewPlan)
    .map((a) => {
      const status = a.verifiedOn !== null ? 'verified' : (statuses.get(a.actionId) ?? 'open');
      const live = running && !a.droppedByLaterVersion && status !== 'verified';
      return { actionId: a.actionId, description: a.description, dueOn: a.currentDueOn, status, live };
    });
  return s;
}

interface Run {
  /** The highest update period reported on since the schedule began. */
  lastPeriod: number;
  statuses: Map<string, ActionStatus>;
}

/**
 * Plan runs as the cadence measure counts them: a request starts a fresh plan whose schedule runs
 * from its first acceptance (later versions do not restart it); periods that ended while the concern
 * was closed are not owed after a reopening.
 */
function foldEvent(s: ConcernSummary, event: MeasureEvent, run: Run): void {
  const d = event.data;
  switch (event.type) {
    case 'ConcernEscalated':
    case 'ConcernDeescalated':
      s.escalationLevel = Number(d['toLevel']);
      break;
    case 'ConcernClosed':
      s.state = 'closed';
      s.closedAt = event.occurredAt;
      break;
    case 'ConcernReopened': {
      s.state = 'open';
      s.closedAt = null;
      const schedule = scheduleOf(s);
      if (schedule) run.lastPeriod = Math.max(run.lastPeriod, currentUpdatePeriod(schedule, event.occurredOn).index - 1);
      break;
    }
    case 'ActionPlanRequested':
      s.planStatus = 'requested';
      s.planDueOn = String(d['dueOn']);
      s.updateCadenceDays = Number(d['updateCadenceDays']);
      s.graceDays = Number(d['graceDays']);
      s.planSubmittedAt = null;
      s.planAcceptedOn = null;
      s.lastPeriodEnding = null;
      run.lastPeriod = 0;
      run.statuses.clear();
      break;
    case 'ActionPlanSubmitted':
      s.planStatus = 'submitted';
      s.planVersion = Number(d['version']);
      s.planSubmittedAt = event.occurredAt;
      break;
    case 'ActionPlanReturned':
      s.planStatus = 'returned';
      s.planSubmittedAt = null;
      break;
    case 'ActionPlanAccepted':
      s.planStatus = 'accepted';
      s.planSubmittedAt = null;
      s.planAcceptedOn ??= event.occurredOn;
      break;
    case 'ActionPlanCompleted':
      s.planStatus = 'completed';
      break;
    case 'PlanUpdateSubmitted': {
      for (const a of (d['actions'] ?? []) as { actionId: string; status: ActionStatus }[]) run.statuses.set(a.actionId, a.status);
      const schedule = scheduleOf(s);
      if (schedule === null) break;
      const ending = String(d['periodEnding']);
      const index = periodIndexOf(schedule, ending);
      if (s.lastPeriodEnding === null || ending > s.lastPeriodEnding) s.lastPeriodEnding = ending;
      if (index !== null) run.lastPeriod = Math.max(run.lastPeriod, index);
      break;
    }
    case 'ActionCompletionClaimed':
      run.statuses.set(String(d['actionId']), 'completion_claimed');
      break;
    case 'ActionVerificationRejected':
      run.statuses.set(String(d['actionId']), 'in_progress');
      break;
    case 'ActionVerified':
      run.statuses.set(String(d['actionId']), 'verified');
      break;
  }
}

function scheduleOf(s: ConcernSummary): UpdateSchedule | null {
  if (s.planAcceptedOn === null || s.updateCadenceDays === null || s.updateCadenceDays < 1) return null;
  return { acceptedOn: s.planAcceptedOn, cadenceDays: s.updateCadenceDays, graceDays: s.graceDays ?? 0 };
}
