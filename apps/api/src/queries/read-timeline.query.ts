import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { scopeTimeline } from '@caretrail/application';
import type { ReadDatabase } from '@caretrail/read-store';
import type { ReplayPoint, TimelinePage, TimelineQuery } from '@caretrail/timeline';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { ReadFreshness } from './read-freshness';
import { ResolveScopeQuery } from './resolve-scope.query';
import type { ScopeKind } from './scope-kind';

/** A scope's timeline as its reader may see it: live from the read model, or replayed as of a date. */
export class ReadTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly who: Identity,
    readonly kind: ScopeKind,
    readonly id: string,
    readonly query: TimelineQuery,
    readonly point: ReplayPoint | null,
    /** Wait (bounded) until the read models include this position. */
    readonly minPosition?: number,
  ) {
    super();
  }
}

@QueryHandler(ReadTimelineQuery)
export class ReadTimelineHandler implements IQueryHandler<ReadTimelineQuery> {
  constructor(
    private readonly queries: QueryBus,
    private readonly freshness: ReadFreshness,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {}

  async execute(q: ReadTimelineQuery): Promise<TimelinePage> {
    const scope = await this.queries.execute(new ResolveScopeQuery(q.who, q.kind, q.id));
    await this.freshness.waitFor(q.minPosition);
    return scopeTimeline(this.read.db, scope, q.query, q.point);
  }
}
