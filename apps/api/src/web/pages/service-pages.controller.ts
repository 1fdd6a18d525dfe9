import { Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { FormHandler } from '../forms/form-handler';
import { successMessage } from '../forms/form-outcomes';
import { SERVICE_FORMS } from '../forms/service.forms';
import type { FormScope } from '../forms/web-form';
import { RecordNames } from '../read/record-names';
import { readReplayRequest, replayBanner, replayQuery } from '../read/replay-point';
import { ServiceRecordReader, type ServiceRecord } from '../read/service-record.reader';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { servicePage } from './service-page.page';
import { WebController } from './web-controller.decorator';

const Id = () => Param('serviceId', ParseUUIDPipe);

/** The service page (live or replayed) and the provider's forms on it. */
@WebController()
export class ServicePagesController {
  constructor(
    private readonly services: ServiceRecordReader,
    private readonly names: RecordNames,
    private readonly pages: PageRenderer,
    private readonly forms: FormHandler,
  ) {}

  @Get('services/:serviceId')
  async page(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const request = readReplayRequest(query);
    const record = await this.services.read(who, id, request.point);
    const page = servicePage(record, who);
    this.pages.send(req, res, 'service.njk', {
      title: page.title,
      serviceId: id,
      page,
      providerName: await this.names.organisation(record.live.providerId),
      replay: { ...request, banner: request.point ? replayBanner(request.point) : null },
      replayQuery: replayQuery(request.point),
      success: successMessage(query.done),
      errors: request.error ? [{ text: request.error, href: '#asOf' }] : [],
    }, request.error ? 400 : 200);
  }

  @Get('services/:serviceId/:form')
  async show(@Id() id: string, @Param('form') slug: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, formOf(slug), await this.scope(who, id));
  }

  @Post('services/:serviceId/:form')
  async submit(@Id() id: string, @Param('form') slug: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, formOf(slug), await this.scope(who, id));
  }

  private async scope(who: Identity, id: string): Promise<FormScope<ServiceRecord>> {
    const record = await this.services.read(who, id);
    return { who, record, version: record.version, today: londonToday(), params: {} };
  }
}

function formOf(slug: string) {
  const form = Object.hasOwn(SERVICE_FORMS, slug) ? SERVICE_FORMS[slug] : undefined;
  if (!form) throw new NotFoundException(`There is no form called ${slug}`);
  return form;
}
