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
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Who managed when, and the days nobody did: the tenures as the service record keeps them, and the gaps between. */
export function tenureSpans(tenures: readonly ManagerTenure[], today: string): TenureSpan[] {
  const spans: TenureSpan[] = [];
  let previousEnd: number | null = null;
  for (const t of tenures) {
    const start = dayNumber(t.startedOn);
    if (previousEnd !== null && start > previousEnd + 1) {
      spans.push({ kind: 'vacancy', label: 'No manager', from: dateOf(previousEnd + 1), to: dateOf(start - 1), registeredFrom: null, detail: `${start - previousEnd - 1} days` });
    }
    const to = t.leftOn ?? today;
    const registered = t.registeredOn ? `registered ${formatDate(t.registeredOn)}` : 'not registered with the regulator';
    spans.push({ kind: 'tenure', label: t.managerName, from: t.startedOn, to, registeredFrom: t.registeredOn, detail: `${t.basis}, ${registered}${t.leftOn ? '' : ', in post'}` });
    previousEnd = dayNumber(to);
  }
  if (previousEnd !== null && previousEnd < dayNumber(today)) {
    spans.push({ kind: 'vacancy', label: 'No manager', from: dateOf(previousEnd + 1), to: today, registeredFrom: null, detail: `${dayNumber(today) - previousEnd} days, continuing` });
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
  const rows = spans
    .map((s, i) => {
      const y = 10 + i * ROW;
      const x0 = x(s.from);
      const x1 = Math.max(x0 + 2, x(s.to, true));
      const bar =
        s.kind === 'vacancy'
          ? `<rect x="${x0}" y="${y}" width="${x1 - x0}" height="${ROW - 10}" fill="url(#${id}-hatch)" stroke="#d4351c"/>`
          : `<rect x="${x0}" y="${y}" width="${x1 - x0}" height="${ROW - 10}" fill="#b4c9e8" stroke="#1d70b8"/>` +
            (s.registeredFrom ? `<rect x="${Math.max(x0, x(s.registeredFrom))}" y="${y}" width="${Math.max(0, x1 - Math.max(x0, x(s.registeredFrom)))}" height="${ROW - 10}" fill="#1d70b8"/>` : '');
      return `<g><text x="0" y="${y + 15}">${escapeHtml(truncate(s.label, 18))}</text>${bar}</g>`;
    })
    .join('');
  const axis =
    `<text x="${LEFT}" y="${height - 8}">${escapeHtml(formatDate(spans[0].from, 'short'))}</text>` +
    `<text x="${WIDTH - 10}" y="${height - 8}" text-anchor="end">${escapeHtml(formatDate(spans[spans.length - 1].to, 'short'))}</text>`;
  const description = spans.map((s) => `${s.label}: ${formatDate(s.from)} to ${formatDate(s.to)} (${s.detail})`).join('; ');
  return (
    `<svg class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">Registered manager tenure</title><desc id="${id}-desc">${escapeHtml(description)}</desc>` +
    `<defs><pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#d4351c" stroke-width="3"/></pattern></defs>` +
    `${rows}${axis}</svg>`
  );
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
