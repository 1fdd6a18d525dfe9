import type { LocalDate } from '@caretrail/domain';
import { addDays, addMonths, daysBetween, isLocalDate } from '@caretrail/timeline';

/** A reporting period: whole London calendar days, both ends included. */
export interface ReportPeriod {
  /** How the period was named: `2025` (a calendar year), `2025-Q2` (a quarter), `2025-26` (a financial year, April to March), or `2025-01-01..2025-06-30`. */
  label: string;
  from: LocalDate;
  to: LocalDate;
  kind: 'year' | 'quarter' | 'financial-year' | 'dates';
}

export class ReportPeriodError extends Error {
  override readonly name = 'ReportPeriodError';
}

export const PERIOD_FORMS = 'a year (2025), a quarter (2025-Q2), a financial year (2025-26) or two dates (2025-01-01..2025-06-30)';

const pad = (n: number) => String(n).padStart(2, '0');

/** Reads a period as a committee names it. Throws ReportPeriodError naming the forms it takes. */
export function parseReportPeriod(text: string): ReportPeriod {
  const value = text.trim();
  let m = /^(\d{4})$/.exec(value);
  if (m) return { label: value, from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, kind: 'year' };
  m = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (m) {
    const first = (Number(m[2]) - 1) * 3 + 1;
    const from = `${m[1]}-${pad(first)}-01`;
    return { label: `${m[1]}-Q${m[2]}`, from, to: addDays(addMonths(from, 3), -1), kind: 'quarter' };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) {
    return { label: value, from: `${m[1]}-04-01`, to: `${Number(m[1]) + 1}-03-31`, kind: 'financial-year' };
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m && isLocalDate(m[1]) && isLocalDate(m[2])) {
    if (m[2] < m[1]) throw new ReportPeriodError(`period ${value} ends before it starts`);
    if (daysBetween(m[1], m[2]) > 3 * 366) throw new ReportPeriodError(`period ${value} is longer than three years`);
    return { label: value, from: m[1], to: m[2], kind: 'dates' };
  }
  throw new ReportPeriodError(`period must be ${PERIOD_FORMS}, not ${JSON.stringify(text)}`);
}

/** The period of the same length just before: the previous year, quarter or financial year. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  switch (period.kind) {
    case 'year':
      return parseReportPeriod(String(Number(period.label) - 1));
    case 'quarter': {
      const [year, q] = [Number(period.label.slice(0, 4)), Number(period.label.slice(6))];
      return parseReportPeriod(q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`);
    }
    case 'financial-year': {
      const year = Number(period.label.slice(0, 4)) - 1;
      return parseReportPeriod(`${year}-${pad((year + 1) % 100)}`);
    }
    case 'dates': {
      const to = addDays(period.from, -1);
      const from = addDays(to, -daysBetween(period.from, period.to));
      return { label: `${from}..${to}`, from, to, kind: 'dates' };
    }
  }
}

/** The period that holds a date, of the same kind as a calendar year (the default report). */
export const yearOf = (date: LocalDate): ReportPeriod => parseReportPeriod(date.slice(0, 4));

export const overlaps = (period: { from: LocalDate; to: LocalDate }, from: LocalDate, to: LocalDate | null): boolean =>
  from <= period.to && (to === null || to >= period.from);

export const within = (period: { from: LocalDate; to: LocalDate }, date: LocalDate): boolean => period.from <= date && date <= period.to;
