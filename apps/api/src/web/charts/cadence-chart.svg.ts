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

const BOX = 34;
const GAP = 6;

/**
 * The update cadence of one accepted plan: a box per expected period (from the cadence-adherence
 * measure, so the chart and the measure cannot disagree), marked on time, late, missed or pending.
 */
export function cadenceChart(run: CadenceRun, id: string): CadenceChart {
  const periods = run.periods;
  const width = Math.max(periods.length * (BOX + GAP) + 20, 200);
  const height = BOX + 70;
  const late = periods.filter((p) => p.status === 'late').length;
  const missed = periods.filter((p) => p.status === 'missed').length;
  const onTime = periods.filter((p) => p.status === 'on_time').length;
  const summary =
    `Plan version ${run.planVersion}, accepted ${formatDate(run.acceptedOn)}, updates every ${run.cadenceDays} days with ${run.graceDays} days' grace: ` +
    `${periods.length} periods, ${onTime} updated on time, ${late} late, ${missed} missed.`;
  const boxes = periods
    .map((p, i) => {
      const s = PERIOD_STATUS[p.status];
      const x = 10 + i * (BOX + GAP);
      const label = i % labelEvery(periods.length) === 0 || i === periods.length - 1
        ? `<text x="${x + BOX / 2}" y="${BOX + 30}" text-anchor="middle">${escapeHtml(formatDate(p.endsOn, 'short').replace(/ \d{4}$/, ''))}</text>`
        : '';
      return (
        `<g><rect x="${x}" y="10" width="${BOX}" height="${BOX}" fill="${s.fill}" stroke="#0b0c0c" stroke-width="1"/>` +
        `<text x="${x + BOX / 2}" y="${10 + BOX / 2 + 5}" text-anchor="middle" fill="${s.textFill}" font-weight="700" class="app-chart__mark">${s.mark}</text>${label}</g>`
      );
    })
    .join('');
  const svg =
    `<svg class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">Update cadence: expected periods and updates received</title>` +
    `<desc id="${id}-desc">${escapeHtml(summary)}</desc>` +
    `${boxes}<text x="10" y="${height - 8}">Period ending</text></svg>`;
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

/** Date labels need about two boxes' width each. */
const labelEvery = (count: number) => (count <= 4 ? 1 : count <= 16 ? 2 : 4);
