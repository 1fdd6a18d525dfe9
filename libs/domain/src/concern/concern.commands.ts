import type { ConcernCategory, ConcernSource, EscalationLevel, RagSeverity } from '../events/concern.events';
import type { CommentFields, CorrectionFields, RetractionFields } from '../records/record.commands';
import type { LiftRestrictionFields } from '../records/restriction.rules';
import type { LocalDate } from '../shared/primitives';
import type { VisitFields } from '../visits/visit.rules';
import type { VisitReportCommand } from '../visits/visit-report.commands';
import type { DecisionLog } from './decision-log';
import type { ActionPlanCommand } from './action-plan.commands';
import type { MeetingCommand, MeetingMinutesFields } from '../meetings/meeting.commands';

/** The provider and the council come from the service and the contract, so they cannot disagree. */
export interface RaiseConcern {
  kind: 'RaiseConcern';
  concernId: string;
  serviceId: string;
  contractId: string;
  category: ConcernCategory;
  severity: RagSeverity;
  source: ConcernSource;
  summary: string;
  occurredAt: string;
}

export interface NotifyConcernToProvider {
  kind: 'NotifyConcernToProvider';
  concernId: string;
  method: 'email' | 'letter' | 'meeting' | 'portal';
  occurredAt: string;
}

export interface AcknowledgeConcern {
  kind: 'AcknowledgeConcern';
  concernId: string;
  note: string;
  occurredAt: string;
}

export interface EscalateConcern {
  kind: 'EscalateConcern';
  concernId: string;
  toLevel: EscalationLevel;
  reason: string;
  /** Who decided, on what, with what consequence; optional. */
  decision?: DecisionLog | null;
  occurredAt: string;
}

export interface DeescalateConcern {
  kind: 'DeescalateConcern';
  concernId: string;
  toLevel: EscalationLevel;
  reason: string;
  occurredAt: string;
}

export interface SuspendPlacements {
  kind: 'SuspendPlacements';
  concernId: string;
  reason: string;
  /** Who decided, on what, with what consequence; optional. */
  decision?: DecisionLog | null;
  occurredAt: string;
}

export interface ResumePlacements {
  kind: 'ResumePlacements';
  concernId: string;
  reason: string;
  occurredAt: string;
}

export interface CloseConcern {
  kind: 'CloseConcern';
  concernId: string;
  outcome: string;
  /** Needed when actions of the accepted plan are still unverified. */
  overrideReason: string | null;
  occurredAt: string;
}

export interface ReopenConcern {
  kind: 'ReopenConcern';
  concernId: string;
  reason: string;
  occurredAt: string;
}

export interface RecordConcernVisit extends VisitFields {
  kind: 'RecordConcernVisit';
  concernId: string;
}

/** Issue 16 item 1 added kind, attendance per invitee and decision actions (MeetingMinutesFields). */
export interface RecordReviewMeeting extends MeetingMinutesFields {
  kind: 'RecordReviewMeeting';
  concernId: string;
  meetingId: string;
  heldOn: LocalDate;
  /** Posts or organisations present, e.g. "Registered manager"; not names. */
  attendees: string[];
  decisions: string[];
  occurredAt: string;
}

export interface RecordConcernComment extends CommentFields {
  kind: 'RecordConcernComment';
  concernId: string;
  /** Organisations the comment is restricted to (docs/restricted-entries.md); absent or empty: not restricted. */
  restrictedTo?: string[];
}

export interface LiftConcernEntryRestriction extends LiftRestrictionFields {
  kind: 'LiftConcernEntryRestriction';
  concernId: string;
}

export interface CorrectConcernEntry extends CorrectionFields {
  kind: 'CorrectConcernEntry';
  concernId: string;
}

export interface RetractConcernEntry extends RetractionFields {
  kind: 'RetractConcernEntry';
  concernId: string;
}

export type ConcernLifecycleCommand =
  | RaiseConcern
  | NotifyConcernToProvider
  | AcknowledgeConcern
  | EscalateConcern
  | DeescalateConcern
  | SuspendPlacements
  | ResumePlacements
  | CloseConcern
  | ReopenConcern;

export type ConcernCommand =
  | ConcernLifecycleCommand
  | ActionPlanCommand
  | RecordConcernVisit
  | RecordReviewMeeting
  | MeetingCommand
  | RecordConcernComment
  | CorrectConcernEntry
  | RetractConcernEntry
  | LiftConcernEntryRestriction
  | VisitReportCommand;
