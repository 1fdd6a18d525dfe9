import { Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Identity } from '../../identity/identity';
import { ConcernRecordReader } from '../read/concern-record.reader';
import { RecordNames } from '../read/record-names';
import { readReplayRequest, replayBanner, replayQuery } from '../read/replay-point';
import { PageRenderer } from '../rendering/page-renderer';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { concernCaseFile } from './concern-case-file.page';
import { successMessage } from '../forms/form-outcomes';
import { timelineItems, timelineRange } from './timeline-items';
import { WebController } from './web-controller.decorator';

const Id = () => Param('concernId', ParseUUIDPipe);

/** The concern case file and its timeline, live or replayed to a date. */
@WebController()
export class ConcernPagesController {
  constructor(
    private readonly concerns: ConcernRecordReader,
    private readonly names: RecordNames,
    private readonly pages: PageRenderer,
  ) {}

  @Get('concerns/:concernId')
  async caseFile(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const { record, replay, names } = await this.load(who, id, query);
    const file = concernCaseFile(record, who, names);
    this.pages.send(req, res, 'concern-case-file.njk', {
      title: file.title,
      concernId: id,
      file,
      replay,
      replayQuery: replayQuery(replay.point),
      success: successMessage(query.done),
      errors: replay.error ? [{ text: replay.error, href: '#asOf' }] : [],
    }, replay.error ? 400 : 200);
  }

  @Get('concerns/:concernId/timeline')
  async timeline(@Id() id: string, @WebIdentity() who: Identity, @Query() query: Record<string, unknown>, @Req() req: WebRequest, @Res() res: Response) {
    const { record, replay, names } = await this.load(who, id, query);
    const file = concernCaseFile(record, who, names);
    const newestFirst = [...file.timeline].reverse();
    this.pages.send(req, res, 'concern-timeline.njk', {
      title: 'Timeline',
      caption: file.title,
      concernId: id,
      items: timelineItems(newestFirst),
      range: timelineRange(newestFirst),
      replay,
      replayQuery: replayQuery(replay.point),
      errors: replay.error ? [{ text: replay.error, href: '#asOf' }] : [],
    }, replay.error ? 400 : 200);
  }

  private async load(who: Identity, id: string, query: Record<string, unknown>) {
    const request = readReplayRequest(query);
    const record = await this.concerns.read(who, id, request.point);
    const live = record.live;
    const [service, council, provider] = await Promise.all([this.names.service(live.serviceId), this.names.organisation(live.councilId), this.names.organisation(live.providerId)]);
    const replay = { ...request, banner: request.point ? replayBanner(request.point) : null };
    return { record, replay, names: { service, council, provider } };
  }
}
