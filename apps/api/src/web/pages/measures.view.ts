import type { Measures, Ratio, Summary } from '@caretrail/timeline';

export interface MeasureRow {
  name: string;
  value: string;
  detail: string;
  /** How many recorded events it was computed from, so a reader can ask for them. */
  events: number;
}

const percent = (r: Ratio) => (r.rate === null ? 'Nothing due yet' : `${Math.round(r.rate * 100)}%`);
const ofDue = (r: Ratio) => `${r.numerator} of ${r.denominator}`;
/** "1 working day", "2 working days": the unit's plural is the singular with an s. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const median = (s: Summary, one: string, after: string) => (s.median === null ? 'None yet' : `${count(s.median, one)} ${after}`.trim());

/** The headline responsiveness measures (computed by the timeline library) as rows for a summary list. */
export function measureRows(m: Measures): MeasureRow[] {
  return [
    { name: 'Time to acknowledge', value: median(m.timeToAcknowledge.overall.acknowledged, 'working day', '(median)'), detail: `${ofDue(m.timeToAcknowledge.overall.onTime)} on time`, events: m.timeToAcknowledge.overall.eventIds.length },
    { name: 'Plan lag', value: median(m.planLag.overall.submitted, 'day', 'to the first plan (median)'), detail: `${ofDue(m.planLag.overall.onTime)} by the due date`, events: m.planLag.overall.eventIds.length },
    { name: 'Council review lag', value: median(m.councilReviewLag.overall.decided, 'working day', '(median)'), detail: `${m.councilReviewLag.overall.accepted} accepted, ${m.councilReviewLag.overall.returned} returned, ${m.councilReviewLag.overall.awaitingDecision} awaiting`, events: m.councilReviewLag.overall.eventIds.length },
    { name: 'Update cadence adherence', value: percent(m.cadenceAdherence.overall.adherence), detail: `${ofDue(m.cadenceAdherence.overall.adherence)} periods on time, ${m.cadenceAdherence.overall.late} late, ${m.cadenceAdherence.overall.missed} missed`, events: m.cadenceAdherence.overall.eventIds.length },
    { name: 'On-time action rate', value: percent(m.onTimeActionRate.overall.byOriginalDueDate), detail: `${ofDue(m.onTimeActionRate.overall.byOriginalDueDate)} by the original due date; ${m.onTimeActionRate.overall.revisions.agreed} agreed and ${count(m.onTimeActionRate.overall.revisions.unilateral, 'unilateral revision')}`, events: m.onTimeActionRate.overall.eventIds.length },
    { name: 'Overdue action-days', value: `${m.overdueActionDays.overall.overdueActionDays}`, detail: `${count(m.overdueActionDays.overall.overdueActions, 'action')} overdue`, events: m.overdueActionDays.overall.eventIds.length },
    { name: 'Time to closure', value: median(m.timeToClosure.overall.closedWorkingDays, 'working day', '(median)'), detail: `${m.timeToClosure.overall.open} still open`, events: m.timeToClosure.overall.eventIds.length },
    { name: 'Days without a registered manager', value: `${m.registeredManager.overall.daysWithoutRegisteredManager}`, detail: `In the last ${count(m.registeredManager.overall.windowDays, 'day')}; ${count(m.registeredManager.overall.managerChanges, 'manager change')}`, events: m.registeredManager.overall.eventIds.length },
  ];
}
