import { DECISION_LOG_CHECK } from '../concern/decision-log';
import { qualityTagsProblem } from '../reference/quality-frameworks';
import { CONCERN_CATEGORIES, CONCERN_SOURCES, RAG_SEVERITIES } from '../events/concern.events';
import { COMMENT_TOPICS } from '../events/record.events';
import { ENFORCEMENT_ACTIONS, KEY_QUESTIONS, RATINGS } from '../events/regulator.events';
import { VISIT_TYPES } from '../events/visit.events';
import { SERVICE_TYPES } from '../shared/primitives';
import { evidenceList, itemId, listOf, localDate, objectWith, oneOf, optionalText, orNull, text, wholeNumber, yesNo, type FieldCheck } from './field-checks';

/**
 * What a correction may change in each kind of entry, and the shape each new value must have (the
 * same bounds as the original command's request). A correction fixes what was written down wrongly:
 * words, dates, choices. It never changes
 * - ids (they tie records together: a wrong id is a wrong entry, to retract and record again);
 * - what the lifecycle was decided on (plan and version numbers, escalation levels, the update cadence,
 *   a contract's term, the regulator, who recorded a visit or comment): the record's later steps were
 *   checked against those, so changing them would rewrite history rather than correct it.
 * Entry types not listed here have nothing a correction may change.
 * The domain rules each correction must also keep (dates in order, an update on its cadence) are in
 * correction-entry.rules.ts.
 */
export const CORRECTABLE_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldCheck>>>> = {
  // Services
  ServiceRegistered: { name: text(200), serviceType: oneOf(SERVICE_TYPES) },
  // Identifiers themselves are recorded again, not corrected: a wrong one is replaced by a new recording.
  ServiceIdentifiersRecorded: { reason: text(2000) },
  ManagerAppointed: { managerName: text(200), startedOn: localDate, basis: oneOf(['interim', 'permanent']) },
  ManagerLeft: { leftOn: localDate, reason: text(1000) },
  ManagerRegistered: { registeredOn: localDate },
  ManagerReturnedFromAbsence: { returnedOn: localDate },
  ManagerAbsenceNotified: { absenceStartedOn: localDate, notifiedOn: localDate, emergency: yesNo, expectedReturnOn: orNull(localDate) },
  RatingPublished: {
    overall: oneOf(RATINGS),
    keyQuestions: objectWith(Object.fromEntries(KEY_QUESTIONS.map((q) => [q, orNull(oneOf(RATINGS))]))),
    publishedOn: localDate,
    reportReference: orNull(optionalText(100)),
  },
  EnforcementActionRecorded: { action: oneOf(ENFORCEMENT_ACTIONS), decidedOn: localDate, summary: text(5000) },

  // Contracts
  ContractAwarded: { reference: text(100) },
  ContractExtended: { reason: text(2000) },
  ContractEnded: { reason: text(2000) },
  DefaultNoticeIssued: { issuedOn: localDate, reason: text(5000), remedyBy: orNull(localDate) },

  // Concerns
  ConcernRaised: { category: oneOf(CONCERN_CATEGORIES), severity: oneOf(RAG_SEVERITIES), source: oneOf(CONCERN_SOURCES), summary: text(5000) },
  ConcernNotifiedToProvider: { method: oneOf(['email', 'letter', 'meeting', 'portal']) },
  ConcernAcknowledged: { note: optionalText(5000) },
  // The decision log is corrected whole (its rules re-run: correction-entry.rules.ts); null takes it away.
  ConcernEscalated: { reason: text(5000), decision: orNull(DECISION_LOG_CHECK) },
  ConcernDeescalated: { reason: text(5000) },
  PlacementsSuspended: { reason: text(5000), decision: orNull(DECISION_LOG_CHECK) },
  PlacementsResumed: { reason: text(5000) },
  ConcernClosed: { outcome: text(5000), overrideReason: orNull(optionalText(5000)) },
  ConcernReopened: { reason: text(5000) },

  // Action plans
  ActionPlanRequested: { dueOn: localDate, graceDays: wholeNumber(0, 30) },
  ActionPlanSubmitted: {
    actions: listOf(
      // tags may be left out (actions recorded before tagging have none).
      objectWith({
        actionId: itemId,
        description: text(2000),
        owner: text(200),
        dueOn: localDate,
        measure: text(2000),
        tags: (v) => (v === undefined ? null : qualityTagsProblem(v)),
      }),
      { min: 1, max: 100 },
    ),
    summary: text(5000),
  },
  ActionPlanReturned: { reasons: listOf(text(2000), { min: 1, max: 50 }) },
  PlanUpdateSubmitted: {
    periodEnding: localDate,
    actions: listOf(objectWith({ actionId: itemId, status: oneOf(['open', 'in_progress']), note: text(2000) }), { max: 100 }),
    evidence: evidenceList,
    summary: text(5000),
  },
  ActionDueDateRevised: { dueOn: localDate, basis: oneOf(['agreed', 'unilateral']), reason: text(2000) },
  ActionCompletionClaimed: { note: text(2000), evidence: evidenceList },
  ActionVerified: { note: text(2000) },
  ActionVerificationRejected: { reason: text(2000) },

  // Visits, meetings, comments: on whichever record they were made
  VisitConducted: {
    visitType: oneOf(VISIT_TYPES),
    announced: yesNo,
    visitedOn: localDate,
    visitorRole: text(200),
    findings: text(10000),
    tags: qualityTagsProblem,
  },
  ReviewMeetingHeld: { heldOn: localDate, attendees: listOf(text(200), { min: 1, max: 50 }), decisions: listOf(text(2000), { min: 1, max: 50 }) },
  CommentRecorded: { topic: oneOf(COMMENT_TOPICS), text: text(5000) },

  // A correction may itself be corrected: its reason, or its changes (checked as a correction of its own target).
  EntryCorrected: {
    reason: text(2000),
    changes: (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'must be an object'),
  },
};

/** The fields a correction may change on an entry of this type, in the order the table lists them. */
export const correctableFieldsOf = (type: string): string[] =>
  Object.prototype.hasOwnProperty.call(CORRECTABLE_FIELDS, type) ? Object.keys(CORRECTABLE_FIELDS[type]) : [];

export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Each changed field that may not be corrected on this type, or whose new value has the wrong shape.
 * The API asks this too, so a refusal names every bad field at once.
 */
export function correctionFieldProblems(type: string, changes: Record<string, unknown>): FieldProblem[] {
  const checks = Object.prototype.hasOwnProperty.call(CORRECTABLE_FIELDS, type) ? CORRECTABLE_FIELDS[type] : {};
  const correctable = Object.keys(checks);
  return Object.entries(changes).flatMap(([field, value]): FieldProblem[] => {
    if (!Object.prototype.hasOwnProperty.call(checks, field)) {
      const allowed = correctable.length > 0 ? `only ${correctable.join(', ')} can be corrected` : 'nothing on it can be corrected';
      return [{ field, problem: `cannot be corrected on an entry of type ${type} (${allowed})` }];
    }
    const problem = checks[field](value);
    return problem === null ? [] : [{ field, problem }];
  });
}
