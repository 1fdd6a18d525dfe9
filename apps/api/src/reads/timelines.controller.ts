import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { readPointFields, readPointOf } from '@caretrail/application';
import { timelineToCsv, type TimelinePage, type TimelineQuery } from '@caretrail/timeline';
import type { Request, Response } from 'express';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { TimelineQueryDto } from './read-query.dto';
import { ReadTimelineQuery } from '../queries/read-timeline.query';
import { SCOPE_KINDS, type ScopeKind } from '../queries/scope-kind';
import { ScopeKindPipe } from './scope-kind.pipe';
import { ApiRead } from '../openapi/api-operations';
import { TimelinePageDto } from '../openapi/read-responses.dto';

/**
 * Timelines of a concern, a service, a provider or a council's portfolio. The live view reads the
 * timeline read model; `asOf` replays the scope's events through the same pure functions.
 */
@ApiTags('timelines')
@Controller('timelines')
export class TimelinesController {
  constructor(private readonly queries: QueryBus) {}

  @ApiRead(
    'Read a timeline',
    "What happened on a concern, a service, a provider's services or a council's portfolio, newest or oldest first, filtered and paged (nextCursor). With asOf, replayed as it stood at the end of that day. format=csv (or Accept: text/csv) answers CSV with a Link to the next page.",
    TimelinePageDto,
    { csv: true },
  )
  @Get(':scope/:id')
  @ApiParam({ name: 'scope', enum: SCOPE_KINDS })
  async timeline(
    @Param('scope', ScopeKindPipe) kind: ScopeKind,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: TimelineQueryDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<(TimelinePage & { asOf: string | null; basis: string | null }) | string> {
    const point = readPointOf(q);
    const query: TimelineQuery = {
      from: q.from,
      to: q.to,
      kinds: q.kinds,
      parties: q.parties,
      categories: q.categories,
      tags: q.tags,
      after: q.after,
      limit: q.limit ?? 100,
      order: q.order,
    };
    const page = await this.queries.execute(new ReadTimelineQuery(who, kind, id, query, point, q.minPosition));
    if (q.format === 'csv' || (q.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv')) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      if (page.nextCursor) res.setHeader('Link', `<?after=${page.nextCursor}>; rel="next"`);
      return timelineToCsv(page.entries);
    }
    return { ...readPointFields(point), ...page };
  }
}
