import { organisationDecider } from './organisation.decider';
import { given } from '../testing/given-when-then';

const admin = { userId: 'u-admin', organisationId: 'caretrail', organisationKind: 'admin' as const, role: 'admin' as const };
const officer = { userId: 'u-qa', organisationId: 'council-1', organisationKind: 'council' as const, role: 'qa_officer' as const };
const now = '2026-03-01T12:00:00.000Z';

describe('organisation decider', () => {
  it('registers an organisation for an administrator', () => {
    given(organisationDecider, [])
      .when(
        { kind: 'RegisterOrganisation', organisationId: 'org-1', organisationKind: 'council', name: 'Northshire County Council', occurredAt: now },
        { actor: admin, now },
      )
      .then([
        {
          type: 'OrganisationRegistered',
          occurredAt: now,
          data: { organisationId: 'org-1', kind: 'council', name: 'Northshire County Council', cqcProviderId: null },
        },
      ]);
  });

  it('rule admin-registers-organisations: a council officer cannot register one', () => {
    given(organisationDecider, [])
      .when({ kind: 'RegisterOrganisation', organisationId: 'org-1', organisationKind: 'provider', name: 'X', occurredAt: now }, { actor: officer, now })
      .thenForbidden('admin-registers-organisations');
  });

  it('rule occurred-at-not-in-future', () => {
    given(organisationDecider, [])
      .when(
        { kind: 'RegisterOrganisation', organisationId: 'org-1', organisationKind: 'provider', name: 'X', occurredAt: '2026-03-02T12:00:00.000Z' },
        { actor: admin, now },
      )
      .thenFails('occurred-at-not-in-future');
  });
});
