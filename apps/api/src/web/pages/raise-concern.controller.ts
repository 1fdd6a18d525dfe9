import { Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { FormHandler } from '../forms/form-handler';
import { raiseConcernForm, type RaiseConcernRecord } from '../forms/raise-concern.form';
import type { FormScope } from '../forms/web-form';
import { portfolioOf } from '../read/portfolio';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { londonToday } from '../rendering/date-format';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

/** `/app/concerns/new`: a council raises a concern about a service one of its contracts covers. */
@WebController()
export class RaiseConcernController {
  constructor(
    private readonly forms: FormHandler,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  @Get('concerns/new')
  async show(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, raiseConcernForm, await this.scope(who, query));
  }

  @Post('concerns/new')
  async submit(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, raiseConcernForm, await this.scope(who, query));
  }

  private async scope(who: Identity, query: Record<string, unknown>): Promise<FormScope<RaiseConcernRecord>> {
    // Only a council's own portfolio gives choices; anyone else sees none, and the domain would refuse them anyway.
    const events = who.organisationKind === 'council' ? await this.readModels.scopeEvents({ kind: 'council', councilId: who.organisationId }, who) : [];
    const params: Record<string, string> = typeof query.serviceId === 'string' ? { serviceId: query.serviceId } : {};
    return { who, record: { portfolio: portfolioOf(events, who) }, version: null, today: londonToday(), params };
  }
}
