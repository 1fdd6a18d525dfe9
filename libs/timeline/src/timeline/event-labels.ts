/** Plain-English words for codes, as a council officer would write them. */

export const humanise = (code: string): string => code.replace(/_/g, ' ');

/** `periodEnding` -> "period ending". */
export const fieldWords = (field: string): string => field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** First line of free text, cut to a length that fits one line of a timeline. */
export function clip(text: string, max = 120): string {
  const line = String(text ?? '')
    .split(/\r?\n/)[0]
    .trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export const ESCALATION_LEVELS: Record<number, string> = {
  0: 'routine',
  1: 'enhanced monitoring',
  2: 'placements suspended',
  3: 'contract default or regulator referral',
};

export const VISIT_LABELS: Record<string, string> = {
  council_monitoring: 'Council monitoring visit',
  pamms_audit: 'PAMMS audit',
  provider_senior_visit: 'Provider senior visit',
  regulator_inspection: 'Regulator inspection',
  independent_person_visit: 'Independent person visit',
};

export const NOTIFY_METHODS: Record<string, string> = {
  email: 'by email',
  letter: 'by letter',
  meeting: 'at a meeting',
  portal: 'through the portal',
};

/** "Weekly", "Fortnightly", "Monthly", else "7-day" style. */
export function cadenceWord(days: number | null): string | null {
  if (days === null) return null;
  if (days === 7) return 'Weekly';
  if (days === 14) return 'Fortnightly';
  if (days >= 28 && days <= 31) return 'Monthly';
  return `${days}-day`;
}

/** What an entry of each kind is called when another entry (a correction) refers to it. */
const ENTRY_NOUNS: Record<string, string> = {
  ConcernRaised: 'the concern as raised',
  ConcernNotifiedToProvider: 'the notification',
  ConcernAcknowledged: 'the acknowledgement',
  ActionPlanRequested: 'the plan request',
  ActionPlanSubmitted: 'the action plan',
  PlanUpdateSubmitted: 'the plan update',
  ActionDueDateRevised: 'the due date revision',
  ActionCompletionClaimed: 'the completion claim',
  ActionVerified: 'the verification',
  VisitConducted: 'the visit record',
  ReviewMeetingHeld: 'the review meeting record',
  MeetingScheduled: 'the meeting invitations',
  MeetingAgendaShared: 'the meeting agenda',
  MeetingActionCompleted: 'the completion of a meeting action',
  VisitReportDrafted: 'the draft visit report',
  VisitFindingChallenged: 'the challenge to a finding',
  FindingChallengeDecided: 'the decision on a challenge',
  VisitReportPublished: 'the published visit report',
  CommentRecorded: 'the comment',
  RestrictedEntryRecorded: 'the restricted entry',
  EntryCorrected: 'the correction',
};

export const entryNoun = (type: string): string => ENTRY_NOUNS[type] ?? `the ${fieldWords(type)} entry`;
