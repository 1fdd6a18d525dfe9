import type { CouncilReport, RatingBand } from './report-model';
import { RATING_BANDS } from './report-model';
import { percent, RATING_NAMES } from './report-tables';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Colour is never the only signal: each band's count is written in its segment and named in the legend. */
const BAND_STYLE: Record<RatingBand, { fill: string; ink: string; mark: string }> = {
  outstanding: { fill: '#00703c', ink: '#ffffff', mark: 'O' },
  good: { fill: '#85994b', ink: '#0b0c0c', mark: 'G' },
  requires_improvement: { fill: '#f47738', ink: '#0b0c0c', mark: 'RI' },
  inadequate: { fill: '#d4351c', ink: '#ffffff', mark: 'I' },
  not_rated: { fill: '#b1b4b6', ink: '#0b0c0c', mark: 'NR' },
};

/**
 * The trend chart: one bar per period, its services split by latest rating, the share rated Good or
 * Outstanding written beside it. Its table alternative is the "Ratings at the end of each period" table.
 */
export function ratingTrendSvg(report: CouncilReport, id = 'rating-trend-chart'): string {
  const width = 640;
  const left = 90;
  const barWidth = 380;
  const rowHeight = 44;
  const top = 10;
  const legendTop = top + report.ratingTrend.length * rowHeight + 10;
  const height = legendTop + 30;
  const max = Math.max(1, ...report.ratingTrend.map((t) => t.ratings.services.value ?? 0));
  const bars = report.ratingTrend
    .map((t, row) => {
      const y = top + row * rowHeight;
      let x = left;
      const segments = RATING_BANDS.map((band) => {
        const n = t.ratings.counts[band].value ?? 0;
        if (n === 0) return '';
        const w = (n / max) * barWidth;
        const s = BAND_STYLE[band];
        const seg =
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="28" fill="${s.fill}" stroke="#0b0c0c" stroke-width="1"/>` +
          `<text x="${(x + w / 2).toFixed(1)}" y="${y + 19}" text-anchor="middle" font-size="13" fill="${s.ink}">${s.mark} ${n}</text>`;
        x += w;
        return seg;
      }).join('');
      return (
        `<text x="${left - 8}" y="${y + 19}" text-anchor="end" font-size="14" fill="#0b0c0c">${esc(t.period.label)}</text>${segments}` +
        `<text x="${left + barWidth + 10}" y="${y + 19}" font-size="13" fill="#0b0c0c">${esc(percent(t.ratings.goodOrBetterShare.value))} Good or better</text>`
      );
    })
    .join('');
  const legend = RATING_BANDS.map((band, i) => {
    const x = 10 + i * 125;
    const s = BAND_STYLE[band];
    return `<rect x="${x}" y="${legendTop}" width="14" height="14" fill="${s.fill}" stroke="#0b0c0c"/><text x="${x + 18}" y="${legendTop + 12}" font-size="11" fill="#0b0c0c">${s.mark}: ${esc(RATING_NAMES[band])}</text>`;
  }).join('');
  const summary = report.ratingTrend
    .map((t) => `${t.period.label}: ${t.ratings.services.value} services, ${percent(t.ratings.goodOrBetterShare.value)} of those rated Good or Outstanding`)
    .join('; ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-report-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-title">Ratings of services under contract at the end of each period</title><desc id="${id}-desc">${esc(summary)}.</desc>${bars}${legend}</svg>`
  );
}

/**
 * A table of one figure per row for the previous period and this one (head: label, previous, this):
 * a pair of bars per row, each bar's number written at its end. The table is its text alternative.
 */
export function periodComparisonSvg(table: { id: string; title: string; head: string[]; rows: { text: string; value?: number | null }[][] }): string {
  const id = `${table.id}-chart`;
  const width = 640;
  const left = 300;
  const barWidth = 260;
  const rowHeight = 50;
  const top = 10;
  const max = Math.max(1, ...table.rows.flatMap((r) => [r[1]?.value ?? 0, r[2]?.value ?? 0]));
  const legendTop = top + table.rows.length * rowHeight + 5;
  const height = legendTop + 25;
  const bars = table.rows
    .map((row, i) => {
      const y = top + i * rowHeight;
      const bar = (cell: { value?: number | null } | undefined, dy: number, fill: string) => {
        const n = cell?.value ?? 0;
        const w = (n / max) * barWidth;
        return (
          `<rect x="${left}" y="${y + dy}" width="${w.toFixed(1)}" height="16" fill="${fill}" stroke="#0b0c0c" stroke-width="1"/>` +
          `<text x="${(left + w + 6).toFixed(1)}" y="${y + dy + 13}" font-size="12" fill="#0b0c0c">${n}</text>`
        );
      };
      return `<text x="${left - 8}" y="${y + 22}" text-anchor="end" font-size="13" fill="#0b0c0c">${esc(row[0].text)}</text>${bar(row[1], 2, '#b1b4b6')}${bar(row[2], 20, '#1d70b8')}`;
    })
    .join('');
  const legend =
    `<rect x="10" y="${legendTop}" width="14" height="14" fill="#b1b4b6" stroke="#0b0c0c"/><text x="30" y="${legendTop + 12}" font-size="12" fill="#0b0c0c">Upper bar: ${esc(table.head[1])}</text>` +
    `<rect x="250" y="${legendTop}" width="14" height="14" fill="#1d70b8" stroke="#0b0c0c"/><text x="270" y="${legendTop + 12}" font-size="12" fill="#0b0c0c">Lower bar: ${esc(table.head[2])}</text>`;
  const summary = table.rows.map((r) => `${r[0].text}: ${r[1]?.value ?? 0} in ${table.head[1]}, ${r[2]?.value ?? 0} in ${table.head[2]}`).join('; ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-report-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-title">${esc(table.title)}: ${esc(table.head[1])} and ${esc(table.head[2])}</title><desc id="${id}-desc">${esc(summary)}.</desc>${bars}${legend}</svg>`
  );
}
