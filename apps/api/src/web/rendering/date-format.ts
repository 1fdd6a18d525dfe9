/** Dates as GOV.UK writes them ("14 March 2025", "10:05am"), always in Europe/London. */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const shortDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** A calendar date is read at noon UTC, so no time zone can move it to another day. */
const toDate = (value: string): Date => new Date(LOCAL_DATE.test(value) ? `${value}T12:00:00Z` : value);

export function formatDate(value: string | null | undefined, style: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return (style === 'short' ? shortDayFormat : dayFormat).format(date);
}

/**
 * The GOV.UK style for times: "9am", "10:05am", "12:30pm", "midday", "midnight", "12:30am" (never
 * "0:30pm" or "12pm"), in Europe/London.
 */
export function formatTime(value: string | null | undefined): string {
  if (!value || LOCAL_DATE.test(value)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = clockFormat.formatToParts(date);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'am' : 'pm';
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`;
}

export const formatDateTime = (value: string | null | undefined): string =>
  value ? [formatDate(value), formatTime(value)].filter(Boolean).join(' at ') : '';

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export const londonToday = (now = new Date()): string => isoDayFormat.format(now);

/** The London calendar date of an instant. */
export const londonDateOf = (instant: string): string => isoDayFormat.format(new Date(instant));
