import type { ManagerTenure } from '@caretrail/domain';
import { formatDate } from '../rendering/date-format';
import { escapeHtml } from '../rendering/escape-html';

export interface TenureSpan {
  kind: 'tenure' | 'vacancy';
  label: string;
  from: string;
  /** Inclusive; today for a tenure still running. */
  to: string;
  registeredFrom: string | null;
  detail: string;
}

const DAY = 86_400_000;
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Who managed when, and the days nobody did: the tenures as the service record keeps them, and the gaps between. */
export function tenureSpans(tenures: readonly ManagerTenure[], today: string): TenureSpan[] {
  const spans: TenureSpan[] = [];
  let previousEnd: number | null = null;
  for (const t of tenures) {
    const start = dayNumber(t.startedOn);
    if (previousEnd !== null && start > previousEnd + 1) {
      spans.push({
        kind: 'vacancy',
        label: 'No manager',
        from: dateOf(previousEnd + 1),
        to: dateOf(start - 1),
        registeredFrom: null,
        detail: days(start - previousEnd - 1),
      });
    }
    const to = t.leftOn ?? today;
    const registered = t.registeredOn ? `registered ${formatDate(t.registeredOn)}` : 'not registered with the regulator';
    spans.push({
      kind: 'tenure',
      label: t.managerName,
      from: t.startedOn,
      to,
      registeredFrom: t.registeredOn,
      detail: `${t.basis}, ${registered}${t.leftOn ? '' : ', in post'}`,
    });
    previousEnd = dayNumber(to);
  }
  if (previousEnd !== null && previousEnd < dayNumber(today)) {
    spans.push({
      kind: 'vacancy',
      label: 'No manager',
      from: dateOf(previousEnd + 1),
      to: today,
      registeredFrom: null,
      detail: `${days(dayNumber(today) - previousEnd)}, continuing`,
    });
  }
  return spans;
}

const WIDTH = 640;
const ROW = 30;
const LEFT = 150;

/** A small horizontal chart: one row per tenure or vacancy, registered days darker, vacancies hatched. */
export function tenureChart(spans: readonly TenureSpan[], id: string): string {
  if (spans.length === 0) return '';
  const first = dayNumber(spans[0].from);
  const last = dayNumber(spans[spans.length - 1].to) + 1;
  const scale = (WIDTH - LEFT - 10) / Math.max(1, last - first);
  const x = (date: string, end = false) => LEFT + (dayNumber(date) + (end ? 1 : 0) - first) * scale;
  const height = spans.length * ROW + 40;
  // One time axis under the bars, its ticks at years, quarters or months (as the span allows) never closer than 70 px.
  const rows = spans
    .map((s, i) => {
      const y = 10 + i * ROW;
      const x0 = x(s.from);
      const x1 = Math.max(x0 + 2, x(s.to, true));
      const bar =
        s.kind === 'vacancy'
          ? `<rect x="${x0}" y="${y}" width="${x1 - x0}" height="${ROW - 10}" fill="url(#${id}-hatch)" stroke="#d4351c"/>`
          : `<rect x="${x0}" y="${y}" width="${x1 - x0}" height="${ROW - 10}" fill="#b4c9e8" stroke="#1d70b8"/>` +
            (s.registeredFrom
              ? `<rect x="${Math.max(x0, x(s.registeredFrom))}" y="${y}" width="${Math.max(0, x1 - Math.max(x0, x(s.registeredFrom)))}" height="${ROW - 10}" fill="#1d70b8"/>`
              : '');
      return `<g><text x="0" y="${y + 15}">${escapeHtml(truncate(s.label, 18))}</text>${bar}</g>`;
    })
    .join('');
  const axisY = spans.length * ROW + 8;
  const axis =
    `<line x1="${LEFT}" y1="${axisY}" x2="${WIDTH - 10}" y2="${axisY}" stroke="#505a5f"/>` +
    axisTicks(first, last, WIDTH - LEFT - 10)
      .map((t) => {
        const tx = LEFT + (t.day - first) * scale;
        return `<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 5}" stroke="#505a5f"/><text x="${tx}" y="${axisY + 20}" text-anchor="middle" font-size="13">${escapeHtml(t.label)}</text>`;
      })
      .join('');
  const description = spans.map((s) => `${s.label}: ${formatDate(s.from)} to ${formatDate(s.to)} (${s.detail})`).join('; ');
  return (
    `<svg class="app-chart app-chart--scaled" role="img" aria-labelledby="${id}-title ${id}-desc" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">Registered manager tenure</title><desc id="${id}-desc">${escapeHtml(description)}</desc>` +
    `<defs><pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#d4351c" stroke-width="3"/></pattern></defs>` +
    `${rows}${axis}</svg>`
  );
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Ticks on the first day of a year, quarter or month between two day numbers, the finest step whose
 * labels stay at least 70 px apart over `width` px (labels "2025" for years, "Apr 2025" otherwise).
 */
export function axisTicks(first: number, last: number, width: number): { day: number; label: string }[] {
  const span = Math.max(1, last - first);
  const pxPerDay = width / span;
  const steps: { months: number; label: (y: number, m: number) => string }[] = [
    { months: 1, label: (y, m) => `${MONTHS[m]} ${y}` },
    { months: 3, label: (y, m) => `${MONTHS[m]} ${y}` },
    { months: 6, label: (y, m) => `${MONTHS[m]} ${y}` },
    { months: 12, label: (y) => String(y) },
    { months: 24, label: (y) => String(y) },
    { months: 60, label: (y) => String(y) },
  ];
  const step = steps.find((s) => s.months * 30.4 * pxPerDay >= 70) ?? steps[steps.length - 1];
  const start = new Date(first * DAY);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  const ticks: { day: number; label: string }[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    const day = Math.round(Date.UTC(year, month, 1) / DAY);
    if (day > last) break;
    const onStep = step.months >= 12 ? month === 0 && year % (step.months / 12) === 0 : month % step.months === 0;
    if (day >= first && onStep) ticks.push({ day, label: step.label(year, month) });
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return ticks;
}
