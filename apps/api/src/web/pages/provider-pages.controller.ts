import { Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { computeMeasures } from '@caretrail/timeline';
import { readAccess } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { successMessage } from '../forms/form-outcomes';
import { portfolioOf, type Portfolio } from '../read/portfolio';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ReadModelsReady } from '../read/read-models-ready';
import { RecordNames } from '../read/record-names';
import { ServiceRecordReader } from '../read/service-record.reader';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { measureRows } from './measures.view';
import { concernReference } from '@caretrail/projections';
import { concernListPage } from './concern-list.page';
import { providerListPage } from './provider-list.page';
import { LEVEL_NAMES } from './status-badges';
import { providerOffers, registrationOffers } from './offered-actions';
import { WebController } from './web-controller.decorator';
import { contractListView, firstContracts } from './contract-list.page';

/** How many services and open concerns the overview shows before linking to the whole list. */
const OVERVIEW_SHOWS = 10;

/** The providers list and a provider's overview: services, latest ratings, managers, open concerns, measures. */
/** The read policy's rule on contracts, as a question (readAccess.contract answers a stranger 404). */
function mayReadContract(who: Identity, contract: { contractId: string; councilId: string; providerId: string }): boolean {
  try {
    readAccess.contract(who, contract);
    return true;
  } catch {
    return false;
  }
}

@WebController()
export class ProviderPagesController {
  constructor(
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
    private readonly services: ServiceRecordReader,
    private readonly names: RecordNames,
    private readonly pages: PageRenderer,
    private readonly ready: ReadModelsReady,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('providers')
  async list(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    // The list comes from a read model: wait (bounded) until it holds every organisation recorded so far.
    await this.ready.organisationsUpTo(await this.store.headPosition());
    // Searched, sorted and paged in the query (issue 13); a provider sees only itself.
    const providerList = await providerListPage(this.readModels, who, query);
    this.pages.send(req, res, 'providers.njk', { title: 'Providers', providerList, actionLinks: registrationOffers(who), success: successMessage(query.done) });
  }

  @Get('providers/:providerId')
  async overview(
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    // A provider reads only its own records; the service rule of the one read policy says so.
    readAccess.service(who, { providerId });
    const on = londonToday();
    // With the clock settings of its concerns' councils, so each concern is judged by its own council's clocks;
    // only the concerns the reader may read, so the measures are computed from what the reader may see.
    const events = await this.readModels.measureEvents({ kind: 'provider', providerId }, who);
    const portfolio = portfolioOf(events, who);
    // The first services (by name) and the oldest open concerns at the highest levels, each with its count:
    // the whole of each is paged by the server on the services list and in the concerns list below (issue 13).
    const [serviceHead, openHead] = await Promise.all([
      this.readModels.serviceList({ onlyProviderId: providerId, sort: 'name', order: 'asc', page: 1, perPage: OVERVIEW_SHOWS }, who),
      this.readModels.concernList({ providerId }, { on, state: 'open', sort: 'level', order: 'desc', page: 1, perPage: OVERVIEW_SHOWS }, who),
    ]);
    const services = await Promise.all(
      serviceHead.rows.map(async (s) => {
        const record = await this.services.read(who, s.serviceId);
        return {
          serviceId: s.serviceId,
          name: s.name,
          serviceType: record.state.serviceType,
          manager: record.state.manager,
          tenures: record.state.managerTenures,
          rating: record.state.ratings.at(-1) ?? null,
        };
      }),
    );
    const concernList = await concernListPage(this.readModels, who, { providerId }, `/app/providers/${providerId}`, query, on, { byProvider: false });
    this.pages.send(req, res, 'provider-overview.njk', {
      title: await this.names.organisation(providerId),
      providerId,
      services,
      servicesTotal: serviceHead.total,
      allServicesHref: `/app/services?providerId=${providerId}`,
      openConcerns: openHead.rows,
      openTotal: openHead.total,
      allOpenHref: `/app/providers/${providerId}?status=open&sort=level&order=desc#concerns`,
      levelNames: LEVEL_NAMES,
      concernList,
      refOf: concernReference,
      measures: measureRows(computeMeasures(events, { on })),
      on,
      // Awards made to this provider that it has not confirmed: they give their councils no rights yet.
      awaitingContracts: await Promise.all(
        portfolio.contracts
          .filter((c) => c.providerId === providerId && !c.confirmed)
          .map(async (c) => ({ ...c, councilName: await this.names.organisation(c.councilId) })),
      ),
      mayConfirm: who.organisationKind === 'provider' && who.organisationId === providerId,
      actionLinks: [...registrationOffers(who, providerId), ...providerOffers(providerId, who)],
      // Confirmed contracts, each with its own page (comments and withdrawals on it): pages/contract-pages.controller.ts.
      // The 10 starting latest; the whole list is searched, sorted and paged on providers/{id}/contracts.
      ...(await this.contractHead(portfolio, who, providerId)),
      success: successMessage(query.done),
    });
  }

  private async contractHead(portfolio: Portfolio, who: Identity, providerId: string) {
    const confirmed = portfolio.contracts.filter((c) => c.providerId === providerId && c.confirmed && mayReadContract(who, c));
    const first = firstContracts(confirmed.map((c) => ({ ...c, partyName: '' })));
    return {
      contracts: await Promise.all(first.map(async (c) => ({ ...c, councilName: await this.names.organisation(c.councilId) }))),
      contractsTotal: confirmed.length,
    };
  }

  /** A provider's contracts the reader may read (awaiting confirmation or confirmed): searched, filtered, sorted and paged. */
  @Get('providers/:providerId/contracts')
  async contracts(
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @WebIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    readAccess.service(who, { providerId });
    // From the scope-events model: wait (bounded) until it holds every contract recorded so far.
    await this.ready.organisationsUpTo(await this.store.headPosition());
    const [events, organisations] = await Promise.all([this.readModels.scopeEvents({ kind: 'provider', providerId }, who), this.readModels.organisations()]);
    const names = Object.fromEntries(organisations.map((o) => [o.organisationId, o.name]));
    const rows = portfolioOf(events, who)
      .contracts.filter((c) => c.providerId === providerId && mayReadContract(who, c))
      .map((c) => ({ ...c, partyName: names[c.councilId] ?? 'A council' }));
    const contractList = contractListView(rows, `/app/providers/${providerId}/contracts`, 'Council', query);
    const providerName = await this.names.organisation(providerId);
    this.pages.send(req, res, 'contracts.njk', {
      title: `Contracts of ${providerName}`,
      contractList,
      caption: providerName,
      backText: 'Provider overview',
      backHref: `/app/providers/${providerId}`,
    });
  }
}
