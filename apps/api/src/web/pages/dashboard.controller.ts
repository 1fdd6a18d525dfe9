import { ForbiddenException, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { portfolioOf } from '../read/portfolio';
import { ReadModelsReady } from '../read/read-models-ready';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { londonToday } from '../rendering/date-format';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { concernReference, WORK_QUEUES } from '@caretrail/projections';
import { concernListPage } from './concern-list.page';
import { LEVEL_NAMES } from './status-badges';
import { registrationOffers } from './offered-actions';
import { WebController } from './web-controller.decorator';
import { DASHBOARD_SHOWS, QUEUE_WORDS, queueOf, workQueueHeads, workQueuePage } from './work-queue.page';
import { contractListView, firstContracts, type ContractRow } from './contract-list.page';
import type { Portfolio } from '../read/portfolio';

/** The council's own contracts, each with its provider's name. */
const councilContracts = (portfolio: Portfolio, who: Identity, names: Record<string, string>): ContractRow[] =>
  portfolio.contracts.filter((c) => c.councilId === who.organisationId).map((c) => ({ ...c, partyName: names[c.providerId] ?? 'A provider' }));

/** The council dashboard: the projections' dashboard queries for the signed-in officer's council. */
@WebController()
export class DashboardController {
  constructor(
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
    private readonly pages: PageRenderer,
    private readonly ready: ReadModelsReady,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('dashboard')
  async dashboard(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    if (who.organisationKind !== 'council') throw new ForbiddenException('The dashboard is for council officers; providers start at their overview');
    const on = londonToday();
    // The concerns list: searched, filtered, sorted and paged by the read model (issue 13).
    const concernList = await concernListPage(this.readModels, who, { councilId: who.organisationId }, '/app/dashboard', query, on, { byProvider: true });
    const scope = { councilId: who.organisationId };
    // The work queues and the open concerns by level, each its first rows and its count (issue 13):
    // every queue is paged, searched and sorted on its own page (dashboard/{queue}), each level in the concerns list.
    const [queues, levels, events, organisations] = await Promise.all([
      workQueueHeads(this.readModels, who, scope, on),
      this.readModels.openConcernLevels(scope, who),
      this.readModels.scopeEvents({ kind: 'council', councilId: who.organisationId }, who),
      this.readModels.organisations(),
    ]);
    const openByLevel = await Promise.all(
      levels.map(async ({ level, count }) => {
        const first = await this.readModels.concernList(
          scope,
          { on, state: 'open', level, sort: 'raised', order: 'asc', page: 1, perPage: DASHBOARD_SHOWS },
          who,
        );
        return { level, count, concerns: first.rows, allHref: `/app/dashboard?status=open&level=${level}&sort=raised&order=asc#concerns` };
      }),
    );
    const portfolio = portfolioOf(events, who);
    const serviceNames = Object.fromEntries(portfolio.services.map((s) => [s.serviceId, s.name]));
    const organisationNames = Object.fromEntries(organisations.map((o) => [o.organisationId, o.name]));
    const openCount = levels.reduce((n, l) => n + l.count, 0);
    const ours = councilContracts(portfolio, who, organisationNames);
    this.pages.send(req, res, 'dashboard.njk', {
      title: 'Dashboard',
      on,
      queues,
      queueWords: QUEUE_WORDS,
      dashboardShows: DASHBOARD_SHOWS,
      openByLevel,
      openCount,
      levelNames: LEVEL_NAMES,
      serviceNames,
      organisationNames,
      concernList,
      refOf: concernReference,
      providers: [...new Set(portfolio.contracts.map((c) => c.providerId))].map((id) => ({ id, name: organisationNames[id] ?? id })),
      // Its contracts, each with its own page (extend, end, default notice, visits under it): pages/contract-pages.controller.ts.
      actionLinks: registrationOffers(who),
      contracts: firstContracts(ours.map((c) => ({ ...c, providerName: c.partyName }))),
      contractsTotal: ours.length,
    });
  }

  /** A work queue of the dashboard on its own page: searched, sorted and paged by the server. */
  @Get(WORK_QUEUES.map((queue) => `dashboard/${queue}`))
  async queue(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    if (who.organisationKind !== 'council') throw new ForbiddenException('The dashboard is for council officers; providers start at their overview');
    const queue = queueOf(req.path.split('/').pop() ?? '');
    const page = await workQueuePage(this.readModels, who, { councilId: who.organisationId }, queue, query, londonToday());
    this.pages.send(req, res, 'work-queue.njk', { title: page.words.title, page });
  }

  /** The council's contracts: searched, filtered, sorted and paged (from its scope's events, in memory). */
  @Get('dashboard/contracts')
  async contracts(@WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    if (who.organisationKind !== 'council') throw new ForbiddenException('The dashboard is for council officers; providers start at their overview');
    // From the scope-events model: wait (bounded) until it holds every contract recorded so far.
    await this.ready.organisationsUpTo(await this.store.headPosition());
    const [events, organisations] = await Promise.all([
      this.readModels.scopeEvents({ kind: 'council', councilId: who.organisationId }, who),
      this.readModels.organisations(),
    ]);
    const names = Object.fromEntries(organisations.map((o) => [o.organisationId, o.name]));
    const contractList = contractListView(councilContracts(portfolioOf(events, who), who, names), '/app/dashboard/contracts', 'Provider', query);
    this.pages.send(req, res, 'contracts.njk', {
      title: 'Contracts',
      contractList,
      caption: who.organisationName,
      backText: 'Dashboard',
      backHref: '/app/dashboard',
    });
  }
}
