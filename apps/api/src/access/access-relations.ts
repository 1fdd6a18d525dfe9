import type { Identity } from '../identity/identity';

/**
 * How a signed-in person stands to a record. The policy is written in these terms; which of them a
 * person actually holds towards one record (own provider or another, the commissioning council or
 * not) is settled against the record itself by the domain's rules and `readAccess`.
 */
export const RELATIONS = [
  'ownProvider', // the provider that runs the service
  'otherProvider', // any other provider
  'commissioningCouncil', // the council holding the contract (and raising the concern)
  'unrelatedCouncil', // a council with no contract for the service
  'regulator', // a regulator's inspector: reads across services, records ratings and enforcement
  'auditor', // regulator-side, role 'auditor': reads across services, never writes
  'admin', // the deployment's administrator: registers organisations, runs projections
] as const;
export type Relation = (typeof RELATIONS)[number];

/** The relations a person could hold towards some record, from who they are alone. */
export function possibleRelations(who: Pick<Identity, 'organisationKind' | 'role'>): Relation[] {
  switch (who.organisationKind) {
    case 'provider':
      return ['ownProvider', 'otherProvider'];
    case 'council':
      return ['commissioningCouncil', 'unrelatedCouncil'];
    case 'regulator':
      return who.role === 'auditor' ? ['auditor'] : ['regulator'];
    case 'admin':
      return ['admin'];
    default:
      return [];
  }
}
