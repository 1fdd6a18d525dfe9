import type { LocalDate } from '@caretrail/domain';
import { daysBetween } from '../calendar/local-date';
import { evidenceIds } from '../events/effective-events';
import { actionRegister, isConcernOpen } from './action-register';
import type { ConcernHistory, MeasureContext } from './measure-context';
import { scopeByConcern, unionIds, type ConcernScoped, type Evidenced, type ScopedMeasure } from './measure-result';

export interface OverdueAction {
  actionId: string;
  description: string;
  agreedDueOn: LocalDate;
  /** Calendar days from the agreed due date to the evaluation date. */
  daysOverdue: number;
  currentDueOn: LocalDate;
  /** The same against the current due date, unilateral revisions included. */
  daysOverdueByCurrentDueDate: number;
  eventIds: string[];
}

export interface ConcernOverdueActions extends ConcernScoped {
  actions: OverdueAction[];
  overdueActionDays: number;
  overdueActionDaysByCurrentDueDate: number;
}

export interface OverdueSummary extends Evidenced {
  overdueActions: number;
  overdueActionDays: number;
  overdueActionDaysByCurrentDueDate: number;
}

export type OverdueActionDays = ScopedMeasure<ConcernOverdueActions, OverdueSummary>;

export const OVERDUE_ACTION_DAYS_DEFINITION =
  'As of the evaluation date, the sum over unverified actions of open concerns of the calendar days past the agreed ' +
  'due date (evaluation date minus due date, when positive). Unilateral revisions do not stop the clock; the sum ' +
  'against the current due date (unilateral revisions included) is shown beside. Actions of closed concerns, ' +
  'actions a later accepted version dropped, and actions of a plan replaced by a new request are not owed.';

function overdueOf(concern: ConcernHistory, context: MeasureContext): ConcernOverdueActions | null {
  if (!isConcernOpen(concern)) return null;
  const owed = actionRegister(concern).filter((a) => a.verifiedOn === null && !a.droppedByLaterVersion && !a.replacedByNewPlan);
  if (owed.length === 0) return null;
  const actions = owed
    .map((a) => ({
      actionId: a.actionId,
      description: a.description,
      agreedDueOn: a.agreedDueOn,
      daysOverdue: Math.max(0, daysBetween(a.agreedDueOn, context.on)),
      currentDueOn: a.currentDueOn,
      daysOverdueByCurrentDueDate: Math.max(0, daysBetween(a.currentDueOn, context.on)),
      eventIds: evidenceIds(a.evidence),
    }))
    .filter((a) => a.daysOverdue > 0 || a.daysOverdueByCurrentDueDate > 0);
  if (actions.length === 0) return null;
  return {
    concernId: concern.concernId,
    serviceId: concern.serviceId,
    actions,
    overdueActionDays: actions.reduce((s, a) => s + a.daysOverdue, 0),
    overdueActionDaysByCurrentDueDate: actions.reduce((s, a) => s + a.daysOverdueByCurrentDueDate, 0),
    eventIds: [...new Set(actions.flatMap((a) => a.eventIds))],
  };
}

const summariseOverdue = (items: ConcernOverdueActions[]): OverdueSummary => ({
  overdueActions: items.reduce((s, i) => s + i.actions.filter((a) => a.daysOverdue > 0).length, 0),
  overdueActionDays: items.reduce((s, i) => s + i.overdueActionDays, 0),
  overdueActionDaysByCurrentDueDate: items.reduce((s, i) => s + i.overdueActionDaysByCurrentDueDate, 0),
  eventIds: unionIds(items),
});

/** Measure 6: overdue action-days. */
export const overdueActionDays = (context: MeasureContext): OverdueActionDays =>
  scopeByConcern(context, 'overdueActionDays', OVERDUE_ACTION_DAYS_DEFINITION, (c) => overdueOf(c, context), summariseOverdue);
