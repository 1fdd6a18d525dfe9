import { ROLES, type Role } from '@caretrail/domain';
import type { AppConfig } from '@caretrail/config';
import type { Identity } from './identity';

const KINDS = ['council', 'provider', 'regulator', 'admin'] as const;

export type ClaimNames = Pick<
  AppConfig,
  'CARETRAIL_OIDC_ORG_CLAIM' | 'CARETRAIL_OIDC_ORG_KIND_CLAIM' | 'CARETRAIL_OIDC_ROLE_CLAIM' | 'CARETRAIL_OIDC_NAME_CLAIM'
>;

/** The issuer vouched for a person but not for their organisation, its kind or their role. */
export class IdentityClaimsMissing extends Error {
  override readonly name = 'IdentityClaimsMissing';
  constructor(readonly needed: string) {
    super(`must carry ${needed}`);
  }
}

/** The names of the claims the person must carry, for messages. */
export const neededClaims = (c: ClaimNames): string =>
  `${c.CARETRAIL_OIDC_ORG_CLAIM}, ${c.CARETRAIL_OIDC_ORG_KIND_CLAIM} (${KINDS.join(', ')}) and ${c.CARETRAIL_OIDC_ROLE_CLAIM} claims`;

/** Whether these claims already name the organisation, its kind and the role (else the caller may ask for more). */
export function hasIdentityClaims(claims: Record<string, unknown>, c: ClaimNames): boolean {
  return [c.CARETRAIL_OIDC_ORG_CLAIM, c.CARETRAIL_OIDC_ORG_KIND_CLAIM, c.CARETRAIL_OIDC_ROLE_CLAIM].every((name) => typeof claims[name] === 'string');
}

/**
 * The one mapping from an OpenID provider's claims to a CareTrail identity, for bearer tokens and page
 * sign-in alike: organisation, its kind and the role from the configured claims, the name if given.
 */
export function identityFromClaims(claims: Record<string, unknown>, c: ClaimNames): Identity {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const userId = text('sub');
  const organisationId = text(c.CARETRAIL_OIDC_ORG_CLAIM);
  const kind = text(c.CARETRAIL_OIDC_ORG_KIND_CLAIM);
  const role = text(c.CARETRAIL_OIDC_ROLE_CLAIM);
  if (!userId || !organisationId || !kind || !(KINDS as readonly string[]).includes(kind) || !role || !(ROLES as readonly string[]).includes(role)) {
    throw new IdentityClaimsMissing(neededClaims(c));
  }
  return {
    userId,
    displayName: text(c.CARETRAIL_OIDC_NAME_CLAIM) ?? userId,
    organisationId,
    organisationName: text('org_name') ?? organisationId,
    organisationKind: kind as Identity['organisationKind'],
    role: role as Role,
  };
}
