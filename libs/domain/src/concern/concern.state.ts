import type { ConcernCategory, ConcernSource, EscalationLevel, RagSeverity } from '../events/concern.events';
import { evolveRecordLog, initialRecordLog, type RecordLog } from '../records/record-log';
import type { Recorded } from '../shared/decider';
import type { Instant, LocalDate } from '../shared/primitives';
import { toRecordedVisit, type RecordedVisit } from '../visits/visit.rules';
import { evolveVisitReports, type VisitReport } from '../visits/visit-report.state';
import type { Attendance, MeetingDecisionAction, MeetingKind } from '../events/meeting.events';
import { evolveMeetings, type MeetingAction, type MeetingPlan } from '../meetings/meeting.state';
import { evolvePlan, initialPlanState, type ActionPlanState } from './action-plan.state';
import type { DecisionLog } from './decision-log';

/** Where the concern stands; a reopened concern returns to the status it had before closing. */
export type ConcernStatus = 'raised' | 'notified' | 'acknowledged' | 'closed';

export interface EscalationStep {
  direction: 'up' | 'down';
  fromLevel: EscalationLevel;
  toLevel: EscalationLevel;
  reason: string;
  at: Instant;
  /** The decision log of an escalation (null when none was recorded, and for de-escalations). */
  decision: DecisionLog | null;
}

export interface PlacementChange {
  suspended: boolean;
  reason: string;
  at: Instant;
  /** The decision log of a suspension (null when none was recorded, and for resumptions). */
  decision: DecisionLog | null;
}

export interface ConcernClosure {
  outcome: string;
  overrideReason: string | null;
  unverifiedActionIds: string[];
  at: Instant;
}

export interface ReviewMeeting {
  eventId: string;
  meetingId: string;
  heldOn: LocalDate;
  attendees: string[];
  decisions: string[];
  /** Schema 2 (issue 16 item 1); older events read as review_meeting, no attendance, no actions. */
  meetingKind: MeetingKind;
  attendance: { inviteeId: string; attendance: Attendance }[];
  actions: MeetingDecisionAction[];
  at: Instant;
}

export interface ConcernState {
  exists: boolean;
  concernId: string | null;
  serviceId: string | null;
  providerId: string | null;
  councilId: string | null;
  contractId: string | null;
  category: ConcernCategory | null;
  severity: RagSeverity | null;
  source: ConcernSource | null;
  summary: string | null;
  status: ConcernStatus | null;
  /** Restored on reopening. */
  statusBeforeClosure: ConcernStatus | null;
  raisedAt: Instant | null;
  notifiedAt: Instant | null;
  notificationMethod: string | null;
  acknowledgedAt: Instant | null;
  acknowledgementNote: string | null;
  /** When it was last closed; null while open. */
  closedAt: Instant | null;
  closures: ConcernClosure[];
  reopenings: { reason: string; at: Instant }[];
  escalationLevel: EscalationLevel;
  escalations: EscalationStep[];
  placementsSuspended: boolean;
  placementChanges: PlacementChange[];
  /** The plan in force (or the latest). */
  plan: ActionPlanState;
  /** Plans requested before the current one (after a completion or a reopening), oldest first. */
  earlierPlans: ActionPlanState[];
  visits: RecordedVisit[];
  meetings: ReviewMeeting[];
  /** Visit reports recorded as drafts open to the provider's challenge (issue 16 item 3). */
  reports: VisitReport[];
  /** Meetings called with invitations and agenda (issue 16 item 1). */
  meetingPlans: MeetingPlan[];
  /** Decisions of meetings that are actions, with their status. */
  meetingActions: MeetingAction[];
  log: RecordLog;
  recordBeganAt: Instant | null;
}

export const initialConcernState = (): ConcernState => ({
  exists: false,
  concernId: null,
  serviceId: null,
  providerId: null,
  councilId: null,
  contractId: null,
  category: null,
  severity: null,
  source: null,
  summary: null,
  status: null,
  statusBeforeClosure: null,
  raisedAt: null,
  notifiedAt: null,
  notificationMethod: null,
  acknowledgedAt: null,
  acknowledgementNote: null,
  closedAt: null,
  closures: [],
  reopenings: [],
  escalationLevel: 0,
  escalations: [],
  placementsSuspended: false,
  placementChanges: [],
  plan: initialPlanState(),
  earlierPlans: [],
  visits: [],
  meetings: [],
  reports: [],
  meetingPlans: [],
  meetingActions: [],
  log: initialRecordLog(),
  recordBeganAt: null,
});

/** Every plan version number used on this concern; numbering runs on across plan requests. */
export const lastPlanVersion = (state: ConcernState): number =>
  Math.max(0, ...[...state.earlierPlans, state.plan].flatMap((p) => p.versions.map((v) => v.version)));

function meetingsOf(previous: ConcernState, event: Recorded): Pick<ConcernState, 'meetingPlans' | 'meetingActions'> {
  const next = evolveMeetings({ plans: previous.meetingPlans, actions: previous.meetingActions }, event);
  return { meetingPlans: next.plans, meetingActions: next.actions };
}

export function evolveConcern(previous: ConcernState, event: Recorded): ConcernState {
  const state: ConcernState = {
    ...previous,
    log: evolveRecordLog(previous.log, event),
    recordBeganAt: previous.recordBeganAt ?? event.occurredAt,
    earlierPlans: event.type === 'ActionPlanRequested' && previous.plan.requested ? [...previous.earlierPlans, previous.plan] : previous.earlierPlans,
    plan: evolvePlan(previous.plan, event),
    reports: evolveVisitReports(previous.reports, event),
    ...meetingsOf(previous, event),
  };
  const at = event.occurredAt;
  switch (event.type) {
    case 'ConcernRaised': {
      // The event that opens the stream fixes the concern's parties (as the access guard reads them): a
      // second one, which no decider records (data written past them), changes nothing but the log.
      if (previous.exists) return state;
      const { concernId, serviceId, providerId, councilId, contractId, category, severity, source, summary } = event.data;
      return {
        ...state,
        exists: true,
        concernId,
        serviceId,
        providerId,
        councilId,
        contractId,
        category,
        severity,
        source,
        summary,
        status: 'raised',
        raisedAt: at,
      };
    }
    case 'ConcernNotifiedToProvider':
      return { ...state, status: 'notified', notifiedAt: at, notificationMethod: event.data.method };
    case 'ConcernAcknowledged':
      return { ...state, status: 'acknowledged', acknowledgedAt: at, acknowledgementNote: event.data.note };
    case 'ConcernEscalated':
    case 'ConcernDeescalated': {
      const { fromLevel, toLevel, reason } = event.data;
      const direction = event.type === 'ConcernEscalated' ? 'up' : 'down';
      const decision = event.type === 'ConcernEscalated' ? (event.data.decision ?? null) : null;
      return { ...state, escalationLevel: toLevel, escalations: [...state.escalations, { direction, fromLevel, toLevel, reason, at, decision }] };
    }
    case 'PlacementsSuspended':
    case 'PlacementsResumed': {
      const suspended = event.type === 'PlacementsSuspended';
      const change = { suspended, reason: event.data.reason, at, decision: event.type === 'PlacementsSuspended' ? (event.data.decision ?? null) : null };
      return { ...state, placementsSuspended: suspended, placementChanges: [...state.placementChanges, change] };
    }
    case 'ConcernClosed': {
      const { outcome, overrideReason, unverifiedActionIds } = event.data;
      return {
        ...state,
        status: 'closed',
        statusBeforeClosure: state.status,
        closedAt: at,
        closures: [...state.closures, { outcome, overrideReason, unverifiedActionIds, at }],
      };
    }
    case 'ConcernReopened':
      return {
        ...state,
        status: state.statusBeforeClosure ?? 'raised',
        statusBeforeClosure: null,
        closedAt: null,
        reopenings: [...state.reopenings, { reason: event.data.reason, at }],
      };
    case 'VisitConducted':
      return { ...state, visits: [...state.visits, toRecordedVisit(event)] };
    case 'ReviewMeetingHeld': {
      const { meetingId, heldOn, attendees, decisions } = event.data;
      const extra = { meetingKind: event.data.meetingKind ?? 'review_meeting', attendance: event.data.attendance ?? [], actions: event.data.actions ?? [] };
      return { ...state, meetings: [...state.meetings, { eventId: event.eventId, meetingId, heldOn, attendees, decisions, ...extra, at }] };
    }
    default:
      return state;
  }
}
