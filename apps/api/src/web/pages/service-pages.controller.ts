import { Get, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { FormHandler } from '../forms/form-handler';
import { successMessage } from '../forms/form-outcomes';
import { SERVICE_FORMS } from '../forms/service.forms';
import type { FormScope } from '../forms/web-form';
import { buildTimeline, matchesQualityTags } from '@caretrail/timeline';
import { portfolioOf } from '../read/portfolio';
import { ReadModelsReady } from '../read/read-models-ready';
import { RecordNames } from '../read/record-names';
import { pageNumber, pageOfEntries, type ConcernAbout, type TimelinePageRead } from '../read/record-timeline';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { readReplayRequest, replayBanner, replayQuery } from '../read/replay-point';
import { ServiceRecordReader, type ServiceRecord } from '../read/service-record.reader';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { SERVICE_TIMELINE_PAGE, servicePage } from './service-page.page';
import { joinQuery, readTagFilter, tagFilterView, tagQuery } from './tag-filter';
import { paginationParams } from './timeline-pagination';
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
    private readonly ready: ReadModelsReady,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  @Get('services/:serviceId')
  async page(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const number = pageNumber(query);
    const tags = readTagFilter(query);
    const request = readReplayRequest(query);
    const record = await this.services.readPage(who, id, request.point);
    let concerns: ConcernAbout[];
    let timeline: TimelinePageRead;
    if (record.replayEvents) {
      concerns = portfolioOf(record.replayEvents, who)
        .concerns.reverse()
        .map((c) => ({ concernId: c.concernId, category: c.category, raisedAt: c.raisedAt, summary: c.summary }));
      const entries = [...buildTimeline(record.replayEvents)].reverse();
      timeline = pageOfEntries(tags ? entries.filter((e) => matchesQualityTags(e.tags, tags)) : entries, number, SERVICE_TIMELINE_PAGE);
    } else {
      await this.ready.timelineUpTo(record.headPosition, true);
      [concerns, timeline] = await Promise.all([
        this.readModels.concernsAbout(id, record.live.providerId ?? '', who),
        tags
          ? this.readModels.taggedTimelinePage({ kind: 'service', serviceId: id }, who, tags, number, SERVICE_TIMELINE_PAGE)
          : this.readModels.timelinePage({ kind: 'service', serviceId: id }, who, number, SERVICE_TIMELINE_PAGE),
      ]);
    }
    const keep = replayQuery(request.point);
    const page = servicePage(
      record,
      who,
      concerns,
      timeline,
      paginationParams(`/app/services/${id}`, joinQuery(keep, tagQuery(tags)), timeline.page, timeline.pages, 'Timeline pages', '#timeline', timeline.hasNext),
    );
    this.pages.send(
      req,
      res,
      'service.njk',
      {
        title: page.title,
        serviceId: id,
        page,
        tagChoices: tagFilterView(`/app/services/${id}`, keep, tags, '#timeline'),
        providerName: await this.names.organisation(record.live.providerId),
        replay: { ...request, banner: request.point ? replayBanner(request.point) : null },
        replayQuery: keep,
        success: successMessage(query.done),
        errors: request.error ? [{ text: request.error, href: '#asOf' }] : [],
      },
      request.error ? 400 : 200,
    );
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
