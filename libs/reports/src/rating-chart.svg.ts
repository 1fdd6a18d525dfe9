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
        const seg = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="28" fill="${s.fill}" stroke="#0b0c0c" stroke-width="1"/>` +
          `<text x="${(x + w / 2).toFixed(1)}" y="${y + 19}" text-anchor="middle" font-size="13" fill="${s.ink}">${s.mark} ${n}</text>`;
        x += w;
        return seg;
      }).join('');
      return `<text x="${left - 8}" y="${y + 19}" text-anchor="end" font-size="14" fill="#0b0c0c">${esc(t.period.label)}</text>${segments}` +
        `<text x="${left + barWidth + 10}" y="${y + 19}" font-size="13" fill="#0b0c0c">${esc(percent(t.ratings.goodOrBetterShare.value))} Good or better</text>`;
    })
    .join('');
  const legend = RATING_BANDS.map((band, i) => {
    const x = 10 + i * 125;
    const s = BAND_STYLE[band];
    return `<rect x="${x}" y="${legendTop}" width="14" height="14" fill="${s.fill}" stroke="#0b0c0c"/><text x="${x + 18}" y="${legendTop + 12}" font-size="11" fill="#0b0c0c">${s.mark}: ${esc(RATING_NAMES[band])}</text>`;
  }).join('');
  const summary = report.ratingTrend.map((t) => `${t.period.label}: ${t.ratings.services.value} services, ${percent(t.ratings.goodOrBetterShare.value)} of those rated Good or Outstanding`).join('; ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-report-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-title">Ratings of services under contract at the end of each period</title><desc id="${id}-desc">${esc(summary)}.</desc>${bars}${legend}</svg>`
  );
}
