import type { LocalDate } from '@caretrail/domain';
import { addDays, daysBetween, formatDate, isLocalDate } from '../calendar/local-date';
import { toLondonDate } from '../calendar/london-time';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days';

export interface AbsenceNoticeRules {
  notifiableFromDays: number;
  plannedNoticeDays: number;
  emergencyWithinWorkingDays: number;
}

/** Statutory notice of a registered manager's absence (issue 16 item 8). */
export const ABSENCE_NOTICE_RULES: AbsenceNoticeRules = {
  /** Absences this long or longer must be notified. */
  notifiableFromDays: 28,
  /** A planned absence is notified at least this many days before it begins. */
  plannedNoticeDays: 28,
  /** An emergency absence is notified within this many working days after it began. */
  emergencyWithinWorkingDays: 5,
};

export const ABSENCE_NOTICE_DEFINITION =
  "A registered manager's absence of 28 days or more is notified to the regulator: a planned one at least 28 days " +
  'before it begins (notifiedOn on or before absenceStartedOn minus 28 days), an emergency one within 5 working days ' +
  'after it began (working days after absenceStartedOn up to notifiedOn, England and Wales bank holidays excluded). ' +
  'A planned absence whose return (or expected return) shows it lasted under 28 days needed no notice. A late ' +
  'notice is recorded as it happened and marked late; nothing is refused.';

/** What an absence read needs: the fields of the service record's absences. */
export interface AbsenceFacts {
  managerId: string;
  managerName: string;
  absenceStartedOn: LocalDate;
  notifiedOn: LocalDate;
  emergency: boolean;
  expectedReturnOn: LocalDate | null;
  returnedOn: LocalDate | null;
}

export type NoticeJudgement = 'on-time' | 'late' | 'not-required';

export interface JudgedAbsence extends AbsenceFacts {
  /** The last day the notice was due. */
  noticeDueBy: LocalDate;
  notice: NoticeJudgement;
  /** Days absent: to the day before the return, or (ongoing) up to the day asked; 0 before it begins. */
  days: number;
  ongoing: boolean;
  /** Plain words for the page: "Notified on time", "Notified late: due by 3 February 2026". */
  noticeWords: string;
}

/** Judges one absence's notice against the statutory deadlines, on the day `on` (for its length so far). */
export function judgeAbsence(absence: AbsenceFacts, on: LocalDate, rules: AbsenceNoticeRules = ABSENCE_NOTICE_RULES): JudgedAbsence {
  const { absenceStartedOn, notifiedOn, emergency, expectedReturnOn, returnedOn } = absence;
  const noticeDueBy = emergency ? addWorkingDays(absenceStartedOn, rules.emergencyWithinWorkingDays) : addDays(absenceStartedOn, -rules.plannedNoticeDays);
  const ongoing = returnedOn === null;
  const lastDay = returnedOn !== null ? addDays(returnedOn, -1) : on;
  const days = Math.max(0, daysBetween(absenceStartedOn, lastDay) + 1);
  const knownEnd = returnedOn ?? expectedReturnOn;
  const knownShort = knownEnd !== null && daysBetween(absenceStartedOn, knownEnd) < rules.notifiableFromDays;
  const onTime = emergency ? workingDaysBetween(absenceStartedOn, notifiedOn) <= rules.emergencyWithinWorkingDays : notifiedOn <= noticeDueBy;
  const notice: NoticeJudgement = onTime ? 'on-time' : knownShort ? 'not-required' : 'late';
  return { ...absence, noticeDueBy, notice, days, ongoing, noticeWords: noticeWordsOf(notice, noticeDueBy, emergency, rules) };
}

function noticeWordsOf(notice: NoticeJudgement, dueBy: LocalDate, emergency: boolean, rules: AbsenceNoticeRules): string {
  const rule = emergency ? `within ${rules.emergencyWithinWorkingDays} working days of the start` : `${rules.plannedNoticeDays} days ahead`;
  const due = `due ${rule}, by ${formatDate(dueBy)}`;
  if (notice === 'on-time') return `Notified on time (${due})`;
  if (notice === 'late') return `Notified late (${due})`;
  return `No notice needed: under ${rules.notifiableFromDays} days`;
}

export interface WithoutRegisteredManager {
  /** The first day without one: the day after the last registered manager left, or the day the service was registered. */
  since: LocalDate;
  /** Days from `since` to the day asked, both included. */
  days: number;
}

/**
 * Whether the service is without a registered manager on `on`, and for how long. A manager counts
 * as registered from registeredOn to leftOn (both days included), as the registered-manager measure has it.
 */
export function withoutRegisteredManager(
  tenures: readonly { registeredOn: LocalDate | null; leftOn: LocalDate | null }[],
  serviceRegisteredOn: LocalDate,
  on: LocalDate,
): WithoutRegisteredManager | null {
  const registered = tenures.filter((t) => t.registeredOn !== null && t.registeredOn <= on);
  if (registered.some((t) => t.leftOn === null || t.leftOn >= on)) return null;
  const lastLeft = registered
    .map((t) => t.leftOn as LocalDate)
    .sort()
    .at(-1);
  const since = lastLeft ? addDays(lastLeft, 1) : serviceRegisteredOn;
  return { since, days: Math.max(0, daysBetween(since, on) + 1) };
}

export interface ManagerChange {
  leftManagerName: string;
  leftOn: LocalDate;
  /** Null while the post is vacant. */
  appointedManagerName: string | null;
  startedOn: LocalDate | null;
  basis: 'interim' | 'permanent' | null;
}

/** Each departure with the appointment that followed it (a change of manager), or none yet. */
export function managerChanges(
  tenures: readonly { managerName: string; startedOn: LocalDate; leftOn: LocalDate | null; basis: 'interim' | 'permanent' }[],
): ManagerChange[] {
  return tenures.flatMap((t, i) => {
    if (t.leftOn === null) return [];
    const next = tenures[i + 1];
    return [
      {
        leftManagerName: t.managerName,
        leftOn: t.leftOn,
        appointedManagerName: next?.managerName ?? null,
        startedOn: next?.startedOn ?? null,
        basis: next?.basis ?? null,
      },
    ];
  });
}

/** An absence whose stored dates are not calendar dates (an import, an old version, a bug): it cannot be judged. */
export interface UnreadableAbsence {
  managerId: string;
  managerName: string;
  /** Which fields are not what a judgement needs: "notifiedOn is not a calendar date". */
  problems: string[];
}

export interface ServiceManagerNotices {
  /** The day the judgements and day counts are for. */
  on: LocalDate;
  absences: JudgedAbsence[];
  /** Absences left unjudged because their stored data cannot be read; empty in the usual case. */
  unreadableAbsences: UnreadableAbsence[];
  /** Null while a registered manager is in post. */
  withoutRegisteredManager: WithoutRegisteredManager | null;
  managerChanges: ManagerChange[];
  definition: string;
}

/** The statutory manager notices of a service record (its folded state), read on the day `on`. */
export function serviceManagerNotices(
  state: {
    absences: readonly (Omit<AbsenceFacts, 'returnedOn'> & { returnedOn?: LocalDate | null })[];
    managerTenures: readonly {
      managerName: string;
      basis: 'interim' | 'permanent';
      startedOn: LocalDate;
      registeredOn: LocalDate | null;
      leftOn: LocalDate | null;
    }[];
    recordBeganAt: string | null;
  },
  on: LocalDate,
): ServiceManagerNotices {
  const serviceRegisteredOn = state.recordBeganAt ? toLondonDate(state.recordBeganAt) : on;
  // The record's fold copies what its events hold; an event written past the deciders (an import, an
  // old version, a bug) can hold a date that is no date. Such an entry is named, not judged, so one bad
  // event never takes the service page or the service read down with it.
  const absences: JudgedAbsence[] = [];
  const unreadableAbsences: UnreadableAbsence[] = [];
  for (const { managerId, managerName, absenceStartedOn, notifiedOn, emergency, expectedReturnOn, returnedOn } of state.absences) {
    const facts = { managerId, managerName, absenceStartedOn, notifiedOn, emergency, expectedReturnOn, returnedOn: returnedOn ?? null };
    const problems = absenceProblems(facts);
    if (problems.length > 0) unreadableAbsences.push({ managerId: String(managerId), managerName: String(managerName), problems });
    else absences.push(judgeAbsence(facts, on));
  }
  const tenures = state.managerTenures.filter(
    (t) => isLocalDate(t.startedOn) && (t.registeredOn === null || isLocalDate(t.registeredOn)) && (t.leftOn === null || isLocalDate(t.leftOn)),
  );
  return {
    on,
    absences,
    unreadableAbsences,
    withoutRegisteredManager: withoutRegisteredManager(tenures, serviceRegisteredOn, on),
    managerChanges: managerChanges(tenures),
    definition: ABSENCE_NOTICE_DEFINITION,
  };
}

/** What stops an absence being judged: its dates must be calendar dates and `emergency` a yes or no. */
function absenceProblems(a: AbsenceFacts): string[] {
  const problems: string[] = [];
  const date = (field: keyof AbsenceFacts, value: unknown, nullable: boolean) => {
    if (!(nullable && value === null) && !isLocalDate(value)) problems.push(`${field} is not a calendar date`);
  };
  date('absenceStartedOn', a.absenceStartedOn, false);
  date('notifiedOn', a.notifiedOn, false);
  date('expectedReturnOn', a.expectedReturnOn, true);
  date('returnedOn', a.returnedOn, true);
  if (typeof a.emergency !== 'boolean') problems.push('emergency is not yes or no');
  return problems;
}
