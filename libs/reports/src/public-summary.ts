import type { CouncilReport } from './report-model';
import type { ReportPeriod } from './report-period';
import { publicTables, viewWords } from './report-tables';

export interface PublicReportSummary {
  councilName: string;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  asOf: string | null;
  basis: string | null;
  on: string;
  view: string;
  notes: string[];
  /** Aggregates and published ratings: no staff names, free text, concern or event ids. */
  tables: { id: string; title: string; description: string; head: string[]; rows: { text: string; value?: number | null }[][] }[];
}

/** The summary fit to publish, as data: the public tables with their cells' words and numbers only. */
export function publicSummary(report: CouncilReport): PublicReportSummary {
  return {
    councilName: report.councilName,
    period: report.period,
    previousPeriod: report.previousPeriod,
    asOf: report.asOf,
    basis: report.basis,
    on: report.on,
    view: viewWords(report),
    notes: report.notes,
    tables: publicTables(report).map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      head: t.head,
      rows: t.rows.map((row) => row.map((cell) => (cell.value === undefined ? { text: cell.text } : { text: cell.text, value: cell.value }))),
    })),
  };
}
