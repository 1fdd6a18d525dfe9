import type { OrganisationKind, Role } from '@caretrail/domain';
import { DEMO_IDS } from './demo-organisations';

export interface DemoIdentity {
  token: string;
  userId: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind | 'admin';
  role: Role;
  /** Where this person starts in the service. */
  description: string;
}

/** Bearer tokens accepted when CARETRAIL_AUTH=demo. Never valid in any other mode. */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    token: 'demo-council-officer',
    userId: 'u-priya-shah',
    displayName: 'Priya Shah',
    organisationId: DEMO_IDS.council,
    organisationName: 'Northshire County Council',
    organisationKind: 'council',
    role: 'qa_officer',
    description: 'Quality-assurance officer at the commissioning council',
  },
  {
    token: 'demo-other-council',
    userId: 'u-tom-ellis',
    displayName: 'Tom Ellis',
    organisationId: DEMO_IDS.otherCouncil,
    organisationName: 'Eastvale Borough Council',
    organisationKind: 'council',
    role: 'qa_officer',
    description: 'Officer at a council with no contract for Maple Court',
  },
  {
    token: 'demo-provider-ceo',
    userId: 'u-helen-ward',
    displayName: 'Helen Ward',
    organisationId: DEMO_IDS.provider,
    organisationName: 'Hollybank Support Trust',
    organisationKind: 'provider',
    role: 'chief_executive',
    description: 'Chief executive of the provider that runs Maple Court',
  },
  {
    token: 'demo-provider-manager',
    userId: 'u-sam-okafor',
    displayName: 'Sam Okafor',
    organisationId: DEMO_IDS.provider,
    organisationName: 'Hollybank Support Trust',
    organisationKind: 'provider',
    role: 'registered_manager',
    description: 'Registered manager at Maple Court',
  },
  {
    token: 'demo-other-provider',
    userId: 'u-jo-kerr',
    displayName: 'Jo Kerr',
    organisationId: DEMO_IDS.otherProvider,
    organisationName: 'Kestrel Homecare Ltd',
    organisationKind: 'provider',
    role: 'nominated_individual',
    description: 'Nominated individual at another provider',
  },
  {
    token: 'demo-regulator',
    userId: 'u-alex-morgan',
    displayName: 'Alex Morgan',
    organisationId: DEMO_IDS.regulator,
    organisationName: 'Care Quality Commission',
    organisationKind: 'regulator',
    role: 'inspector',
    description: 'Regulator inspector: records ratings and enforcement',
  },
  {
    // Regulator-side and read-only: reads across services, replays, exports; the access policy
    // admits no write to the 'auditor' relation.
    token: 'demo-auditor',
    userId: 'u-ruth-adeyemi',
    displayName: 'Ruth Adeyemi',
    organisationId: DEMO_IDS.regulator,
    organisationName: 'Care Quality Commission',
    organisationKind: 'regulator',
    role: 'auditor',
    description: 'Read-only auditor: reads across services, never records',
  },
  {
    token: 'demo-admin',
    userId: 'u-admin',
    displayName: 'CareTrail administrator',
    organisationId: 'caretrail',
    organisationName: 'CareTrail',
    organisationKind: 'admin',
    role: 'admin',
    description: 'Registers organisations',
  },
];

export const demoIdentityByToken = (token: string): DemoIdentity | undefined => DEMO_IDENTITIES.find((i) => i.token === token);
