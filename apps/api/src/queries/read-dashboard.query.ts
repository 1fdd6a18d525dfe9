import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dashboard, type Dashboard } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { toLondonDate } from '@caretrail/timeline';
import { readableConcerns, readAccess } from '../access/read-access.policy';
import { ReadAuditLog } from '../audit/read-audit.log';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { ReadFreshness } from './read-freshness';

/** What needs attention in a council's portfolio or at a provider's services, as its reader may see it (a provider's is audited). */
export class ReadDashboardQuery extends Query<Dashboard> {
  constructor(
    readonly who: Identity,
    readonly kind: 'councils' | 'providers',
    readonly id: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

@QueryHandler(ReadDashboardQuery)
export class ReadDashboardHandler implements IQueryHandler<ReadDashboardQuery> {
  constructor(
    private readonly freshness: ReadFreshness,
    private readonly audit: ReadAuditLog,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {}

  async execute({ who, kind, id, minPosition }: ReadDashboardQuery): Promise<Dashboard> {
    if (kind === 'councils') {
      readAccess.council(who, id);
    } else {
      readAccess.provider(who, id);
      this.audit.record(who, 'read', { kind: 'dashboards', id }, id);
    }
    await this.freshness.waitFor(minPosition);
    const scope = kind === 'councils' ? { councilId: id } : { providerId: id };
    return dashboard(this.read.db, { ...scope, readableConcerns: readableConcerns(who) }, { on: toLondonDate(new Date()) });
  }
}
