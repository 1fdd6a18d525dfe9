import { WrongPartyError } from '@caretrail/domain';
import type { Identity } from '../identity/identity';
import type { AccessRule } from './access-policy';
import { possibleRelations, type Relation } from './access-relations';

/** `GET /concerns/:concernId` (Express) → `GET /concerns/{concernId}` (OpenAPI), the policy's key. */
export const policyKey = (method: string, routePath: string): string =>
  `${method.toUpperCase()} ${routePath.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/'}`;

/** The relations a rule admits for this request (a per-parameter rule reads that path parameter). */
export function admittedRelations(rule: AccessRule, params: Record<string, string | undefined>): readonly Relation[] | 'public' {
  if ('public' in rule) return 'public';
  if ('allow' in rule) return rule.allow;
  const value = params[rule.byParam];
  // An unknown scope or form is the controller's 400 or 404 to give; admit whoever any value admits.
  if (value === undefined || !Object.hasOwn(rule.rules, value)) return [...new Set(Object.values(rule.rules).flat())];
  return rule.rules[value];
}

/**
 * Refuses (403, naming the rule) a caller who cannot hold any admitted relation, or a route the
 * policy does not know. Whether a provider is *this* service's provider is the record's question.
 */
export function assertMayAttempt(key: string, rule: AccessRule | undefined, who: Identity | undefined, params: Record<string, string | undefined>): void {
  if (!rule) throw new WrongPartyError('access-policy-missing', `No access policy covers ${key}: refused to everyone until one is written`);
  const admitted = 'refusedByDomain' in rule && rule.refusedByDomain ? admittedRelations(rule, {}) : admittedRelations(rule, params);
  if (admitted === 'public') return;
  if (!who) return; // signing in is the authentication guard's concern (401), not this one
  if (possibleRelations(who).some((r) => admitted.includes(r))) return;
  throw new WrongPartyError('access-policy', `A ${who.role.replace(/_/g, ' ')} of a ${who.organisationKind} may not ${key}`);
}
