import { Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { buildTimeline, matchesQualityTags } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { ConcernRecordReader, type ConcernPageRecord } from '../read/concern-record.reader';
import { concernOrganisations, organisationNamer } from '../read/concern-organisations';
import { ReadModelsReady } from '../read/read-models-ready';
import { RecordNames } from '../read/record-names';
import { pageNumber, pageOfEntries } from '../read/record-timeline';
import { readReplayRequest, replayBanner, replayQuery } from '../read/replay-point';
import { ServiceRecordReader } from '../read/service-record.reader';
import { WEB_READ_MODELS, type WebReadModels } from '../read/web-read-models';
import { humanise } from '../rendering/nunjucks-environment';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { concernCaseFile } from './concern-case-file.page';
import { successMessage } from '../forms/form-outcomes';
import { actionDescriber, timelineItems, timelineRange } from './timeline-items';
import { joinQuery, readTagFilter, tagFilterView, tagQuery } from './tag-filter';
import { paginationParams } from './timeline-pagination';
import { CONCERN_FORM_KEY, policyAllows, relationTo } from './offered-actions';
import { restrictedEntriesFor } from './restricted-entries.view';
import { WebController } from './web-controller.decorator';

const Id = () => Param('concernId', ParseUUIDPipe);

/**
 * The concern case file and its timeline, live or replayed to a date. Live, both read the held,
 * verified state (never the whole stream) and the timeline a page at a time from its read model, so
 * they cost the same on a long record as on a short one. A replay reads and verifies the whole stream.
 */
@WebController()
export class ConcernPagesController {
  constructor(
    private readonly concerns: ConcernRecordReader,
    private readonly services: ServiceRecordReader,
    private readonly names: RecordNames,
    private readonly pages: PageRenderer,
    private readonly ready: ReadModelsReady,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  @Get('concerns/:concernId')
  async caseFile(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const { record, replay, names } = await this.load(who, id, query);
    const service = record.live.serviceId ? await this.services.stateOf(record.live.serviceId, record.replay) : null;
    const file = concernCaseFile(record, who, names, service);
    const restricted = await this.restricted(record, who);
    this.pages.send(
      req,
      res,
      'concern-case-file.njk',
      {
        title: file.title,
        concernId: id,
        file,
        restricted: restricted.entries,
        replay,
        replayQuery: replayQuery(replay.point),
        success: successMessage(query.done),
        errors: replay.error ? [{ text: replay.error, href: '#asOf' }] : [],
      },
      replay.error ? 400 : 200,
    );
  }

  @Get('concerns/:concernId/timeline')
  async timeline(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const page = pageNumber(query);
    const tags = readTagFilter(query);
    const { record, replay, names } = await this.load(who, id, query);
    let read;
    if (record.replayEvents) {
      const entries = [...buildTimeline(record.replayEvents)].reverse();
      read = pageOfEntries(tags ? entries.filter((e) => matchesQualityTags(e.tags, tags)) : entries, page);
    } else {
      await this.ready.timelineUpTo(record.headPosition);
      read = tags
        ? await this.readModels.taggedTimelinePage({ kind: 'concern', concernId: id }, who, tags, page)
        : await this.readModels.timelinePage({ kind: 'concern', concernId: id }, who, page);
    }
    const state = record.corrected;
    const title = state.exists ? `${humanise(state.category)} concern at ${names.service}` : 'Concern not yet raised';
    const keep = replayQuery(replay.point);
    const path = `/app/concerns/${id}/timeline`;
    // A concern's timeline is always counted (record-timeline.ts).
    const pages = read.pages ?? 1;
    this.pages.send(
      req,
      res,
      'concern-timeline.njk',
      {
        title: pages > 1 ? `Timeline (page ${read.page} of ${pages})` : 'Timeline',
        caption: title,
        concernId: id,
        items: timelineItems(read.entries, {
          log: record.state.log,
          describeAction: actionDescriber(state),
          restricted: (await this.restricted(record, who)).reading,
        }),
        range: timelineRange(read.total ?? read.entries.length, read.first, read.last),
        shownRange: pages > 1 ? `Showing entries ${(read.page - 1) * read.perPage + 1} to ${(read.page - 1) * read.perPage + read.entries.length}` : '',
        pagination: paginationParams(path, joinQuery(keep, tagQuery(tags)), read.page, pages),
        tagChoices: tagFilterView(path, keep, tags),
        replay,
        replayQuery: keep,
        errors: replay.error ? [{ text: replay.error, href: '#asOf' }] : [],
      },
      replay.error ? 400 : 200,
    );
  }

  /** The restricted entries as this reader may see them, and how the timeline names their organisations (docs/restricted-entries.md). */
  private async restricted(record: ConcernPageRecord, who: Identity) {
    const hasRestricted = Object.values(record.live.log.entries).some((e) => e.type === 'RestrictedEntryRecorded');
    const parties = hasRestricted ? await concernOrganisations(record.live, this.names, this.readModels) : [];
    const nameOf = organisationNamer(parties);
    const lifts = !record.replay && policyAllows(CONCERN_FORM_KEY, relationTo(who, record.live), { form: 'lift-restriction' });
    return {
      entries: restrictedEntriesFor(
        record.state.log,
        record.live.log,
        who.organisationId,
        nameOf,
        lifts ? (eventId) => `/app/concerns/${record.id}/lift-restriction?target=${eventId}` : null,
      ),
      reading: { organisationId: who.organisationId, live: record.live.log, nameOf },
    };
  }

  private async load(who: Identity, id: string, query: Record<string, unknown>) {
    const request = readReplayRequest(query);
    const record = await this.concerns.readPage(who, id, request.point);
    const live = record.live;
    const [service, council, provider] = await Promise.all([
      this.names.service(live.serviceId),
      this.names.organisation(live.councilId),
      this.names.organisation(live.providerId),
    ]);
    const replay = { ...request, banner: request.point ? replayBanner(request.point) : null };
    return { record, replay, names: { service, council, provider } };
  }
}
