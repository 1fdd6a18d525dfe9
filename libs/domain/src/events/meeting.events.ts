import type { LocalDate } from '../shared/primitives';

/** The procedure's meetings (issue 16 item 1); every version-1 review meeting reads as a review_meeting. */
export const MEETING_KINDS = ['provider_concerns_meeting', 'large_scale_enquiry', 'findings_meeting', 'closure_meeting', 'review_meeting'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Who is invited, by the kind of organisation they come from. */
export const MEETING_ORGANISATION_KINDS = [
  'council_social_care',
  'safeguarding',
  'commissioning_and_qa',
  'regulator',
  'integrated_care_board',
  'police',
  'placing_council',
  'provider',
] as const;
export type MeetingOrganisationKind = (typeof MEETING_ORGANISATION_KINDS)[number];

/** The provider attends the whole meeting or only part of it (the rest is held without it). */
export const PROVIDER_ATTENDANCE = ['all', 'part'] as const;
export type ProviderAttendance = (typeof PROVIDER_ATTENDANCE)[number];

export const ATTENDANCE = ['attended', 'apologies', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** One invitation: an organisation and the post invited from it (a post, not a name). */
export interface MeetingInvitation {
  inviteeId: string;
  organisationKind: MeetingOrganisationKind;
  organisationName: string;
  role: string;
  /** Only for the provider: all of the meeting or part of it; null for everyone else. */
  providerAttendance: ProviderAttendance | null;
}

export interface MeetingAttendanceEntry {
  inviteeId: string;
  attendance: Attendance;
}

/** A decision of the minutes that is an action: who owns it (a post or organisation) and by when. */
export interface MeetingDecisionAction {
  actionId: string;
  description: string;
  owner: string;
  dueOn: LocalDate;
}

export interface MeetingScheduled {
  type: 'MeetingScheduled';
  data: { meetingId: string; concernId: string; meetingKind: MeetingKind; meetingOn: LocalDate; invitations: MeetingInvitation[] };
}

export interface MeetingAgendaShared {
  type: 'MeetingAgendaShared';
  data: { meetingId: string; concernId: string; sharedOn: LocalDate; items: string[] };
}

export interface MeetingActionCompleted {
  type: 'MeetingActionCompleted';
  data: { meetingId: string; concernId: string; actionId: string; completedOn: LocalDate; note: string };
}
