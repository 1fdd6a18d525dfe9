/**
 * The GOV.UK date input sends three fields (`visitedOn-day`, `-month`, `-year`); the domain wants one
 * `YYYY-MM-DD`. Nothing typed gives '' (so "Enter ..." is the message); anything else is padded and
 * left for the DTO's date check to judge.
 */
export function dateFromParts(values: Record<string, unknown>, name: string): string {
  const part = (suffix: string) => String(values[`${name}-${suffix}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return '';
  const pad = (value: string) => (/^\d$/.test(value) ? `0${value}` : value);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A stored `YYYY-MM-DD` back into the three fields, to fill a date input. */
export function partsFromDate(name: string, date: string | null | undefined): Record<string, string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return {};
  return { [`${name}-day`]: String(Number(match[3])), [`${name}-month`]: String(Number(match[2])), [`${name}-year`]: match[1] };
}
