import { sql, type RawBuilder } from 'kysely';
import { readableConcernCondition, type ReadableConcerns } from './readable-concerns';

/** The records a timeline or a replay can be asked for. */
export type RecordScope = (
  | { kind: 'provider'; providerId: string }
  | { kind: 'service'; serviceId: string }
  | { kind: 'concern'; concernId: string }
  /** A council's portfolio: its own record, its contracts and concerns, and the services' own records. */
  | { kind: 'council'; councilId: string }
) & {
  /** Only these concerns' rows (the reader's, by the read policy); every concern's when absent. */
  readableConcerns?: ReadableConcerns;
};

/**
 * Which rows of a table with scope columns belong to a scope. A council's portfolio takes the rows
 * it is named on (its concerns, contracts, organisation) and the service-level rows (no council) of
 * every service one of its contracts ever covered; another council's concerns about a shared service
 * stay out. Each branch is served by a (generation, <scope>_id, ...) index.
 */
export function scopeCondition(table: 'timeline_entries' | 'scope_events', scope: RecordScope): RawBuilder<boolean> {
  const within = recordsCondition(table, scope);
  return scope.readableConcerns ? sql<boolean>`(${within} AND ${readableConcernCondition(table, scope.readableConcerns)})` : within;
}

function recordsCondition(table: 'timeline_entries' | 'scope_events', scope: RecordScope): RawBuilder<boolean> {
  const col = (column: string) => sql.ref(`${table}.${column}`);
  switch (scope.kind) {
    case 'provider':
      return sql<boolean>`${col('provider_id')} = ${scope.providerId}`;
    case 'service':
      return sql<boolean>`${col('service_id')} = ${scope.serviceId}`;
    case 'concern':
      return sql<boolean>`${col('concern_id')} = ${scope.concernId}`;
    case 'council':
      return sql<boolean>`(${col('council_id')} = ${scope.councilId} OR (${col('council_id')} IS NULL AND ${col('service_id')} IN (
        SELECT cs.service_id FROM contract_services cs
        WHERE cs.generation = ${col('generation')} AND cs.council_id = ${scope.councilId})))`;
  }
}
