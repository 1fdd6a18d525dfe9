import { BadRequestException, Get, NotFoundException, Query, Req, Res } from '@nestjs/common';
import {
  parseReportPeriod,
  periodComparisonSvg,
  periodWords,
  ratingTrendSvg,
  renderReportHtml,
  reportCsv,
  reportFigures,
  reportTables,
  reportXlsx,
  serializeReportBundle,
  viewWords,
  XLSX_MEDIA_TYPE,
  yearOf,
  type CouncilReport,
} from '@caretrail/reports';
import { basisOrDefault } from '@caretrail/timeline';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { CouncilReporter } from '../../reports/council-reporter';
import { reportFileName, sendSelfContainedHtml } from '../../reports/report-responses';
import { readReplayRequest, replayBanner } from '../read/replay-point';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

const DOWNLOADS = ['print', 'public', 'csv', 'xlsx', 'bundle'] as const;
type Download = (typeof DOWNLOADS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ReportPageQuery {
  council: string | null;
  periodText: string;
  periodError: string | null;
}

/**
 * A council's report on its commissioned services (issue 15): the page (live or replayed), the events
 * behind each figure, and the downloads (printable, public summary, CSV, spreadsheet, signed bundle).
 * A council officer sees their own council's; an administrator chooses a council.
 */
@WebController()
export class ReportPagesController {
  constructor(
    private readonly reporter: CouncilReporter,
    private readonly pages: PageRenderer,
  ) {}

  private councilOf(who: Identity, query: Record<string, unknown>): string | null {
    if (who.organisationKind === 'council') return who.organisationId;
    const council = typeof query.council === 'string' ? query.council.trim() : '';
    if (!council) return null;
    if (!UUID.test(council)) throw new NotFoundException('There is no council with that id');
    return council;
  }

  private read(who: Identity, query: Record<string, unknown>): ReportPageQuery {
    const periodText = typeof query.period === 'string' ? query.period.trim() : '';
    let periodError: string | null = null;
    if (periodText) {
      try {
        parseReportPeriod(periodText);
      } catch {
        periodError = 'Enter the period as a year (2025), a quarter (2025-Q2), a financial year (2025-26) or two dates (2025-01-01..2025-06-30)';
      }
    }
    return { council: this.councilOf(who, query), periodText, periodError };
  }

  private async load(who: Identity, query: Record<string, unknown>, council: string, periodText: string) {
    const replay = readReplayRequest(query);
    if (replay.error) return { replay, report: null };
    const on = replay.point?.asOf ?? londonToday();
    const period = periodText ? parseReportPeriod(periodText) : yearOf(on);
    const report = await this.reporter.report(who, { councilId: council, period, asOf: replay.point?.asOf ?? null, basis: replay.point?.basis ?? null });
    return { replay, report };
  }

  private queryString(report: CouncilReport, council: string, who: Identity, extra: Record<string, string> = {}): string {
    const params = new URLSearchParams({
      period: report.period.label,
      ...(report.asOf ? { asOf: report.asOf, basis: basisOrDefault(report.basis) } : {}),
      ...(who.organisationKind === 'council' ? {} : { council }),
      ...extra,
    });
    return `?${params.toString()}`;
  }

  @Get('report')
  async page(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const { council, periodText, periodError } = this.read(who, query);
    if (council === null) {
      this.pages.send(req, res, 'report-choose.njk', { title: 'Council reports', councils: await this.reporter.councils() });
      return;
    }
    const { replay, report } = await this.load(who, query, council, periodError ? '' : periodText);
    const errors = [...(periodError ? [{ text: periodError, href: '#period' }] : []), ...(replay.error ? [{ text: replay.error, href: '#asOf' }] : [])];
    const context: Record<string, unknown> = {
      title: report ? `Report on commissioned services, ${report.period.label}` : 'Report on commissioned services',
      replay: { ...replay, banner: replay.point ? replayBanner(replay.point) : null },
      periodText,
      periodError,
      errors,
      council: who.organisationKind === 'council' ? null : council,
    };
    if (report) {
      const q = (extra: Record<string, string> = {}) => this.queryString(report, council, who, extra);
      const tables = reportTables(report);
      const escalation = tables.find((t) => t.id === 'escalation-levels');
      Object.assign(context, {
        report,
        tables,
        charts: { 'rating-trend': ratingTrendSvg(report), ...(escalation ? { 'escalation-levels': periodComparisonSvg(escalation) } : {}) },
        periodWords: periodWords(report.period),
        previousWords: periodWords(report.previousPeriod),
        view: viewWords(report),
        sourcesHref: `/app/report/sources${q()}`,
        downloads: [
          { text: 'Printable committee version (HTML)', href: `/app/report/download${q({ form: 'print' })}` },
          { text: 'Public summary, without staff names (HTML)', href: `/app/report/download${q({ form: 'public' })}` },
          { text: 'Spreadsheet (xlsx)', href: `/app/report/download${q({ form: 'xlsx' })}` },
          { text: 'CSV', href: `/app/report/download${q({ form: 'csv' })}` },
          { text: 'Signed report bundle (JSON, checks offline with caretrail verify)', href: `/app/report/download${q({ form: 'bundle' })}` },
        ],
      });
    }
    this.pages.send(req, res, 'report.njk', context, errors.length ? 400 : 200);
  }

  /** The events behind the figures: one figure when named, else every figure. */
  @Get('report/sources')
  async sources(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const { council, periodText, periodError } = this.read(who, query);
    if (council === null) return res.redirect(303, '/app/report');
    if (periodError) throw new BadRequestException(periodError);
    const { replay, report } = await this.load(who, query, council, periodText);
    if (!report) throw new BadRequestException(replay.error ?? 'Invalid request');
    const key = typeof query.figure === 'string' ? query.figure : null;
    const figures = reportFigures(report).filter((f) => key === null || f.key === key);
    const labelled = new Map<string, { key: string; eventIds: string[] }>();
    for (const t of reportTables(report)) for (const row of t.rows) for (const cell of row) if (cell.figure) labelled.set(cell.figure.key, cell.figure);
    const extra = key !== null && figures.length === 0 && labelled.has(key) ? [{ key, value: null, eventIds: labelled.get(key)!.eventIds }] : [];
    if (key !== null && figures.length + extra.length === 0) throw new NotFoundException(`There is no figure ${key} in this report`);
    const events = new Map(
      (await this.reporter.events(who, { councilId: council, period: report.period, asOf: report.asOf, basis: report.basis })).map((e) => [e.eventId, e]),
    );
    this.pages.send(req, res, 'report-sources.njk', {
      title: key ? `Events behind ${key}` : 'Events behind every figure',
      backLink: `/app/report${this.queryString(report, council, who)}`,
      view: viewWords(report),
      figures: [...figures, ...extra].map((f) => ({
        ...f,
        events: f.eventIds.map((id) => events.get(id) ?? { eventId: id, type: 'Unknown', occurredAt: null, recordedAt: null, streamId: '' }),
      })),
    });
  }

  @Get('report/download')
  async download(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const { council, periodText, periodError } = this.read(who, query);
    if (council === null) return res.redirect(303, '/app/report');
    if (periodError) throw new BadRequestException(periodError);
    const form: Download = DOWNLOADS.includes(query.form as Download) ? (query.form as Download) : 'print';
    const replay = readReplayRequest(query);
    if (replay.error)
      throw new BadRequestException({ message: `Invalid request: asOf (${replay.error})`, fields: [{ field: 'asOf', messages: [replay.error] }] });
    const on = replay.point?.asOf ?? londonToday();
    const request = {
      councilId: council,
      period: periodText ? parseReportPeriod(periodText) : yearOf(on),
      asOf: replay.point?.asOf ?? null,
      basis: replay.point?.basis ?? null,
    };
    const name = reportFileName(council, request.period.label, request.asOf);
    if (form === 'bundle') {
      const bundle = await this.reporter.bundle(who, request);
      res.setHeader('Content-Disposition', `attachment; filename="${name}-signed.json"`);
      return res.type('application/json').send(serializeReportBundle(bundle));
    }
    const report = await this.reporter.report(who, request);
    if (form === 'csv') {
      res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return res.type('text/csv').send(reportCsv(report));
    }
    if (form === 'xlsx') {
      res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
      return res.type(XLSX_MEDIA_TYPE).send(await reportXlsx(report));
    }
    return res.send(sendSelfContainedHtml(res, renderReportHtml(report, { publicSummary: form === 'public', generatedAt: new Date().toISOString() })));
  }
}
