import type { CadenceRun, PeriodStatus } from '@caretrail/timeline';
import { formatDate } from '../rendering/date-format';
import { escapeHtml } from '../rendering/escape-html';

/** Colour is never the only signal: each status also has its own mark and words. */
export const PERIOD_STATUS: Record<PeriodStatus, { text: string; mark: string; fill: string; textFill: string }> = {
  on_time: { text: 'On time', mark: '✓', fill: '#00703c', textFill: '#ffffff' },
  late: { text: 'Late', mark: 'L', fill: '#f47738', textFill: '#0b0c0c' },
  missed: { text: 'Missed', mark: '✕', fill: '#d4351c', textFill: '#ffffff' },
  pending: { text: 'Not yet due', mark: '…', fill: '#ffffff', textFill: '#0b0c0c' },
  not_due: { text: 'Not expected (plan paused)', mark: '–', fill: '#b1b4b6', textFill: '#0b0c0c' },
};

export interface CadenceChart {
  svg: string;
  rows: { index: number; startsOn: string; endsOn: string; dueBy: string; submittedOn: string; status: string }[];
  summary: string;
  /** Updates already sent for a period not yet ended, in words ("1 update"), or ''. */
  early: string;
}

/** Up to this many periods fit one row at full size, each with room for its mark. */
const ONE_ROW = 13;
/** Longer runs wrap into rows of half a year of weekly periods, each row labelled with its first period's end. */
const PER_ROW = 26;

/**
 * The update cadence of one accepted plan: a box per expected period (from the cadence-adherence
 * measure, so the chart and the measure cannot disagree), marked on time, late, missed or pending.
 * A short run is one row with its dates under it, labelled no closer than about 60 px; a long one
 * (a year and more of weekly updates) wraps into rows, so the chart keeps one width and grows only
 * a row per half year, and scales down with the page (the table alternative keeps every figure).
 */
export function cadenceChart(run: CadenceRun, id: string): CadenceChart {
  const periods = run.periods;
  const late = periods.filter((p) => p.status === 'late').length;
  const missed = periods.filter((p) => p.status === 'missed').length;
  const onTime = periods.filter((p) => p.status === 'on_time').length;
  const summary =
    `Plan version ${run.planVersion}, accepted ${formatDate(run.acceptedOn)}, updates every ${run.cadenceDays} days with ${run.graceDays} days' grace: ` +
    `${periods.length} periods, ${onTime} updated on time, ${late} late, ${missed} missed.`;
  const wraps = periods.length > ONE_ROW;
  const box = wraps ? 20 : 34;
  const gap = wraps ? 3 : 6;
  const perRow = wraps ? PER_ROW : Math.max(1, periods.length);
  const rowCount = Math.max(1, Math.ceil(periods.length / perRow));
  // Room for the longest row label ("12 Sept 2025" at 12 px) before the first box.
  const left = wraps ? 90 : 10;
  const rowHeight = wraps ? box + 8 : box + 30;
  const width = Math.max(left + perRow * (box + gap) + 10, 200);
  const height = 10 + rowCount * rowHeight + 24;
  const step = box + gap;
  const labelEvery = Math.max(1, Math.ceil(60 / step));
  const short = (date: string) => escapeHtml(formatDate(date, 'short').replace(/ \d{4}$/, ''));
  const boxes = periods
    .map((p, i) => {
      const s = PERIOD_STATUS[p.status];
      const row = Math.floor(i / perRow);
      const col = i % perRow;
      const x = left + col * step;
      const y = 10 + row * rowHeight;
      const rowLabel = wraps && col === 0 ? `<text x="0" y="${y + box / 2 + 5}" font-size="12">${escapeHtml(formatDate(p.endsOn, 'short'))}</text>` : '';
      const label = !wraps && i % labelEvery === 0 ? `<text x="${x + box / 2}" y="${y + box + 20}" text-anchor="middle">${short(p.endsOn)}</text>` : '';
      return (
        `<g>${rowLabel}<rect x="${x}" y="${y}" width="${box}" height="${box}" fill="${s.fill}" stroke="#0b0c0c" stroke-width="1"/>` +
        `<text x="${x + box / 2}" y="${y + box / 2 + (wraps ? 4 : 5)}" text-anchor="middle" fill="${s.textFill}" font-weight="700"${wraps ? ' font-size="12"' : ''} class="app-chart__mark">${s.mark}</text>${label}</g>`
      );
    })
    .join('');
  const axisWords = wraps ? `Each row: ${PER_ROW} periods, from the period ending on its date` : 'Period ending';
  const svg =
    `<svg class="app-chart app-chart--scaled" role="img" aria-labelledby="${id}-title ${id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">Update cadence: expected periods and updates received</title>` +
    `<desc id="${id}-desc">${escapeHtml(summary)}</desc>` +
    `${boxes}<text x="${wraps ? 0 : 10}" y="${height - 8}">${axisWords}</text></svg>`;
  const rows = periods.map((p) => ({
    index: p.index,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    dueBy: p.dueBy,
    submittedOn: p.submittedOn ?? '',
    status: PERIOD_STATUS[p.status].text,
  }));
  const early = run.unmatchedUpdateEventIds.length;
  return { svg, rows, summary, early: early === 0 ? '' : `${early} ${early === 1 ? 'update' : 'updates'}` };
}
