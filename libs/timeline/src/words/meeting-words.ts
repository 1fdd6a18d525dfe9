/*
 * Multi-agency meetings in plain English (issue 16 item 1): the kinds of meeting, the organisations
 * invited, attendance. Pages, timelines and bundles say them the same way.
 */

export const MEETING_KIND_WORDS: Record<string, string> = {
  provider_concerns_meeting: 'Provider concerns meeting',
  large_scale_enquiry: 'Large-scale enquiry meeting',
  findings_meeting: 'Findings meeting',
  closure_meeting: 'Closure meeting',
  review_meeting: 'Review meeting',
};

export const MEETING_ORGANISATION_WORDS: Record<string, string> = {
  council_social_care: 'Council adult social care',
  safeguarding: 'Safeguarding',
  commissioning_and_qa: 'Commissioning and quality assurance',
  regulator: 'Regulator',
  integrated_care_board: 'NHS integrated care board',
  police: 'Police',
  placing_council: 'Placing council',
  provider: 'Provider',
};

export const ATTENDANCE_WORDS: Record<string, string> = { attended: 'Attended', apologies: 'Sent apologies', absent: 'Absent' };

export const PROVIDER_ATTENDANCE_WORDS: Record<string, string> = { all: 'for all of the meeting', part: 'for part of the meeting' };

/** A version-1 review meeting has no kind: it is a review meeting. */
export const meetingKindWords = (kind: unknown): string => MEETING_KIND_WORDS[typeof kind === 'string' ? kind : 'review_meeting'] ?? String(kind);
