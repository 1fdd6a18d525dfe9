import { MEETING_ORGANISATION_WORDS, PROVIDER_ATTENDANCE_WORDS } from '@caretrail/timeline';
import { formatDate } from '../rendering/date-format';
import { escapeHtml } from '../rendering/escape-html';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const para = (label: string, value: string) =>
  value ? `<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}</p>` : '';
const bullets = (label: string, items: string[]) =>
  items.length === 0
    ? ''
    : `<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>${escapeHtml(label)}:</strong></p><ul class="govuk-list govuk-list--bullet govuk-body-s">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;

/** "Registered manager, Sunrise Care Ltd (Provider, for part of the meeting)". */
export const invitationWords = (i: Record<string, unknown>): string =>
  `${text(i.role)}, ${text(i.organisationName)} (${MEETING_ORGANISATION_WORDS[text(i.organisationKind)] ?? text(i.organisationKind)}${
    i.providerAttendance ? `, ${PROVIDER_ATTENDANCE_WORDS[text(i.providerAttendance)] ?? text(i.providerAttendance)}` : ''
  })`;

/** "Re-audit medication records — owner QA officer, due 24 Feb 2026". */
export const meetingActionWords = (a: Record<string, unknown>): string => `${text(a.description)} — owner ${text(a.owner)}, due ${formatDate(text(a.dueOn))}`;

/** The content of a meeting entry on a timeline (issue 16 item 1), from its data as it reads now. */
export function meetingDetails(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'MeetingScheduled':
      return bullets('Invited', list(data.invitations).map(invitationWords));
    case 'MeetingAgendaShared':
      return bullets('Agenda', (Array.isArray(data.items) ? data.items : []).map(text));
    case 'ReviewMeetingHeld':
      // Attendance names invitees by id: the case file shows it beside each invitation; the attendees say who came.
      return bullets('Actions', list(data.actions).map(meetingActionWords));
    case 'MeetingActionCompleted':
      return para('How it was completed', text(data.note));
    default:
      return '';
  }
}
