import { Body, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { importHistory, type ImportReport } from '@caretrail/application';
import type { DomainActor } from '@caretrail/domain';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { plural } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { WebController } from '../pages/web-controller.decorator';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { ImportFiles } from './import-files';
import { IMPORT_FILE_FIELD, type ImportUploadRequest } from './import-upload';

const TITLE = 'Import a history from a spreadsheet';
const STEP_WORDS: Record<string, string> = {
  concern_raised: 'Concern raised',
  concern_notified: 'Provider notified',
  comment: 'Comment',
  visit: 'Visit',
  plan_requested: 'Action plan requested',
  concern_closed: 'Concern closed',
};

interface ImportPage {
  errors?: { text: string; href: string }[];
  fileError?: string;
  report?: ImportReport;
  fileName?: string;
  /** checked: a good file waiting for "Record"; recorded: the rows recorded. */
  stage?: 'checked' | 'recorded';
}

const actorOf = ({ displayName: _d, organisationName: _o, ...actor }: Identity): DomainActor => actor;

/**
 * `/app/import`: a council officer brings a spreadsheet's history in (docs/importing.md), the CLI's
 * import in two steps: "Check the file" (the dry run: every bad row, or how many are ready) and
 * "Record the N rows". The multipart form is read by importUpload before the session guard (CSRF).
 */
@WebController('app/import')
export class ImportPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly files: ImportFiles,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  show(@Req() req: WebRequest, @Res() res: Response): void {
    this.render(req, res, {});
  }

  @Post()
  async check(@WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const upload = req as WebRequest & ImportUploadRequest;
    const problem =
      upload.uploadProblem ??
      (!upload.file
        ? 'Select a CSV file'
        : upload.file.size === 0
          ? 'The selected file is empty'
          : looksBinary(upload.file.buffer)
            ? 'The selected file must be a CSV'
            : undefined);
    if (problem || !upload.file) return this.fileProblem(req, res, problem ?? 'Select a CSV file');
    const report = await importHistory({ bytes: upload.file.buffer, actor: actorOf(who), store: this.store, dryRun: true });
    if (report.problems.length === 0 && report.outcomes.some((o) => o.outcome === 'checked')) await this.files.keep(who.organisationId, upload.file.buffer);
    this.render(req, res, { report, fileName: upload.file.originalname, stage: 'checked' }, report.problems.length > 0 ? 422 : 200);
  }

  @Post('record')
  async record(@WebIdentity() who: Identity, @Body() body: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const sha = typeof body.fileSha256 === 'string' ? body.fileSha256 : '';
    const bytes = await this.files.read(who.organisationId, sha);
    if (!bytes)
      return this.fileProblem(req, res, sha ? 'The checked file is no longer kept: select it and check it again' : 'Select a CSV file and check it first');
    const report = await importHistory({ bytes, actor: actorOf(who), store: this.store, dryRun: false });
    // Recorded, or refused as a whole (the record moved since the check): either way the officer starts again from the file.
    await this.files.drop(who.organisationId, sha);
    this.render(
      req,
      res,
      { report, fileName: typeof body.fileName === 'string' ? body.fileName : undefined, stage: 'recorded' },
      report.problems.length > 0 ? 422 : 200,
    );
  }

  private fileProblem(req: WebRequest, res: Response, message: string): void {
    this.render(req, res, { fileError: message, errors: [{ text: message, href: `#${IMPORT_FILE_FIELD}` }] }, 400);
  }

  private render(req: WebRequest, res: Response, page: ImportPage, status = 200): void {
    const report = page.report;
    const count = (outcome: string) => report?.outcomes.filter((o) => o.outcome === outcome).length ?? 0;
    this.pages.send(
      req,
      res,
      'import.njk',
      {
        title: TITLE,
        fileField: IMPORT_FILE_FIELD,
        ...page,
        errors:
          page.errors ??
          (report && report.problems.length > 0
            ? [{ text: `${plural(report.problems.length, 'problem')} in the file: nothing was recorded`, href: '#problems' }]
            : []),
        ready: count('checked'),
        recorded: count('recorded'),
        already: count('already'),
        plural,
        raised:
          page.stage === 'recorded'
            ? (report?.outcomes
                .filter((o) => o.kind === 'concern_raised' && o.outcome === 'recorded')
                .map((o) => ({ row: o.row, href: `/app/concerns/${o.concernId}` })) ?? [])
            : [],
        problemRows: report?.problems.map((p) => [{ text: String(p.row) }, { text: p.column }, { text: p.why }]) ?? [],
        outcomeRows:
          report?.outcomes.map((o) => [
            { text: String(o.row) },
            { text: STEP_WORDS[o.kind] ?? o.kind },
            { text: o.outcome === 'recorded' ? 'Recorded' : o.outcome === 'already' ? 'Already recorded' : 'Ready' },
          ]) ?? [],
      },
      status,
    );
  }
}

/** A CSV is text: a NUL byte in its first kilobytes means a spreadsheet's own format (.xlsx) or another binary file. */
const looksBinary = (bytes: Buffer): boolean => bytes.subarray(0, 8192).includes(0);
