import { Get, NotFoundException, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { FormHandler } from '../forms/form-handler';
import { actionOf, PLAN_ACTION_FORMS } from '../forms/plan-action.forms';
import type { FormScope } from '../forms/web-form';
import { ConcernRecordReader, type ConcernRecord } from '../read/concern-record.reader';
import { londonToday } from '../rendering/date-format';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

const Id = () => Param('concernId', ParseUUIDPipe);
const ActionId = () => Param('actionId', ParseUUIDPipe);

/**
 * The forms on one action of a concern's plan: `/app/concerns/:id/actions/:actionId/<form>` shows it
 * (GET) and sends it (POST), through the same FormHandler as every other form.
 */
@WebController()
export class PlanActionFormsController {
  constructor(
    private readonly concerns: ConcernRecordReader,
    private readonly forms: FormHandler,
  ) {}

  @Get('concerns/:concernId/actions/:actionId/:form')
  async show(
    @Id() id: string,
    @ActionId() actionId: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const form = formOf(slug);
    const scope = await this.scope(who, id, actionId);
    if (!actionOf(scope)) throw new NotFoundException(`There is no action ${actionId} on this concern's plan`);
    this.forms.show(req, res, form, scope);
  }

  /** An unknown action is left to the domain, whose refusal shows in the form's error summary. */
  @Post('concerns/:concernId/actions/:actionId/:form')
  async submit(
    @Id() id: string,
    @ActionId() actionId: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.forms.submit(req, res, formOf(slug), await this.scope(who, id, actionId));
  }

  /** The live record (read under the read policy): forms never act on a replay. */
  private async scope(who: Identity, id: string, actionId: string): Promise<FormScope<ConcernRecord>> {
    const record = await this.concerns.read(who, id);
    return { who, record, version: record.version, today: londonToday(), params: { actionId } };
  }
}

function formOf(slug: string) {
  const form = Object.hasOwn(PLAN_ACTION_FORMS, slug) ? PLAN_ACTION_FORMS[slug] : undefined;
  if (!form) throw new NotFoundException(`There is no form called ${slug}`);
  return form;
}
