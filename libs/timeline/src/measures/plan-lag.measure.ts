import type { LocalDate } from '@caretrail/domain';
import { daysBetween } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import { evidenceIds } from '../events/effective-events';
import { isEvent, type EventOf } from '../events/typed-event';
import type { ConcernHistory, MeasureContext, MeasureEvent } from './measure-context';
import { ratio, scopeByConcern, summarise, unionIds, type ConcernScoped, type Evidenced, type Ratio, type ScopedMeasure, type Summary } from './measure-result';
import { isJudged, responseStatus, type ResponseStatus } from './response-status';

export interface PlanRequestOutcome {
  requestedOn: LocalDate;
  requestEventId: string;
  /** The due date in force: that of the latest request made while waiting. */
  dueOn: LocalDate;
  firstSubmittedOn: LocalDate | null;
  submissionEventId: string | null;
  /** Working days from request to first submission, or so far while waiting. */
  workingDays: number;
  calendarDays: number;
  status: ResponseStatus;
}

export interface ConcernPlanLag extends ConcernScoped {
  requests: PlanRequestOutcome[];
}

export interface PlanLagSummary extends Evidenced {
  submitted: Summary;
  onTime: Ratio;
  waiting: number;
  overdue: number;
}

export type PlanLag = ScopedMeasure<ConcernPlanLag, PlanLagSummary>;

export const PLAN_LAG_DEFINITION =
  'Working days from the action plan being requested to the first plan version submitted after it (London dates of ' +
  "occurredAt), with calendar days beside. On time: submitted on or before the request's due date. A request made " +
  'while one is still waiting replaces its due date but not its start. Requests still waiting count as overdue once ' +
  'the evaluation date is past the due date.';

function planLagOf(concern: ConcernHistory, context: MeasureContext): ConcernPlanLag | null {
  const requests: PlanRequestOutcome[] = [];
  const used: MeasureEvent[] = [];
  // Declared through a cast so the compiler does not narrow it to null: close() resets it.
  let open = null as { first: MeasureEvent; latest: EventOf<'ActionPlanRequested', MeasureEvent> } | null;
  const close = (submission: MeasureEvent | null) => {
    if (!open) return;
    const end = submission?.occurredOn ?? context.on;
    const dueOn = open.latest.data.dueOn;
    requests.push({
      requestedOn: open.first.occurredOn,
      requestEventId: open.first.eventId,
      dueOn,
      firstSubmittedOn: submission?.occurredOn ?? null,
      submissionEventId: submission?.eventId ?? null,
      workingDays: workingDaysBetween(open.first.occurredOn, end),
      calendarDays: daysBetween(open.first.occurredOn, end),
      status: responseStatus(submission !== null, end <= dueOn),
    });
    used.push(open.first, open.latest, ...(submission ? [submission] : []));
    open = null;
  };
  for (const event of concern.events) {
    if (isEvent(event, 'ActionPlanRequested')) open = { first: open?.first ?? event, latest: event };
    if (event.type === 'ActionPlanSubmitted') close(event);
  }
  close(null);
  if (requests.length === 0) return null;
  return { concernId: concern.concernId, serviceId: concern.serviceId, requests, eventIds: evidenceIds(used) };
}

function summarisePlanLag(items: ConcernPlanLag[]): PlanLagSummary {
  const requests = items.flatMap((i) => i.requests);
  const judged = requests.filter((r) => isJudged(r.status));
  return {
    submitted: summarise(requests.filter((r) => r.firstSubmittedOn !== null).map((r) => r.workingDays)),
    onTime: ratio(judged.filter((r) => r.status === 'on_time').length, judged.length),
    waiting: requests.filter((r) => r.status === 'waiting').length,
    overdue: requests.filter((r) => r.status === 'overdue').length,
    eventIds: unionIds(items),
  };
}

/** Measure 2: plan lag, and whether the first plan met its due date. */
export const planLag = (context: MeasureContext): PlanLag =>
  scopeByConcern(context, 'planLag', PLAN_LAG_DEFINITION, (c) => planLagOf(c, context), summarisePlanLag);
