/**
 * Dates and times as GOV.UK writes them ("5 December 2026", "10:05am"), always in Europe/London: the
 * words the pages and the printable bundle use. (calendar/local-date's formatDate is the short form,
 * "5 Dec 2026", inside the timeline's one-line summaries.)
 */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const shortDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

/** A calendar date is read at noon UTC, so no time zone can move it to another day. */
const toDate = (value: string): Date => new Date(LOCAL_DATE.test(value) ? `${value}T12:00:00Z` : value);

/** "5 December 2026" (or "5 Dec 2026" short) for a calendar date or an instant's London date; anything else as given. */
export function govukDate(value: string | null | undefined, style: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return (style === 'short' ? shortDayFormat : dayFormat).format(date);
}

/**
 * The GOV.UK style for times: "9am", "10:05am", "12:30pm", "midday", "midnight", "12:30am" (never
 * "0:30pm" or "12pm"), in Europe/London.
 */
export function govukTime(value: string | null | undefined): string {
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

/** "5 December 2026 at 10:05am" for an instant; a calendar date alone for a date. */
export const govukDateTime = (value: string | null | undefined): string => (value ? [govukDate(value), govukTime(value)].filter(Boolean).join(' at ') : '');
