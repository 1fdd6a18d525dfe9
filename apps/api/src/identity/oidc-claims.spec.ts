import { IdentityClaimsMissing, identityFromClaims, type ClaimNames } from './oidc-claims';

describe('an identity from OpenID claims', () => {
  const names: ClaimNames = {
    CARETRAIL_OIDC_ORG_CLAIM: 'org_id',
    CARETRAIL_OIDC_ORG_KIND_CLAIM: 'org_kind',
    CARETRAIL_OIDC_ROLE_CLAIM: 'role',
    CARETRAIL_OIDC_NAME_CLAIM: 'name',
  };
  const claims = { sub: 'u-1', org_id: 'org-1', org_kind: 'council', role: 'qa_officer', name: 'Priya Shah', org_name: 'Northshire County Council' };

  it('takes organisation, kind, role and name from the configured claims', () => {
    expect(identityFromClaims(claims, names)).toEqual({
      userId: 'u-1',
      displayName: 'Priya Shah',
      organisationId: 'org-1',
      organisationName: 'Northshire County Council',
      organisationKind: 'council',
      role: 'qa_officer',
    });
    const custom: ClaimNames = {
      CARETRAIL_OIDC_ORG_CLAIM: 'https://caretrail/org',
      CARETRAIL_OIDC_ORG_KIND_CLAIM: 'kind',
      CARETRAIL_OIDC_ROLE_CLAIM: 'job',
      CARETRAIL_OIDC_NAME_CLAIM: 'preferred_username',
    };
    expect(identityFromClaims({ sub: 'u-2', 'https://caretrail/org': 'org-2', kind: 'provider', job: 'registered_manager' }, custom)).toMatchObject({
      userId: 'u-2',
      displayName: 'u-2', // no name claim: the subject stands in
      organisationId: 'org-2',
      organisationName: 'org-2',
      organisationKind: 'provider',
      role: 'registered_manager',
    });
  });

  it('refuses a missing subject, organisation, unknown kind or role, and names the claims it needs', () => {
    for (const broken of [{ sub: undefined }, { org_id: undefined }, { org_kind: 'charity' }, { role: 'owner' }, { role: 42 }]) {
      expect(() => identityFromClaims({ ...claims, ...broken }, names)).toThrow(IdentityClaimsMissing);
    }
    expect(() => identityFromClaims({ sub: 'u-1' }, names)).toThrow('must carry org_id, org_kind (council, provider, regulator, admin) and role claims');
  });
});
