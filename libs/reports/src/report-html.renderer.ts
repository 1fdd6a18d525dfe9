import type { CouncilReport } from './report-model';
import { periodComparisonSvg, ratingTrendSvg } from './rating-chart.svg';
import { formatDate, periodWords, publicTables, reportTables, viewWords, type ReportTable } from './report-tables';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The committee version's own stylesheet: plain on screen, A4 on paper, tables kept whole. */
export const REPORT_PRINT_CSS = `
body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.4}
h1{font-size:1.8rem;margin-bottom:.25rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #0b0c0c}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #505a5f;padding:.3rem .4rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
.meta{color:#505a5f}.note{border-left:4px solid #1d70b8;padding-left:.75rem}
svg{max-width:40rem}
@media print{
@page{size:A4;margin:15mm}
body{margin:0;max-width:none;font-size:10pt}
h2{break-after:avoid}
table,tr,svg,figure{break-inside:avoid}
a{color:#0b0c0c;text-decoration:none}
}`;

function tableHtml(table: ReportTable): string {
  const head = table.head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const rows =
    table.rows.length === 0
      ? `<tr><td colspan="${table.head.length}">None in this period.</td></tr>`
      : table.rows
          .map(
            (row) =>
              `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${esc(cell.text)}</th>` : `<td${cell.value !== undefined ? ' class="num"' : ''}>${esc(cell.text)}</td>`)).join('')}</tr>`,
          )
          .join('');
  return `<section id="${table.id}"><h2>${esc(table.title)}</h2><p>${esc(table.description)}</p><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

export interface ReportHtmlOptions {
  /** The summary fit to publish: no staff names, free text or concern ids; no event ids. */
  publicSummary?: boolean;
  generatedAt?: string;
}

/**
 * The printable committee version (or the public summary): one self-contained HTML document, its
 * stylesheet inline, no scripts, the chart as inline SVG with its table alternative beside it.
 */
export function renderReportHtml(report: CouncilReport, options: ReportHtmlOptions = {}): string {
  const tables = options.publicSummary ? publicTables(report) : reportTables(report);
  const title = `${report.councilName}: ${options.publicSummary ? 'summary of commissioned services' : 'report on commissioned services'}, ${report.period.label}`;
  const body = tables
    .map((t) => {
      const chart = t.id === 'rating-trend' ? ratingTrendSvg(report) : t.id === 'escalation-levels' ? periodComparisonSvg(t) : null;
      return chart ? `<figure>${chart}<figcaption>The table below gives the same figures.</figcaption></figure>${tableHtml(t)}` : tableHtml(t);
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${esc(title)}</title><style>${REPORT_PRINT_CSS}</style></head>
<body>
<main>
<h1>${esc(title)}</h1>
<p class="meta">Period: ${esc(periodWords(report.period))}. Compared with ${esc(periodWords(report.previousPeriod))}.</p>
<p class="meta">${esc(viewWords(report))}${options.generatedAt ? ` Made ${esc(formatDate(options.generatedAt.slice(0, 10)))}.` : ''}</p>
${report.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
${options.publicSummary ? '<p class="note">A summary fit to publish: counts and published ratings only, without staff names or the details of individual concerns.</p>' : '<p class="note">Every figure comes from CareTrail\'s record and can be traced to the events behind it (the report page links each one; the spreadsheet\'s Sources sheet lists them).</p>'}
${body}
</main>
</body>
</html>
`;
}
