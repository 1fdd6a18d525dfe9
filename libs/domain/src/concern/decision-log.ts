import { listOf, localDate, objectWith, oneOf, orNull, text, wholeNumber, type FieldCheck } from '../records/field-checks';
import { assertDateNotInFuture } from '../shared/date-rules';
import { DomainRuleError } from '../shared/domain-error';
import { compareLocalDates, toLocalDate } from '../shared/local-date';
import type { Instant, LocalDate } from '../shared/primitives';

/**
 * What a decision to escalate or suspend does to placements at the service:
 * red: no new placements; amber: cautious admissions (each new placement agreed case by case);
 * none: placements carry on as before (enhanced monitoring only).
 */
export const PLACEMENT_CONSEQUENCES = ['red', 'amber', 'none'] as const;
export type PlacementConsequence = (typeof PLACEMENT_CONSEQUENCES)[number];

/** Counts only: never who the residents are. */
export interface ResidentReviews {
  /** People living at or supported by the service when the decision was taken. */
  currentResidents: number;
  /** Of them, how many have had their care reviewed since (by the placing councils). */
  reviewsDone: number;
}

/** The notice that told brokerage (the team placing people) of the decision. */
export interface BrokerageNotice {
  notifiedOn: LocalDate;
  /** The notice's reference (an e-mail or letter reference), where it has one. */
  reference: string | null;
}

/**
 * The decision log of an escalation or a placement suspension, as councils' provider-concerns
 * procedures keep it. Staff are named by post (decidedByRole); the lead officer is a staff name and
 * so personal data (the event schema marks `decision`).
 */
export interface DecisionLog {
  /** The post that took the decision, e.g. "Director of Adult Social Services". */
  decidedByRole: string;
  /** The officer leading the work under the decision (a staff name). */
  leadOfficer: string;
  /** When the decision is next reviewed. */
  reviewOn: LocalDate;
  consequence: PlacementConsequence;
  /** The reference of the risk assessment the decision rests on. */
  riskAssessmentReference: string;
  /** What must be true for the decision to be lifted. */
  liftingCriteria: string[];
  /** null until the council has counted. */
  residentReviews: ResidentReviews | null;
  /** null until brokerage has been told. */
  brokerageNotice: BrokerageNotice | null;
}

/** The shape of a decision log: what the API's DTO asks, said once for every way in (and for corrections). */
export const DECISION_LOG_CHECK: FieldCheck = objectWith({
  decidedByRole: text(200),
  leadOfficer: text(200),
  reviewOn: localDate,
  consequence: oneOf(PLACEMENT_CONSEQUENCES),
  riskAssessmentReference: text(100),
  liftingCriteria: listOf(text(2000), { min: 1, max: 20 }),
  residentReviews: orNull(objectWith({ currentResidents: wholeNumber(0, 100000), reviewsDone: wholeNumber(0, 100000) })),
  brokerageNotice: orNull(objectWith({ notifiedOn: localDate, reference: orNull(text(100)) })),
});

export type DecisionOf = { kind: 'escalation'; toLevel: number } | { kind: 'suspension' };

/**
 * Checks a decision log against the step it records and answers it in its stored form (null when none
 * was given: the log is optional, so records and callers from before it keep working).
 */
export function decideDecisionLog(given: DecisionLog | null | undefined, of: DecisionOf, occurredAt: Instant, now: Instant): DecisionLog | null {
  if (given === undefined || given === null) return null;
  const decision: DecisionLog = {
    ...given,
    residentReviews: given.residentReviews ?? null,
    brokerageNotice: given.brokerageNotice ? { notifiedOn: given.brokerageNotice.notifiedOn, reference: given.brokerageNotice.reference ?? null } : null,
  };
  const shape = DECISION_LOG_CHECK(decision);
  if (shape !== null) throw new DomainRuleError('decision-log-complete', `decision ${shape}`);

  const decidedOn = toLocalDate(occurredAt);
  if (compareLocalDates(decision.reviewOn, decidedOn) <= 0) {
    throw new DomainRuleError('decision-review-after-decision', `decision.reviewOn ${decision.reviewOn} must be after the day of the decision (${decidedOn})`);
  }
  if (of.kind === 'suspension' && decision.consequence === 'none') {
    throw new DomainRuleError(
      'suspension-restricts-placements',
      'A placement suspension has a consequence: red (no new placements) or amber (cautious admissions)',
    );
  }
  if (of.kind === 'escalation' && decision.consequence === 'red' && of.toLevel < 2) {
    throw new DomainRuleError(
      'red-consequence-needs-suspension-level',
      `No new placements (red) is a placement suspension: escalate to level 2 or above, not ${of.toLevel}`,
    );
  }
  const reviews = decision.residentReviews;
  if (reviews !== null && reviews.reviewsDone > reviews.currentResidents) {
    throw new DomainRuleError(
      'resident-reviews-within-residents',
      `decision.residentReviews: ${reviews.reviewsDone} reviews done is more than the ${reviews.currentResidents} current residents`,
    );
  }
  const notice = decision.brokerageNotice;
  if (notice !== null) {
    if (compareLocalDates(notice.notifiedOn, decidedOn) < 0) {
      throw new DomainRuleError(
        'brokerage-notice-after-decision',
        `decision.brokerageNotice.notifiedOn ${notice.notifiedOn} is before the day of the decision (${decidedOn})`,
      );
    }
    assertDateNotInFuture(notice.notifiedOn, now, 'decision.brokerageNotice.notifiedOn');
  }
  return decision;
}
