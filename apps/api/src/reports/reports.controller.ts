import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { parseReportPeriod, publicSummary, renderReportHtml, reportCsv, reportXlsx, serializeReportBundle, XLSX_MEDIA_TYPE, yearOf } from '@caretrail/reports';
import { toLondonDate } from '@caretrail/timeline';
import type { Response } from 'express';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { ScopeAccess } from '../reads/scope-access.service';
import { CouncilReporter } from './council-reporter';
import { BundleReportQueryDto, PublicReportQueryDto, ReportQueryDto, type ReportFormat } from './report-query.dto';
import { reportFileName, sendSelfContainedHtml } from './report-responses';

const Council = () => Param('councilId', ParseUUIDPipe);

function formatOf(q: ReportQueryDto, accept: string | undefined): ReportFormat {
  if (q.format) return q.format;
  if (accept?.includes(XLSX_MEDIA_TYPE)) return 'xlsx';
  if (accept?.includes('text/csv')) return 'csv';
  if (accept?.includes('text/html') && !accept.includes('application/json')) return 'html';
  return 'json';
}

/** A council's report on its commissioned services, in every form, for its own people and administrators. */
@ApiTags('reports')
@Controller('reports/councils')
export class ReportsController {
  constructor(
    private readonly reporter: CouncilReporter,
    private readonly scopes: ScopeAccess,
  ) {}

  private request(councilId: string, q: { period?: string; asOf?: string; basis?: 'recorded' | 'occurred' }) {
    const on = q.asOf ?? toLondonDate(new Date());
    return { councilId, period: q.period ? parseReportPeriod(q.period) : yearOf(on), asOf: q.asOf ?? null, basis: q.basis ?? null };
  }

  @Get(':councilId')
  @ApiOperation({
    summary: "A council's report on its commissioned services",
    description:
      'For a period (period=2025, 2025-Q2, 2025-26 or from..to; default the calendar year), live or as of a date on either basis: services and providers under contract by type, ' +
      'latest ratings against the previous period with the trend, providers in escalation, placement suspensions, default notices, concerns by category and severity, ' +
      "the ten responsiveness measures per provider (the council's review lag beside the provider's plan lag), manager vacancies and interims, changes on the previous period, " +
      'and byTag: per PAMMS domain and CQC key question, the tagged visits and published findings, actions agreed, and actions open and overdue at the end (docs/procedure.md). ' +
      'Every figure carries the ids of the events it was computed from. format=csv|xlsx|html (or Accept) for the CSV, the spreadsheet and the printable committee version. ' +
      "The council's own people and administrators only.",
  })
  @ApiProduces('application/json', 'text/csv', XLSX_MEDIA_TYPE, 'text/html')
  @ApiOkResponse({
    description:
      'The report: JSON (each figure with the ids of its events), CSV (one line per figure cell), the spreadsheet, or the printable committee version',
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async report(
    @Council() councilId: string,
    @Query() q: ReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.scopes.waitFor(q.minPosition);
    const request = this.request(councilId, q);
    const report = await this.reporter.report(who, request);
    const name = reportFileName(councilId, report.period.label, report.asOf);
    switch (formatOf(q, accept)) {
      case 'csv':
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
        return reportCsv(report);
      case 'xlsx':
        res.setHeader('Content-Type', XLSX_MEDIA_TYPE);
        res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
        res.end(await reportXlsx(report));
        return undefined;
      case 'html':
        return sendSelfContainedHtml(res, renderReportHtml(report, { generatedAt: new Date().toISOString() }));
      default:
        return report;
    }
  }

  @Get(':councilId/public')
  @ApiOperation({
    summary: "A council report's public summary",
    description:
      'The summary fit to publish: counts and published ratings only, without staff names, free text, concern or event ids. format=html for a printable page.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({
    description: 'The summary fit to publish: counts and published ratings, no staff names, free text or ids',
    content: { 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } },
  })
  async publicSummary(
    @Council() councilId: string,
    @Query() q: PublicReportQueryDto,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.scopes.waitFor(q.minPosition);
    const report = await this.reporter.report(who, this.request(councilId, q));
    if (q.format === 'html') return sendSelfContainedHtml(res, renderReportHtml(report, { publicSummary: true }));
    return publicSummary(report);
  }

  @Get(':councilId/bundle')
  @ApiOperation({
    summary: "A council's report as a signed bundle",
    description:
      "The report with the events it was computed from (each with its hash), signed with the deployment's Ed25519 key. `caretrail verify <file>` checks it offline and recomputes every figure; a changed figure or event is refused.",
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: 'The report as a signed bundle (Ed25519, the deployment key): `caretrail verify` checks it offline and recomputes every figure',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  async bundle(
    @Council() councilId: string,
    @Query() q: BundleReportQueryDto,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    await this.scopes.waitFor(q.minPosition);
    const bundle = await this.reporter.bundle(who, this.request(councilId, q));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(councilId, bundle.report.period.label, bundle.report.asOf, '-signed')}.json"`);
    return serializeReportBundle(bundle);
  }
}
