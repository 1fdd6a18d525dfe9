import type { LocalDate } from '@caretrail/domain';
import { workingDaysBetween } from '../calendar/working-days';
import { evidenceIds } from '../events/effective-events';
import { isEvent, type EventOf } from '../events/typed-event';
import type { ConcernHistory, MeasureContext, MeasureEvent } from './measure-context';
import { scopeByConcern, summarise, unionIds, type ConcernScoped, type Evidenced, type ScopedMeasure, type Summary } from './measure-result';

export interface PlanReview {
  version: number;
  submittedOn: LocalDate;
  submissionEventId: string;
  decision: 'accepted' | 'returned' | null;
  decidedOn: LocalDate | null;
  decisionEventId: string | null;
  /** Working days from submission to decision, or so far while awaiting one. */
  workingDays: number;
}

export interface ConcernReviewLag extends ConcernScoped {
  reviews: PlanReview[];
}

export interface ReviewLagSummary extends Evidenced {
  decided: Summary;
  accepted: number;
  returned: number;
  awaitingDecision: number;
  /** The longest wait so far among submissions still awaiting a decision. */
  longestAwaitingWorkingDays: number | null;
}

export type CouncilReviewLag = ScopedMeasure<ConcernReviewLag, ReviewLagSummary>;

export const COUNCIL_REVIEW_LAG_DEFINITION =
  'Working days from each action plan version being submitted to the council accepting or returning that version ' +
  '(the first decision naming the version after the submission). Submissions still awaiting a decision are shown ' +
  "with their wait so far. Measures the council's side of the exchange, for fairness to the provider.";

type Submission = EventOf<'ActionPlanSubmitted', MeasureEvent>;

function reviewLagOf(concern: ConcernHistory, context: MeasureContext): ConcernReviewLag | null {
  const reviews: PlanReview[] = [];
  const used: MeasureEvent[] = [];
  const awaiting: Submission[] = [];
  const review = (submission: Submission, decision: MeasureEvent | null) => {
    reviews.push({
      version: submission.data.version,
      submittedOn: submission.occurredOn,
      submissionEventId: submission.eventId,
      decision: decision === null ? null : decision.type === 'ActionPlanAccepted' ? 'accepted' : 'returned',
      decidedOn: decision?.occurredOn ?? null,
      decisionEventId: decision?.eventId ?? null,
      workingDays: workingDaysBetween(submission.occurredOn, decision?.occurredOn ?? context.on),
    });
    used.push(submission, ...(decision ? [decision] : []));
  };
  for (const event of concern.events) {
    if (isEvent(event, 'ActionPlanSubmitted')) awaiting.push(event);
    if (isEvent(event, 'ActionPlanAccepted') || isEvent(event, 'ActionPlanReturned')) {
      const index = awaiting.findIndex((s) => s.data.version === event.data.version);
      if (index >= 0) review(awaiting.splice(index, 1)[0], event);
    }
  }
  awaiting.forEach((s) => review(s, null));
  if (reviews.length === 0) return null;
  reviews.sort((a, b) => (a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : a.version - b.version));
  return { concernId: concern.concernId, serviceId: concern.serviceId, reviews, eventIds: evidenceIds(used) };
}

function summariseReviewLag(items: ConcernReviewLag[]): ReviewLagSummary {
  const reviews = items.flatMap((i) => i.reviews);
  const awaiting = reviews.filter((r) => r.decision === null);
  return {
    decided: summarise(reviews.filter((r) => r.decision !== null).map((r) => r.workingDays)),
    accepted: reviews.filter((r) => r.decision === 'accepted').length,
    returned: reviews.filter((r) => r.decision === 'returned').length,
    awaitingDecision: awaiting.length,
    longestAwaitingWorkingDays: awaiting.length === 0 ? null : Math.max(...awaiting.map((r) => r.workingDays)),
    eventIds: unionIds(items),
  };
}

/** Measure 3: council review lag. */
export const councilReviewLag = (context: MeasureContext): CouncilReviewLag =>
  scopeByConcern(context, 'councilReviewLag', COUNCIL_REVIEW_LAG_DEFINITION, (c) => reviewLagOf(c, context), summariseReviewLag);
