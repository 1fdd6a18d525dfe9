import Holidays from 'date-holidays';
import { addDays } from '../shared/local-date';
import type { LocalDate } from '../shared/primitives';

/**
 * The challenge window's last day, counted in working days in England (weekends and England and Wales
 * bank holidays excluded), as libs/timeline counts the measures' working days. The domain cannot import
 * the timeline library (it imports the domain), so the count is made here from the same holiday data.
 */
let calendar: Holidays | null = null;
const holidaysByYear = new Map<number, ReadonlySet<LocalDate>>();

function isBankHoliday(date: LocalDate): boolean {
  const year = Number(date.slice(0, 4));
  let days = holidaysByYear.get(year);
  if (!days) {
    calendar ??= new Holidays('GB', 'ENG');
    days = new Set((calendar.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(year, days);
  }
  return days.has(date);
}

export function isEnglishWorkingDay(date: LocalDate): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** The date `count` working days after `date`: shared on Monday with a 14-day window, the last day is Friday fortnight. */
export function challengeClosesOn(sharedOn: LocalDate, count: number): LocalDate {
  let day = sharedOn;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isEnglishWorkingDay(day)) left--;
  }
  return day;
}
