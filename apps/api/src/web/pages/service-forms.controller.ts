import { ForbiddenException, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { FormHandler } from '../forms/form-handler';
import { SERVICE_FORMS } from '../forms/service.forms';
import { serviceRelation, type ServiceFormRecord } from '../forms/service-record.forms';
import type { FormScope } from '../forms/web-form';
import { portfolioOf } from '../read/portfolio';
import { ServiceRecordReader } from '../read/service-record.reader';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { londonToday } from '../rendering/date-format';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { policyAllows } from './offered-actions';
import { WebController } from './web-controller.decorator';

const Id = () => Param('serviceId', ParseUUIDPipe);

/**
 * Every form on a service, `/app/services/:id/<form>`: the provider's manager changes, the speakers'
 * visits, comments and withdrawals, the regulator's ratings and enforcement. A council acts under a
 * confirmed contract for the service: its contracts come from its own portfolio (the service's
 * record does not hold them), and `?contractId=` from the contract page chooses one.
 */
@WebController()
export class ServiceFormsController {
  constructor(
    private readonly services: ServiceRecordReader,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
    private readonly forms: FormHandler,
  ) {}

  @Get('services/:serviceId/:form')
  async show(
    @Id() id: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const form = formOf(slug);
    this.forms.show(req, res, form, await this.scope(who, id, query, slug));
  }

  @Post('services/:serviceId/:form')
  async submit(
    @Id() id: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.forms.submit(req, res, formOf(slug), await this.scope(who, id, query, slug));
  }

  /**
   * The reader's relation to this service decides (the one policy): a council with no confirmed
   * contract for it may not record here, nor another provider.
   */
  private async scope(who: Identity, id: string, query: Record<string, unknown>, slug: string): Promise<FormScope<ServiceFormRecord>> {
    const record = await this.services.read(who, id);
    const councilContracts =
      who.organisationKind === 'council'
        ? portfolioOf(await this.readModels.scopeEvents({ kind: 'council', councilId: who.organisationId }, who), who).contracts.filter(
            (c) => c.councilId === who.organisationId && c.confirmed && c.serviceIds.includes(id),
          )
        : [];
    const relation = serviceRelation({ ...record, councilContracts }, who);
    if (!policyAllows('POST /app/services/{serviceId}/{form}', relation, { form: slug })) {
      throw new ForbiddenException(
        relation === 'unrelatedCouncil'
          ? 'Your council holds no confirmed contract for this service, so it cannot record this here.'
          : 'This is recorded by another party to the service.',
      );
    }
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { who, record: { ...record, councilContracts }, version: record.version, today: londonToday(), params };
  }
}

function formOf(slug: string) {
  const form = Object.hasOwn(SERVICE_FORMS, slug) ? SERVICE_FORMS[slug] : undefined;
  if (!form) throw new NotFoundException(`There is no form called ${slug}`);
  return form;
}
