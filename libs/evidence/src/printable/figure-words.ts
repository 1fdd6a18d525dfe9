import { govukDate, humanise } from '@caretrail/timeline';

/*
 * A measure's figures in words: each field of the measures JSON gets the label a reader would use
 * ("Working days to acknowledge", not "acknowledged > count"), a summary of numbers reads as one line
 * ("2: median 3, shortest 1, longest 5"), a ratio as "3 of 4 (75%)", a date as GOV.UK writes it.
 */

const FIGURE_WORDS: Record<string, string> = {
  acknowledged: 'Working days to acknowledge',
  onTime: 'On time',
  overdue: 'Overdue now',
  waiting: 'Still within time',
  submitted: 'Days to the first plan',
  decided: 'Working days to decide on a plan',
  accepted: 'Plans accepted',
  returned: 'Plans returned',
  awaitingDecision: 'Plans awaiting a decision',
  longestAwaitingWorkingDays: 'Longest wait for a decision (working days)',
  adherence: 'Update periods with an update on time',
  late: 'Updates late',
  missed: 'Updates missed',
  pending: 'Periods not yet due',
  longestGap: 'Longest gap between updates',
  byOriginalDueDate: 'Done by the original due date',
  byAgreedDueDate: 'Done by the agreed due date',
  revisions: 'Due date revisions',
  actionsRevisedByAgreement: 'actions revised by agreement',
  actionsRevisedUnilaterally: 'actions revised without agreement',
  agreed: 'agreed',
  unilateral: 'without agreement',
  overdueActionDays: 'Overdue action-days',
  overdueActionDaysByCurrentDueDate: 'Overdue action-days by the current due date',
  overdueActions: 'Actions overdue',
  byCategory: 'By category',
  closedCalendarDays: 'Calendar days to closure',
  closedWorkingDays: 'Working days to closure',
  open: 'Still open',
  reopenRate: 'Closures reopened within the window',
  stillInWindow: 'Closures still in the reopen window',
  changesPerServicePerTwelveMonths: 'Manager changes per service per 12 months',
  daysWithoutRegisteredManager: 'Days without a registered manager',
  emergencyAbsencesNotifiedOnTime: 'Emergency absences notified on time',
  managerChanges: 'Manager changes',
  services: 'Services',
  windowDays: 'Days looked back',
  afterManagerChange: 'After a manager change',
  otherMonths: 'At other times',
  concerns: 'concerns',
  concernsPer100ServiceMonths: 'concerns per 100 service-months',
  serviceDays: 'service-days',
  serviceMonths: 'service-months',
  note: 'Note',
  days: 'days',
  from: 'from',
  to: 'to',
  waits: 'Waits for an acknowledgement',
  notifiedOn: 'Notified',
  acknowledgedOn: 'Acknowledged',
  status: 'Status',
  workingDays: 'Working days',
  calendarDays: 'Calendar days',
  category: 'Category',
  periods: 'Update periods',
  startsOn: 'Starts',
  endsOn: 'Ends',
  dueOn: 'Due',
  requestedOn: 'Requested',
  submittedOn: 'Submitted',
  closedOn: 'Closed',
  reopenedOn: 'Reopened',
  raisedOn: 'Raised',
  decidedOn: 'Decided',
  updatedOn: 'Updated',
  count: 'Number',
};

/** A figure's key in words; an unknown key in plain words all the same. */
export const figureWords = (key: string): string => FIGURE_WORDS[key] ?? humanise(key);

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isSummary = (v: Record<string, unknown>): boolean => ['count', 'median', 'mean', 'min', 'max'].every((k) => k in v) && Object.keys(v).length === 5;
const isRatio = (v: Record<string, unknown>): boolean => ['numerator', 'denominator', 'rate'].every((k) => k in v) && Object.keys(v).length === 3;
const round = (n: number): string => String(Math.round(n * 100) / 100);

/** A value the figure tables can show in one cell: a summary, a ratio, a date, a choice, a number. */
export function figureValue(value: unknown): string | null {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return round(value);
  if (typeof value === 'string') {
    if (LOCAL_DATE.test(value) || INSTANT.test(value)) return govukDate(value);
    return /^[a-z]+(_[a-z]+)*$/.test(value) ? humanise(value) : value;
  }
  if (isObject(value) && isSummary(value)) {
    const s = value as { count: number; median: number | null; mean: number | null; min: number | null; max: number | null };
    if (s.count === 0 || s.median === null) return 'None yet';
    return `${s.count} in all: median ${round(s.median)}, mean ${round(s.mean ?? 0)}, shortest ${round(s.min ?? 0)}, longest ${round(s.max ?? 0)}`;
  }
  if (isObject(value) && isRatio(value)) {
    const r = value as { numerator: number; denominator: number; rate: number | null };
    return `${r.numerator} of ${r.denominator}${r.rate === null ? ' (nothing due yet)' : ` (${Math.round(r.rate * 1000) / 10}%)`}`;
  }
  return null;
}
