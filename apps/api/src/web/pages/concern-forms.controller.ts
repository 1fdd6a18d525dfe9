import { Get, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { CONCERN_FORMS } from '../forms/concern-forms';
import { FormHandler } from '../forms/form-handler';
import type { FormScope } from '../forms/web-form';
import { ConcernRecordReader, type ConcernRecord } from '../read/concern-record.reader';
import { londonToday } from '../rendering/date-format';
import { concernOrganisations } from '../read/concern-organisations';
import { RecordNames } from '../read/record-names';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

const RESTRICTING_FORMS = new Set(['comment', 'lift-restriction']);

const Id = () => Param('concernId', ParseUUIDPipe);

/** Every form on a concern: `/app/concerns/:id/<form>` shows it (GET) and sends it (POST). */
@WebController()
export class ConcernFormsController {
  constructor(
    private readonly concerns: ConcernRecordReader,
    private readonly forms: FormHandler,
    private readonly names: RecordNames,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  @Get('concerns/:concernId/:form')
  async show(
    @Id() id: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const form = formOf(slug);
    this.forms.show(req, res, form, await this.scope(who, id, slug, query));
  }

  @Post('concerns/:concernId/:form')
  async submit(
    @Id() id: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.forms.submit(req, res, formOf(slug), await this.scope(who, id, slug, query));
  }

  /** The live record (read under the read policy): forms never act on a replay. */
  private async scope(who: Identity, id: string, slug: string, query: Record<string, unknown>): Promise<FormScope<ConcernRecord>> {
    const read = await this.concerns.read(who, id);
    // The comment and lift forms name the organisations party to the concern (docs/restricted-entries.md).
    const record = RESTRICTING_FORMS.has(slug) ? { ...read, organisations: await concernOrganisations(read.live, this.names, this.readModels) } : read;
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { who, record, version: record.version, today: londonToday(), params };
  }
}

function formOf(slug: string) {
  const form = Object.hasOwn(CONCERN_FORMS, slug) ? CONCERN_FORMS[slug] : undefined;
  if (!form) throw new NotFoundException(`There is no form called ${slug}`);
  return form;
}
