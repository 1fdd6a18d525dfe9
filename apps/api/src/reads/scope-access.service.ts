import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { RecordScope } from '@caretrail/projections';
import type { Identity } from '../identity/identity';
import type { ReadAction } from '../audit/read-audit.log';
import { ReadFreshness } from '../queries/read-freshness';
import { ResolveScopeQuery } from '../queries/resolve-scope.query';
import { SCOPE_KINDS, type ScopeKind } from '../queries/scope-kind';

export { SCOPE_KINDS, type ScopeKind };

/**
 * For the evidence and report controllers, until they send their queries themselves: a scope in a URL
 * resolved by `ResolveScopeQuery` on the QueryBus (the read policy, the read audit, the concerns its
 * reader may read), and the bounded wait for the read models.
 */
@Injectable()
export class ScopeAccess {
  constructor(
    private readonly queries: QueryBus,
    private readonly freshness: ReadFreshness,
  ) {}

  /** Checks the read policy, and records who looked at a provider's records (or exported them). */
  resolve(who: Identity, kind: ScopeKind, id: string, action: ReadAction = 'read'): Promise<RecordScope> {
    return this.queries.execute(new ResolveScopeQuery(who, kind, id, action));
  }

  waitFor(position: number | undefined): Promise<void> {
    return this.freshness.waitFor(position);
  }
}
