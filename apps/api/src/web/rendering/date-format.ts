/** Dates as GOV.UK writes them ("14 March 2025", "10:05am"), always in Europe/London: @caretrail/timeline's words, shared with the printable bundle. */
export { govukDate as formatDate, govukTime as formatTime, govukDateTime as formatDateTime } from '@caretrail/timeline';

const isoDayFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export const londonToday = (now = new Date()): string => isoDayFormat.format(now);

/** The London calendar date of an instant. */
export const londonDateOf = (instant: string): string => isoDayFormat.format(new Date(instant));
