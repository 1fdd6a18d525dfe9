import type { ConcernCategory, LocalDate } from '@caretrail/domain';
import { daysBetween } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import { evidenceIds } from '../events/effective-events';
import type { ConcernHistory, MeasureContext } from './measure-context';
import { scopeByConcern, summarise, unionIds, type ConcernScoped, type Evidenced, type ScopedMeasure, type Summary } from './measure-result';

export interface ConcernClosure extends ConcernScoped {
  category: ConcernCategory;
  raisedOn: LocalDate;
  /** The first closure; a reopened concern's later closures are the reopen rate's business. */
  closedOn: LocalDate | null;
  /** Raised to closed, or raised to the evaluation date while open. */
  workingDays: number;
  calendarDays: number;
}

export interface CategoryClosure {
  category: ConcernCategory;
  closed: number;
  medianWorkingDays: number | null;
  medianCalendarDays: number | null;
}

export interface ClosureSummary extends Evidenced {
  closedWorkingDays: Summary;
  closedCalendarDays: Summary;
  open: number;
  byCategory: CategoryClosure[];
}

export type TimeToClosure = ScopedMeasure<ConcernClosure, ClosureSummary>;

export const TIME_TO_CLOSURE_DEFINITION =
  'Working days (calendar days beside) from the concern being raised to its first closure (London dates of ' +
  'occurredAt); medians overall and by category (the category as raised, corrections applied). Open concerns are ' +
  'counted apart with their age so far and are not in the medians.';

function closureOf(concern: ConcernHistory, context: MeasureContext): ConcernClosure | null {
  if (concern.raised === null || concern.category === null) return null;
  const closed = concern.events.find((e) => e.type === 'ConcernClosed') ?? null;
  const raisedOn = concern.raised.occurredOn;
  const end = closed?.occurredOn ?? context.on;
  return {
    concernId: concern.concernId,
    serviceId: concern.serviceId,
    category: concern.category,
    raisedOn,
    closedOn: closed?.occurredOn ?? null,
    workingDays: workingDaysBetween(raisedOn, end),
    calendarDays: daysBetween(raisedOn, end),
    eventIds: evidenceIds([concern.raised, closed]),
  };
}

function summariseClosures(items: ConcernClosure[]): ClosureSummary {
  const closed = items.filter((i) => i.closedOn !== null);
  const categories = [...new Set(closed.map((i) => i.category))].sort();
  return {
    closedWorkingDays: summarise(closed.map((i) => i.workingDays)),
    closedCalendarDays: summarise(closed.map((i) => i.calendarDays)),
    open: items.length - closed.length,
    byCategory: categories.map((category) => {
      const inCategory = closed.filter((i) => i.category === category);
      return {
        category,
        closed: inCategory.length,
        medianWorkingDays: summarise(inCategory.map((i) => i.workingDays)).median,
        medianCalendarDays: summarise(inCategory.map((i) => i.calendarDays)).median,
      };
    }),
    eventIds: unionIds(items),
  };
}

/** Measure 7: time to closure, with medians by category. */
export const timeToClosure = (context: MeasureContext): TimeToClosure =>
  scopeByConcern(context, 'timeToClosure', TIME_TO_CLOSURE_DEFINITION, (c) => closureOf(c, context), summariseClosures);
