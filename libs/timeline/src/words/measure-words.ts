import type { Measures } from '../measures/compute-measures';
import type { Ratio, Summary } from '../measures/measure-result';

/** One measure's headline in words, for a summary list (the pages) or the printable bundle's first page. */
export interface MeasureRow {
  name: string;
  value: string;
  detail: string;
  /** How many recorded events it was computed from, so a reader can ask for them. */
  events: number;
}

/** The ten measures' keys in Measures. */
export type MeasureKey = Exclude<keyof Measures, 'on' | 'clocks' | 'councilClocks' | 'unreadableEventIds'>;

export interface MeasureHeadline extends MeasureRow {
  /** The measure's key in Measures (timeToAcknowledge, ...). */
  key: MeasureKey;
  /** The events the overall figure was computed from. */
  eventIds: string[];
}

const percent = (r: Ratio) => (r.rate === null ? 'Nothing due yet' : `${Math.round(r.rate * 100)}%`);
const ofDue = (r: Ratio) => `${r.numerator} of ${r.denominator}`;
/** "1 working day", "2 working days": the unit's plural is the singular with an s. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const median = (s: Summary, one: string, after: string) => (s.median === null ? 'None yet' : `${count(s.median, one)} ${after}`.trim());

/** The ten measures' headlines, in DESIGN.md's order. */
export function measureHeadlines(m: Measures): MeasureHeadline[] {
  const row = (key: MeasureKey, name: string, value: string, detail: string): MeasureHeadline => {
    const eventIds = m[key].overall.eventIds;
    return { key, name, value, detail, events: eventIds.length, eventIds };
  };
  const turnover = m.turnoverAndConcerns.overall;
  const per100 = (v: number | null) => (v === null ? 'no service-months' : `${v} per 100 service-months`);
  return [
    row(
      'timeToAcknowledge',
      'Time to acknowledge',
      median(m.timeToAcknowledge.overall.acknowledged, 'working day', '(median)'),
      `${ofDue(m.timeToAcknowledge.overall.onTime)} on time`,
    ),
    row('planLag', 'Plan lag', median(m.planLag.overall.submitted, 'day', 'to the first plan (median)'), `${ofDue(m.planLag.overall.onTime)} by the due date`),
    row(
      'councilReviewLag',
      'Council review lag',
      median(m.councilReviewLag.overall.decided, 'working day', '(median)'),
      `${m.councilReviewLag.overall.accepted} accepted, ${m.councilReviewLag.overall.returned} returned, ${m.councilReviewLag.overall.awaitingDecision} awaiting`,
    ),
    row(
      'cadenceAdherence',
      'Update cadence adherence',
      percent(m.cadenceAdherence.overall.adherence),
      `${ofDue(m.cadenceAdherence.overall.adherence)} periods on time, ${m.cadenceAdherence.overall.late} late, ${m.cadenceAdherence.overall.missed} missed`,
    ),
    row(
      'onTimeActionRate',
      'On-time action rate',
      percent(m.onTimeActionRate.overall.byOriginalDueDate),
      `${ofDue(m.onTimeActionRate.overall.byOriginalDueDate)} by the original due date; ${m.onTimeActionRate.overall.revisions.agreed} agreed and ${count(m.onTimeActionRate.overall.revisions.unilateral, 'unilateral revision')}`,
    ),
    row(
      'overdueActionDays',
      'Overdue action-days',
      `${m.overdueActionDays.overall.overdueActionDays}`,
      `${count(m.overdueActionDays.overall.overdueActions, 'action')} overdue`,
    ),
    row(
      'timeToClosure',
      'Time to closure',
      median(m.timeToClosure.overall.closedWorkingDays, 'working day', '(median)'),
      `${m.timeToClosure.overall.open} still open`,
    ),
    row(
      'reopenRate',
      'Reopen rate',
      percent(m.reopenRate.overall.reopenRate),
      `${ofDue(m.reopenRate.overall.reopenRate)} closures reopened; ${m.reopenRate.overall.stillInWindow} still in the reopen window`,
    ),
    row(
      'registeredManager',
      'Days without a registered manager',
      `${m.registeredManager.overall.daysWithoutRegisteredManager}`,
      `In the last ${count(m.registeredManager.overall.windowDays, 'day')}; ${count(m.registeredManager.overall.managerChanges, 'manager change')}`,
    ),
    row(
      'turnoverAndConcerns',
      'Concerns after manager changes',
      `${turnover.afterManagerChange.concerns} after, ${turnover.otherMonths.concerns} at other times`,
      `${per100(turnover.afterManagerChange.concernsPer100ServiceMonths)} after a change, ${per100(turnover.otherMonths.concernsPer100ServiceMonths)} otherwise. ${turnover.note}`,
    ),
  ];
}

/** The headline measures the pages show as a summary list (eight of the ten). */
export function measureRows(m: Measures): MeasureRow[] {
  return measureHeadlines(m)
    .filter((r) => r.key !== 'reopenRate' && r.key !== 'turnoverAndConcerns')
    .map(({ name, value, detail, events }) => ({ name, value, detail, events }));
}
