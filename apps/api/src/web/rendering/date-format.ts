/** Dates as GOV.UK writes them ("14 March 2025", "10:05am"), always in Europe/London. */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const shortDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** A calendar date is read at noon UTC, so no time zone can move it to another day. */
const toDate = (value: string): Date => new Date(LOCAL_DATE.test(value) ? `${value}T12:00:00Z` : value);

export function formatDate(value: string | null | undefined, style: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return (style === 'short' ? shortDayFormat : dayFormat).format(date);
}

export function formatTime(value: string | null | undefined): string {
  if (!value || LOCAL_DATE.test(value)) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date).replace(/\s/g, '').toLowerCase();
}

export const formatDateTime = (value: string | null | undefined): string =>
  value ? [formatDate(value), formatTime(value)].filter(Boolean).join(' at ') : '';

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export const londonToday = (now = new Date()): string => isoDayFormat.format(now);

/** The London calendar date of an instant. */
export const londonDateOf = (instant: string): string => isoDayFormat.format(new Date(instant));
