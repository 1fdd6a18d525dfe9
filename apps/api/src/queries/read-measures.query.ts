import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { scopeMeasures } from '@caretrail/application';
import { MeasuresReader } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import type { Measures, ReplayPoint } from '@caretrail/timeline';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { ReadFreshness } from './read-freshness';
import { ResolveScopeQuery } from './resolve-scope.query';
import type { ScopeKind } from './scope-kind';

/** The ten responsiveness measures of a scope its reader may see, live (evaluated today) or as of a date. */
export class ReadMeasuresQuery extends Query<Measures> {
  constructor(
    readonly who: Identity,
    readonly kind: ScopeKind,
    readonly id: string,
    readonly point: ReplayPoint | null,
    readonly minPosition?: number,
  ) {
    super();
  }
}

@QueryHandler(ReadMeasuresQuery)
export class ReadMeasuresHandler implements IQueryHandler<ReadMeasuresQuery> {
  /** Live figures held per scope and brought up to date from the rows added since (docs/performance.md). */
  private readonly held: MeasuresReader;

  constructor(
    private readonly queries: QueryBus,
    private readonly freshness: ReadFreshness,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {
    this.held = new MeasuresReader(read.db);
  }

  async execute(q: ReadMeasuresQuery): Promise<Measures> {
    const scope = await this.queries.execute(new ResolveScopeQuery(q.who, q.kind, q.id));
    await this.freshness.waitFor(q.minPosition);
    return scopeMeasures(this.read.db, scope, q.point, this.held);
  }
}
