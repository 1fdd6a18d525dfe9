import { DEMO_IDS } from '@caretrail/demo';
import type { Relation } from '../../apps/api/src/access/access-relations';

/** One demo person per relation, each standing so towards Maple Court and its concern. */
export const TOKEN_BY_RELATION: Record<Relation, string> = {
  ownProvider: 'demo-provider-ceo',
  otherProvider: 'demo-other-provider',
  commissioningCouncil: 'demo-council-officer',
  unrelatedCouncil: 'demo-other-council',
  regulator: 'demo-regulator',
  auditor: 'demo-auditor',
  admin: 'demo-admin',
};

/** Path parameters and body ids of the demo story's records. */
export const STORY_IDS: Record<string, string> = {
  serviceId: DEMO_IDS.mapleCourt,
  contractId: DEMO_IDS.contract,
  concernId: DEMO_IDS.documentationConcern,
  providerId: DEMO_IDS.provider,
  councilId: DEMO_IDS.council,
  organisationId: DEMO_IDS.provider,
  managerId: '01900000-0000-7000-8000-000000000043',
  actionId: '01900000-0000-7000-8000-000000000052',
  version: '2',
  name: 'no-such-projection',
};

/** Each `{scope}` value with the id of the story's record of that kind. */
export const SCOPE_IDS: Record<string, string> = {
  concerns: DEMO_IDS.documentationConcern,
  services: DEMO_IDS.mapleCourt,
  providers: DEMO_IDS.provider,
  councils: DEMO_IDS.council,
};

const ACTION = '01900000-0000-7000-8000-000000000052';
/** Nested DTO arrays the OpenAPI document cannot describe (Nest leaves their item schemas empty). */
const NESTED_BODIES: Record<string, Record<string, unknown>> = {
  'POST /concerns/{concernId}/action-plan/versions': {
    actions: [{ actionId: '01900000-0000-7000-8000-00000000a001', description: 'Audit care plans', owner: 'Registered manager', dueOn: '2025-06-30', measure: 'All in date' }],
  },
  'POST /concerns/{concernId}/action-plan/updates': { actions: [{ actionId: ACTION, status: 'in_progress', note: 'On track' }] },
};

/**
 * The valid-shaped body a relation would send: a visit's type is the visitor's side, and a council
 * names its contract wherever the route takes one.
 */
export function bodyFor(key: string, relation: Relation, body: Record<string, unknown>, properties: Record<string, unknown> = {}): Record<string, unknown> {
  const out = { ...body, ...NESTED_BODIES[key] };
  const council = relation === 'commissioningCouncil' || relation === 'unrelatedCouncil';
  if (council && 'contractId' in properties) out.contractId = DEMO_IDS.contract;
  if (!('visitType' in out)) return out;
  if (relation === 'ownProvider' || relation === 'otherProvider') return { ...out, visitType: 'provider_senior_visit' };
  if (council) return { ...out, visitType: 'council_monitoring' };
  return { ...out, visitType: 'regulator_inspection' };
}
