import { Get, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { buildTimeline } from '@caretrail/timeline';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { confirmContractForm, CONTRACT_FORMS, type ContractRecord } from '../forms/contract.forms';
import { FormHandler } from '../forms/form-handler';
import { successMessage } from '../forms/form-outcomes';
import { awardContractForm, type AwardContractRecord } from '../forms/award-contract.form';
import type { FormScope, WebForm } from '../forms/web-form';
import { portfolioOf } from '../read/portfolio';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { RecordNames } from '../read/record-names';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { contractOffers, relationTo } from './offered-actions';
import { WebController } from './web-controller.decorator';

const Id = () => Param('contractId', ParseUUIDPipe);

/**
 * A contract's page (`/app/contracts/:id`): its term, services, extensions, ending and default
 * notices, and what its reader may record on it; the provider's confirmation (`/confirm`) and the
 * other forms (`/:form`).
 */
@WebController()
export class ContractPagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly names: RecordNames,
    private readonly forms: FormHandler,
    private readonly pages: PageRenderer,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  @Get('contracts/new')
  async showAward(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(
      req,
      res,
      awardContractForm as WebForm<AwardContractRecord>,
      await this.awardScope(who, query, typeof query.providerId === 'string' ? query.providerId : undefined),
    );
  }

  @Post('contracts/new')
  async award(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const providerId = (req.body as Record<string, unknown> | undefined)?.providerId;
    await this.forms.submit(req, res, awardContractForm, await this.awardScope(who, query, typeof providerId === 'string' ? providerId : undefined));
  }

  @Get('contracts/:contractId')
  async page(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const { record } = await this.scope(who, id);
    const { state } = record;
    const relation = relationTo(who, state);
    this.pages.send(req, res, 'contract.njk', {
      title: `Contract ${state.reference ?? ''}`.trim(),
      contract: state,
      councilName: record.councilName,
      providerName: await this.names.organisation(state.providerId),
      services: state.serviceIds.map((serviceId, i) => ({ serviceId, name: record.serviceNames[i] })),
      actionLinks: contractOffers(state, relation, Object.fromEntries(state.serviceIds.map((s, i) => [s, record.serviceNames[i]]))),
      comments: state.log.comments,
      entries: [...buildTimeline([...record.events])].reverse(),
      success: successMessage(query.done),
    });
  }

  @Get('contracts/:contractId/confirm')
  async show(@Id() id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, confirmContractForm, await this.scope(who, id));
  }

  @Post('contracts/:contractId/confirm')
  async submit(@Id() id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, confirmContractForm, await this.scope(who, id));
  }

  @Get('contracts/:contractId/:form')
  async showForm(
    @Id() id: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const form = formOf(slug);
    this.forms.show(req, res, form, await this.scope(who, id, query));
  }

  @Post('contracts/:contractId/:form')
  async submitForm(
    @Id() id: string,
    @Param('form') slug: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    await this.forms.submit(req, res, formOf(slug), await this.scope(who, id, query));
  }

  /** Providers to choose from, the chosen provider's services, and councils for an administrator. */
  private async awardScope(who: Identity, query: Record<string, unknown>, providerId: string | undefined): Promise<FormScope<AwardContractRecord>> {
    const providers = await this.readModels.organisations('provider');
    const known = providers.some((p) => p.organisationId === providerId);
    const services = known
      ? portfolioOf(await this.readModels.scopeEvents({ kind: 'provider', providerId: providerId! }, who), who).services.filter(
          (s) => s.providerId === providerId,
        )
      : [];
    const councils = who.organisationKind === 'admin' ? await this.readModels.organisations('council') : [];
    const params: Record<string, string> = known ? { providerId: providerId! } : {};
    return { who, record: { providers, services, councils }, version: null, today: londonToday(), params };
  }

  private async scope(who: Identity, id: string, query: Record<string, unknown> = {}): Promise<FormScope<ContractRecord>> {
    // Chain-checked with its events; a stranger to the contract is told it is not there, as on the API.
    const view = await this.queries.execute(ReadRecordQuery.by(who, 'contract', id, { events: true }));
    const record: ContractRecord = {
      id,
      state: view.state,
      councilName: await this.names.organisation(view.state.councilId),
      serviceNames: await Promise.all(view.state.serviceIds.map((s) => this.names.service(s))),
      events: view.events ?? [],
    };
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { who, record, version: view.version, today: londonToday(), params };
  }
}

function formOf(slug: string) {
  const form = Object.hasOwn(CONTRACT_FORMS, slug) ? CONTRACT_FORMS[slug] : undefined;
  if (!form) throw new NotFoundException(`There is no form called ${slug}`);
  return form;
}
