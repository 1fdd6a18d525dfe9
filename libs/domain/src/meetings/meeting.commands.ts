import type { Attendance, MeetingKind, MeetingOrganisationKind, ProviderAttendance } from '../events/meeting.events';
import type { LocalDate } from '../shared/primitives';

/** The council invites organisations, by kind and post, to a meeting of the procedure on a day. */
export interface ScheduleMeeting {
  kind: 'ScheduleMeeting';
  concernId: string;
  meetingId: string;
  meetingKind: MeetingKind;
  meetingOn: LocalDate;
  invitations: {
    inviteeId: string;
    organisationKind: MeetingOrganisationKind;
    organisationName: string;
    role: string;
    providerAttendance?: ProviderAttendance | null;
  }[];
  occurredAt: string;
}

/** The agenda sent to the invitees before the day. */
export interface ShareMeetingAgenda {
  kind: 'ShareMeetingAgenda';
  concernId: string;
  meetingId: string;
  sharedOn: LocalDate;
  items: string[];
  occurredAt: string;
}

/** A decision of a meeting that is done: a new event, the minutes stay as they were. */
export interface CompleteMeetingAction {
  kind: 'CompleteMeetingAction';
  concernId: string;
  meetingId: string;
  actionId: string;
  completedOn: LocalDate;
  note: string;
  occurredAt: string;
}

/** What RecordReviewMeeting carries beyond its first version (all optional for older callers). */
export interface MeetingMinutesFields {
  /** The minutes of a meeting scheduled earlier: its meetingId must be known (rule meeting-known). */
  scheduled?: boolean;
  meetingKind?: MeetingKind;
  attendance?: { inviteeId: string; attendance: Attendance }[];
  actions?: { actionId: string; description: string; owner: string; dueOn: LocalDate }[];
}

export type MeetingCommand = ScheduleMeeting | ShareMeetingAgenda | CompleteMeetingAction;
