import { sql, type RawBuilder } from 'kysely';

/**
 * Which concerns a reader may read, as the API's read policy decides it (`readableConcerns(who)` in
 * apps/api/src/access/read-access.policy.ts): every concern (regulator, auditor, administrator),
 * those of which its organisation is the council or the provider, or none. A concern's parties are
 * fixed by its ConcernRaised, so a reader's concerns are a condition on the scope columns every read
 * model keeps beside each row: a filter inside the query, so paging and cursors stay exact.
 */
export type ReadableConcerns = { all: true } | { councilId: string } | { providerId: string } | { none: true };

export const ALL_CONCERNS: ReadableConcerns = { all: true };

/**
 * The rule itself, by the reader's organisation: regulators and administrators read across, a council
 * the concerns it raised, a provider those about its services, anyone else none: the rule of the API's
 * read policy (`readableConcerns(who)`), for the e-mail sender in the projector process, which cannot
 * import the API (test/notify/contact-access.e2e.ts holds the two equal for every kind of organisation).
 */
export function readableConcernsOf(party: { organisationKind: string; organisationId: string }): ReadableConcerns {
  if (party.organisationKind === 'regulator' || party.organisationKind === 'admin') return ALL_CONCERNS;
  if (party.organisationKind === 'council') return { councilId: party.organisationId };
  if (party.organisationKind === 'provider') return { providerId: party.organisationId };
  return { none: true };
}

/** Whether a concern with these parties is among the readable ones (the concern read's check). */
export function isReadableConcern(readable: ReadableConcerns, concern: { councilId: string | null; providerId: string | null }): boolean {
  if ('all' in readable) return true;
  if ('councilId' in readable) return concern.councilId !== null && concern.councilId === readable.councilId;
  if ('providerId' in readable) return concern.providerId !== null && concern.providerId === readable.providerId;
  return false;
}

/**
 * The same rule over rows with scope columns: rows of no concern always (a service's own record, a
 * contract), a concern's rows only when the reader may read that concern.
 */
export function readableConcernCondition(
  table: 'timeline_entries' | 'scope_events' | 'concern_summaries' | 'concern_actions' | 'due_items',
  readable: ReadableConcerns,
): RawBuilder<boolean> {
  const col = (column: string) => sql.ref(`${table}.${column}`);
  if ('all' in readable) return sql<boolean>`1 = 1`;
  if ('councilId' in readable) return sql<boolean>`(${col('concern_id')} IS NULL OR ${col('council_id')} = ${readable.councilId})`;
  if ('providerId' in readable) return sql<boolean>`(${col('concern_id')} IS NULL OR ${col('provider_id')} = ${readable.providerId})`;
  return sql<boolean>`${col('concern_id')} IS NULL`;
}
