import { ForbiddenException, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { clocksOfCouncil } from '@caretrail/timeline';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { FormHandler } from '../forms/form-handler';
import {
  councilClocksForm,
  registerOrganisationForm,
  registerServiceForm,
  type CouncilClocksRecord,
  type RegisterServiceRecord,
} from '../forms/organisation.forms';
import type { FormScope, WebForm } from '../forms/web-form';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { londonToday } from '../rendering/date-format';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

/**
 * Forms about organisations: a council's clocks (`/app/councils/:id/clocks`), the administrator's
 * registration of organisations (`/app/organisations/new`) and a provider's (or the administrator's)
 * registration of services (`/app/services/new`). Registered before the service pages, whose
 * `services/:serviceId` would otherwise take `new`.
 */
@WebController()
export class OrganisationFormsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
    private readonly forms: FormHandler,
  ) {}

  @Get('councils/:councilId/clocks')
  async showClocks(
    @Param('councilId', ParseUUIDPipe) id: string,
    @WebIdentity() who: Identity,
    @Query('done') done: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const scope = await this.clocksScope(who, id);
    this.forms.show(req, res, councilClocksForm, { ...scope, params: typeof done === 'string' ? { done } : {} });
  }

  @Post('councils/:councilId/clocks')
  async setClocks(@Param('councilId', ParseUUIDPipe) id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, councilClocksForm, await this.clocksScope(who, id));
  }

  @Get('organisations/new')
  showOrganisation(@WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, registerOrganisationForm as WebForm<Record<string, never>>, this.plainScope(who, {}));
  }

  @Post('organisations/new')
  async registerOrganisation(@WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, registerOrganisationForm, this.plainScope(who, {}));
  }

  @Get('services/new')
  async showService(@WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, registerServiceForm as WebForm<RegisterServiceRecord>, await this.serviceScope(who));
  }

  @Post('services/new')
  async registerService(@WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, registerServiceForm, await this.serviceScope(who));
  }

  private plainScope<R>(who: Identity, record: R): FormScope<R> {
    return { who, record, version: null, today: londonToday(), params: {} };
  }

  private async serviceScope(who: Identity): Promise<FormScope<RegisterServiceRecord>> {
    const providers = who.organisationKind === 'admin' ? await this.readModels.organisations('provider') : [];
    return this.plainScope(who, { providers });
  }

  /** Only the council itself (and an administrator) sets its clocks; another council is told it cannot. */
  private async clocksScope(who: Identity, councilId: string): Promise<FormScope<CouncilClocksRecord>> {
    // The council's record with its events, chain-checked (an organisation of another kind is no council: 404).
    const council = await this.queries.execute(ReadRecordQuery.by(who, 'council', councilId, { events: true }));
    if (who.organisationKind === 'council' && who.organisationId !== councilId) throw new ForbiddenException('A council sets only its own clocks');
    const inForce = clocksOfCouncil(council.events ?? [], councilId, londonToday());
    return {
      ...this.plainScope(who, { councilId, councilName: council.state.name ?? 'Your council', clocks: inForce.clocks, councilSet: inForce.councilSet }),
      version: council.version,
    };
  }
}
