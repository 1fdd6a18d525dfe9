import { govukDate } from './govuk-dates';

/*
 * The record in plain English: what the pages and the printable bundle call each kind of entry, each
 * field and each choice. One home, so a page and a printed bundle never name the same thing twice over.
 */

/** `council_monitoring` -> "Council monitoring", `ActionPlanSubmitted` -> "Action plan submitted": enum values and event types as readers say them. */
export function humanise(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const words = String(value)
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An entry's label on a timeline (the event type in words): "Concern raised", "Action plan submitted". */
export const entryKindWords = (type: string): string => humanise(type);

/** Visit types as the council writes them (PAMMS is an acronym, everywhere). */
export const VISIT_TYPES: Record<string, string> = {
  council_monitoring: 'Council monitoring visit',
  pamms_audit: 'PAMMS audit',
  provider_senior_visit: 'Provider senior visit',
  regulator_inspection: 'Regulator inspection',
  independent_person_visit: 'Independent person visit',
};

export const visitTypeWords = (type: string | null | undefined): string => VISIT_TYPES[type ?? ''] ?? humanise(type);

/** Which side an entry speaks for. */
export const PARTY_NAMES: Record<string, string> = { council: 'Council', provider: 'Provider', regulator: 'Regulator', admin: 'CareTrail administrator' };

export const partyName = (party: string): string => PARTY_NAMES[party] ?? humanise(party);

/** What each kind of entry is called in a list of corrections or withdrawals. */
const ENTRY_NAMES: Record<string, string> = {
  ConcernRaised: 'Concern as raised',
  ConcernNotifiedToProvider: 'Notification to the provider',
  ConcernAcknowledged: 'Acknowledgement',
  ConcernEscalated: 'Escalation',
  ConcernDeescalated: 'De-escalation',
  PlacementsSuspended: 'Placement suspension',
  PlacementsResumed: 'Placement resumption',
  ConcernClosed: 'Closure',
  ConcernReopened: 'Reopening',
  ActionPlanRequested: 'Plan request',
  ActionPlanSubmitted: 'Action plan',
  ActionPlanReturned: 'Plan returned',
  PlanUpdateSubmitted: 'Plan update',
  ActionDueDateRevised: 'Due date revision',
  ActionCompletionClaimed: 'Completion claim',
  ActionVerified: 'Verification',
  ActionVerificationRejected: 'Claim sent back',
  VisitConducted: 'Visit',
  ReviewMeetingHeld: 'Review meeting',
  MeetingScheduled: 'Meeting invitations',
  MeetingAgendaShared: 'Meeting agenda',
  MeetingActionCompleted: 'Meeting action completed',
  VisitReportDrafted: 'Draft visit report',
  VisitFindingChallenged: 'Challenge to a finding',
  FindingChallengeDecided: 'Decision on a challenge',
  VisitReportPublished: 'Published visit report',
  CommentRecorded: 'Comment',
  EntryCorrected: 'Correction',
  RatingPublished: 'Rating',
  EnforcementActionRecorded: 'Enforcement action',
  ManagerAppointed: 'Manager appointment',
  ManagerLeft: 'Manager leaving',
  ManagerRegistered: 'Manager registration',
  ManagerAbsenceNotified: 'Manager absence',
  ManagerReturnedFromAbsence: 'Manager return from absence',
  ServiceRegistered: 'Service registration',
};

export const entryName = (type: string): string => ENTRY_NAMES[type] ?? humanise(type);

/** Field names as a reader says them: `periodEnding` -> "Period ending". */
const FIELD_NAMES: Record<string, string> = {
  note: 'Note',
  summary: 'Summary',
  actions: 'Actions',
  evidence: 'Evidence',
  reasons: 'Reasons',
  overall: 'Overall rating',
  keyQuestions: 'Key questions',
  reportReference: 'Report reference',
  overrideReason: 'Reason for closing with actions unverified',
  visitType: 'Type of visit',
  visitorRole: 'Visitor',
};

export const fieldName = (field: string): string => FIELD_NAMES[field] ?? humanise(field);

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const STATUS_WORDS: Record<string, string> = {
  open: 'not started',
  in_progress: 'in progress',
  completion_claimed: 'completion claimed',
  verified: 'verified',
};

/**
 * A field's value in plain English, for a correction's "before" and "after": dates as GOV.UK writes
 * them, choices in words, a list one item after another, an action by its description, evidence by name.
 */
export function valueWords(value: unknown, describeAction: (actionId: string) => string = (id) => id): string {
  if (value === null || value === undefined || value === '') return 'Nothing';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (LOCAL_DATE.test(value) || INSTANT.test(value)) return govukDate(value);
    return /^[a-z]+(_[a-z]+)+$|^[a-z]+$/.test(value) && value.length < 40 ? (VISIT_TYPES[value] ?? humanise(value)) : value;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map((v) => valueWords(v, describeAction)).join('; ');
  if (isObject(value)) {
    if (typeof value.sha256 === 'string' && typeof value.name === 'string') return value.name;
    if (typeof value.actionId === 'string' && typeof value.status === 'string') {
      return `${describeAction(value.actionId)}: ${STATUS_WORDS[value.status] ?? humanise(value.status)}${typeof value.note === 'string' && value.note ? ` — ${value.note}` : ''}`;
    }
    if (typeof value.description === 'string') {
      const parts = [value.owner ? `owner ${String(value.owner)}` : '', typeof value.dueOn === 'string' ? `due ${govukDate(value.dueOn)}` : ''].filter(Boolean);
      return `${value.description}${parts.length ? ` (${parts.join(', ')})` : ''}`;
    }
    return Object.entries(value)
      .map(([k, v]) => `${fieldName(k)}: ${valueWords(v, describeAction)}`)
      .join(', ');
  }
  return String(value);
}
