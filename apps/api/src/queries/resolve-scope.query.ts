import { QueryBus, QueryHandler, Query, type IQueryHandler } from '@nestjs/cqrs';
import type { RecordScope } from '@caretrail/projections';
import { readableConcerns, readAccess } from '../access/read-access.policy';
import { ReadAuditLog, type ReadAction } from '../audit/read-audit.log';
import type { Identity } from '../identity/identity';
import { ReadRecordQuery } from './read-record.query';
import type { ScopeKind } from './scope-kind';

/**
 * A scope in a URL turned into a RecordScope its reader may see: the read policy checked (a concern or
 * a service through the record read, its chain verified), the read audited, and the concerns the
 * reader may read carried in the scope, so every query over it keeps to them.
 */
export class ResolveScopeQuery extends Query<RecordScope> {
  constructor(
    readonly who: Identity,
    readonly kind: ScopeKind,
    readonly id: string,
    readonly action: ReadAction = 'read',
  ) {
    super();
  }
}

@QueryHandler(ResolveScopeQuery)
export class ResolveScopeHandler implements IQueryHandler<ResolveScopeQuery> {
  constructor(
    private readonly queries: QueryBus,
    private readonly audit: ReadAuditLog,
  ) {}

  async execute({ who, kind, id, action }: ResolveScopeQuery): Promise<RecordScope> {
    return { ...(await this.checked(who, kind, id, action)), readableConcerns: readableConcerns(who) };
  }

  private async checked(who: Identity, kind: ScopeKind, id: string, audit: ReadAction): Promise<RecordScope> {
    switch (kind) {
      case 'concerns':
        await this.queries.execute(ReadRecordQuery.by(who, 'concern', id, { audit }));
        return { kind: 'concern', concernId: id };
      case 'services':
        await this.queries.execute(ReadRecordQuery.by(who, 'service', id, { audit }));
        return { kind: 'service', serviceId: id };
      case 'providers':
        readAccess.provider(who, id);
        this.audit.record(who, audit, { kind, id }, id);
        return { kind: 'provider', providerId: id };
      case 'councils':
        readAccess.council(who, id);
        return { kind: 'council', councilId: id };
    }
  }
}
