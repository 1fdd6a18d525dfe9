import type { CouncilReport } from './report-model';
import { reportTables, type ReportTable } from './report-tables';

const quote = (value: string): string => {
  // A cell starting with = + - @ would be read as a formula by a spreadsheet: prefixed with a quote mark.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const CSV_HEADER = ['table', 'row', 'column', 'value', 'shown as', 'figure', 'event ids'];

/**
 * The report as one CSV in long form: one line per cell of every table (but the row's own label),
 * with the figure's key and the ids of the events behind it, so a spreadsheet can pivot it and a
 * reader can check any number. Numbers are as stored (a share as a fraction).
 */
export function reportCsv(report: CouncilReport, tables: ReportTable[] = reportTables(report)): string {
  const lines = [CSV_HEADER.join(',')];
  for (const table of tables) {
    for (const row of table.rows) {
      const label = row[0]?.text ?? '';
      row.slice(1).forEach((cell, i) => {
        const value = cell.value === undefined || cell.value === null ? '' : String(cell.value);
        lines.push(
          [table.title, label, table.head[i + 1], value, cell.text, cell.figure?.key ?? '', (cell.figure?.eventIds ?? []).join(' ')].map(quote).join(','),
        );
      });
    }
  }
  return lines.join('\r\n') + '\r\n';
}
