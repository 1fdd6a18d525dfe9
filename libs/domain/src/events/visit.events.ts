import type { LocalDate } from '../shared/primitives';
import type { MeetingAttendanceEntry, MeetingDecisionAction, MeetingKind } from './meeting.events';

export const VISIT_TYPES = ['council_monitoring', 'pamms_audit', 'provider_senior_visit', 'regulator_inspection', 'independent_person_visit'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

/** Recorded on the concern's stream when it concerns one, else on the service's. */
export interface VisitConducted {
  type: 'VisitConducted';
  data: {
    visitId: string;
    serviceId: string;
    concernId: string | null;
    visitType: VisitType;
    announced: boolean;
    visitedOn: LocalDate;
    /** The visitor's post, e.g. "Chief executive" (not a name). */
    visitorRole: string;
    findings: string;
    /** PAMMS standards and CQC quality statements the findings concern (reference/quality-frameworks.ts); schema 2, [] when upcast. */
    tags?: string[];
  };
}

export interface ReviewMeetingHeld {
  type: 'ReviewMeetingHeld';
  data: {
    meetingId: string;
    concernId: string;
    heldOn: LocalDate;
    attendees: string[];
    decisions: string[];
    /** Schema 2 (issue 16 item 1); a version-1 event is upcast to 'review_meeting'. */
    meetingKind?: MeetingKind;
    /** Schema 2: attendance of each invitee of a scheduled meeting; [] when upcast or not scheduled. */
    attendance?: MeetingAttendanceEntry[];
    /** Schema 2: decisions that are actions, with owner and due date; [] when upcast. */
    actions?: MeetingDecisionAction[];
  };
}
