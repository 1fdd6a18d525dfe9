import ExcelJS from 'exceljs';
import type { CouncilReport } from './report-model';
import { reportFigures } from './council-report';
import { periodWords, reportTables, viewWords, type ReportTable } from './report-tables';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .trim();
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The report as a workbook (exceljs): a cover sheet, one sheet per table (figures as numbers, shares
 * as fractions formatted as percentages) and a Sources sheet giving each figure's event ids.
 */
export async function reportXlsx(report: CouncilReport, tables: ReportTable[] = reportTables(report), generatedAt = new Date()): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'CareTrail';
  book.created = generatedAt;
  const taken = new Set<string>();
  const cover = book.addWorksheet(sheetName('Report', taken));
  cover.addRows([
    [`${report.councilName}: report on commissioned services`],
    ['Period', periodWords(report.period)],
    ['Compared with', periodWords(report.previousPeriod)],
    ['View', viewWords(report)],
    ...report.notes.map((n) => ['Note', n]),
  ]);
  cover.getRow(1).font = { bold: true, size: 14 };
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 100;
  for (const table of tables) {
    const sheet = book.addWorksheet(sheetName(table.title, taken));
    sheet.addRow(table.head).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(row.map((cell) => (typeof cell.value === 'number' ? cell.value : cell.text)));
      row.forEach((cell, i) => {
        if (typeof cell.value === 'number' && cell.text.endsWith('%')) added.getCell(i + 1).numFmt = '0.00%';
      });
    }
    sheet.columns.forEach(
      (column, i) => (column.width = Math.min(60, Math.max(12, ...[table.head[i] ?? '', ...table.rows.map((r) => r[i]?.text ?? '')].map((t) => t.length + 2)))),
    );
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const sources = book.addWorksheet(sheetName('Sources', taken));
  sources.addRow(['Figure', 'Value', 'Event ids']).font = { bold: true };
  for (const f of reportFigures(report)) sources.addRow([f.key, f.value, f.eventIds.join(' ')]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
