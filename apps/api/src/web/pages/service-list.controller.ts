import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import type { Identity } from '../../identity/identity';
import { ReadModelsReady } from '../read/read-models-ready';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { serviceListPage } from './service-list.page';
import { WebController } from './web-controller.decorator';

/** The services list (`/app/services`): each party's readable services, searched, filtered, sorted and paged by the server. */
@WebController()
export class ServiceListController {
  constructor(
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
    private readonly pages: PageRenderer,
    private readonly ready: ReadModelsReady,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('services')
  async list(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    // From the dashboard model: wait (bounded) until it holds every service registered so far.
    await this.ready.servicesUpTo(await this.store.headPosition());
    const serviceList = await serviceListPage(this.readModels, who, query);
    this.pages.send(req, res, 'services.njk', { title: 'Services', serviceList });
  }
}
