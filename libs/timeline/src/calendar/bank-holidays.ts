import Holidays from 'date-holidays';
import type { LocalDate } from '@caretrail/domain';

/**
 * England and Wales bank holidays, from the maintained `date-holidays` data (GB, region ENG), so that
 * substitute days and one-off days (2022-09-19, 2023-05-08) arrive with package updates, not code
 * changes. Only type 'public' counts: the package also lists observances (Mother's Day ...).
 */
export interface BankHoliday {
  date: LocalDate;
  name: string;
}

let calendar: Holidays | null = null;
const byYear = new Map<number, readonly BankHoliday[]>();
const datesByYear = new Map<number, ReadonlySet<LocalDate>>();

export function bankHolidays(year: number): readonly BankHoliday[] {
  let list = byYear.get(year);
  if (!list) {
    calendar ??= new Holidays('GB', 'ENG');
    list = (calendar.getHolidays(year) || [])
      .filter((h) => h.type === 'public')
      // `date` is the local wall-clock date ("2025-12-25 00:00:00"); `start` is a UTC instant.
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    byYear.set(year, list);
    datesByYear.set(year, new Set(list.map((h) => h.date)));
  }
  return list;
}

export function isBankHoliday(date: LocalDate): boolean {
  const year = Number(date.slice(0, 4));
  bankHolidays(year);
  return datesByYear.get(year)!.has(date);
}
