import type {
  ActionCompletionClaimed,
  ActionDueDateRevised,
  ActionPlanAccepted,
  ActionPlanCompleted,
  ActionPlanRequested,
  ActionPlanReturned,
  ActionPlanSubmitted,
  ActionVerificationRejected,
  ActionVerified,
  PlanUpdateSubmitted,
} from './action-plan.events';
import type {
  ConcernAcknowledged,
  ConcernClosed,
  ConcernDeescalated,
  ConcernEscalated,
  ConcernNotifiedToProvider,
  ConcernRaised,
  ConcernReopened,
  PlacementsResumed,
  PlacementsSuspended,
} from './concern.events';
import type { ManagerAbsenceNotified, ManagerAppointed, ManagerLeft, ManagerRegistered, ManagerReturnedFromAbsence } from './management.events';
import type {
  ContractAwarded,
  ContractConfirmed,
  ContractEnded,
  ContractExtended,
  CouncilClocksSet,
  DefaultNoticeIssued,
  OrganisationRegistered,
  ProviderIdentifiersRecorded,
  ServiceIdentifiersRecorded,
  ServiceRegistered,
} from './organisation.events';
import type { CommentRecorded, EntryCorrected, EntryRetracted } from './record.events';
import type { EntryRestrictionLifted, RestrictedEntryRecorded } from './restriction.events';
import type { EnforcementActionRecorded, RatingPublished } from './regulator.events';
import type { ReviewMeetingHeld, VisitConducted } from './visit.events';
import type { MeetingActionCompleted, MeetingAgendaShared, MeetingScheduled } from './meeting.events';
import type { FindingChallengeDecided, VisitFindingChallenged, VisitReportDrafted, VisitReportPublished } from './visit-report.events';

/** Every event CareTrail records, as a discriminated union on `type`. */
export type CareTrailEvent =
  | OrganisationRegistered
  | ProviderIdentifiersRecorded
  | CouncilClocksSet
  | ServiceRegistered
  | ServiceIdentifiersRecorded
  | ContractAwarded
  | ContractConfirmed
  | ContractExtended
  | ContractEnded
  | DefaultNoticeIssued
  | ManagerLeft
  | ManagerAppointed
  | ManagerRegistered
  | ManagerAbsenceNotified
  | ManagerReturnedFromAbsence
  | ConcernRaised
  | ConcernNotifiedToProvider
  | ConcernAcknowledged
  | ConcernEscalated
  | ConcernDeescalated
  | PlacementsSuspended
  | PlacementsResumed
  | ConcernClosed
  | ConcernReopened
  | ActionPlanRequested
  | ActionPlanSubmitted
  | ActionPlanReturned
  | ActionPlanAccepted
  | PlanUpdateSubmitted
  | ActionDueDateRevised
  | ActionCompletionClaimed
  | ActionVerified
  | ActionVerificationRejected
  | ActionPlanCompleted
  | VisitConducted
  | ReviewMeetingHeld
  | MeetingScheduled
  | MeetingAgendaShared
  | MeetingActionCompleted
  | VisitReportDrafted
  | VisitFindingChallenged
  | FindingChallengeDecided
  | VisitReportPublished
  | RatingPublished
  | EnforcementActionRecorded
  | CommentRecorded
  | EntryCorrected
  | EntryRetracted
  | RestrictedEntryRecorded
  | EntryRestrictionLifted;

export type CareTrailEventType = CareTrailEvent['type'];
export type EventOfType<T extends CareTrailEventType> = Extract<CareTrailEvent, { type: T }>;
export type EventData<T extends CareTrailEventType> = EventOfType<T>['data'];

interface EventSchema {
  /** Bumped when the data's shape changes; readers upcast older versions. */
  schemaVersion: number;
  /** Top-level data fields that hold personal data (staff names), for erasure by key destruction. */
  personalData: readonly string[];
}

const v1 = (personalData: readonly string[] = []): EventSchema => ({ schemaVersion: 1, personalData });
/** Version 2 added optional fields; version-1 events are upcast on reading (upcasting.ts), never rewritten. */
const v2 = (personalData: readonly string[] = []): EventSchema => ({ schemaVersion: 2, personalData });

/** Schema version and personal-data marking of every event type, checked complete by the compiler. */
export const EVENT_SCHEMAS: Record<CareTrailEventType, EventSchema> = {
  OrganisationRegistered: v2(), // + cqcProviderId
  ProviderIdentifiersRecorded: v1(),
  CouncilClocksSet: v1(),
  ServiceRegistered: v2(), // + odsCode
  ServiceIdentifiersRecorded: v1(),
  ContractAwarded: v1(),
  ContractConfirmed: v1(),
  ContractExtended: v1(),
  ContractEnded: v1(),
  DefaultNoticeIssued: v1(),
  ManagerLeft: v1(['managerName']),
  ManagerAppointed: v1(['managerName']),
  ManagerRegistered: v1(['managerName']),
  ManagerAbsenceNotified: v1(['managerName']),
  ManagerReturnedFromAbsence: v1(['managerName']),
  ConcernRaised: v1(),
  ConcernNotifiedToProvider: v1(),
  ConcernAcknowledged: v1(),
  ConcernEscalated: v2(['decision']), // + decision (its leadOfficer is a staff name)
  ConcernDeescalated: v1(),
  PlacementsSuspended: v2(['decision']), // + decision (its leadOfficer is a staff name)
  PlacementsResumed: v1(),
  ConcernClosed: v1(),
  ConcernReopened: v1(),
  ActionPlanRequested: v1(),
  ActionPlanSubmitted: v2(), // + actions[].tags
  ActionPlanReturned: v1(),
  ActionPlanAccepted: v1(),
  PlanUpdateSubmitted: v1(),
  ActionDueDateRevised: v1(),
  ActionCompletionClaimed: v1(),
  ActionVerified: v1(),
  ActionVerificationRejected: v1(),
  ActionPlanCompleted: v1(),
  VisitConducted: v2(), // + tags
  ReviewMeetingHeld: v2(), // + meetingKind, attendance, actions (issue 16 item 1)
  MeetingScheduled: v1(),
  MeetingAgendaShared: v1(),
  MeetingActionCompleted: v1(),
  VisitReportDrafted: v1(),
  VisitFindingChallenged: v1(),
  FindingChallengeDecided: v1(),
  VisitReportPublished: v1(),
  RatingPublished: v1(),
  EnforcementActionRecorded: v1(),
  CommentRecorded: v1(),
  EntryCorrected: v1(),
  EntryRetracted: v1(),
  RestrictedEntryRecorded: v1(),
  EntryRestrictionLifted: v1(),
};

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as CareTrailEventType[];

export const isCareTrailEventType = (type: string): type is CareTrailEventType => Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, type);
