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
  // A visit report and a challenge the story does not hold (issue 16 item 3): their routes then answer 422 draft-report-exists.
  visitId: '01900000-0000-7000-8000-000000000061',
  challengeId: '01900000-0000-7000-8000-000000000062',
  // A meeting the story has not called (issue 16 item 1): its routes then answer 422 meeting-known.
  meetingId: '01900000-0000-7000-8000-000000000071',
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
    actions: [
      {
        actionId: '01900000-0000-7000-8000-00000000a001',
        description: 'Audit care plans',
        owner: 'Registered manager',
        dueOn: '2025-06-30',
        measure: 'All in date',
      },
    ],
  },
  'POST /concerns/{concernId}/action-plan/updates': { actions: [{ actionId: ACTION, status: 'in_progress', note: 'On track' }] },
  'POST /concerns/{concernId}/meetings': {
    invitations: [{ organisationKind: 'safeguarding', organisationName: 'Northshire County Council', role: 'Safeguarding adults manager' }],
  },
  'POST /concerns/{concernId}/meetings/{meetingId}/minutes': {
    attendance: [{ inviteeId: '01900000-0000-7000-8000-000000000072', attendance: 'attended' }],
    actions: [{ description: 'Re-audit medication records', owner: 'QA officer', dueOn: '2025-06-30' }],
  },
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

/**
 * Who has no relation at all to the story's records, by the path parameter (or scope) naming them:
 * another provider and another council to the concern and the contract, another provider to the
 * service (services are public to councils). A stranger is told a record is not there (404, as for an
 * id that never was), so that a refusal never tells it which ids exist.
 */
const STRANGERS: Record<string, readonly Relation[]> = {
  concernId: ['otherProvider', 'unrelatedCouncil'],
  contractId: ['otherProvider', 'unrelatedCouncil'],
  serviceId: ['otherProvider'],
  'scope:concerns': ['otherProvider', 'unrelatedCouncil'],
  'scope:services': ['otherProvider'],
};
/** The relation the same person holds to records of its own: the guard, knowing only who asks, admits by it. */
const SAME_PERSON: Partial<Record<Relation, Relation>> = { otherProvider: 'ownProvider', unrelatedCouncil: 'commissioningCouncil' };

/**
 * The refusal a relation the policy does not admit gets: 403 from the guard when no record of the
 * route could admit who it is (its kind and role), 404 when the guard lets it ask and the record it
 * names does not know it; 403 otherwise (it is known to the record but lacks the right).
 */
export function expectedRefusal(path: string, params: Record<string, string>, relation: Relation, guardAdmits: readonly Relation[]): 403 | 404 {
  const named = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => (name === 'id' ? `scope:${params.scope}` : name));
  const stranger = named.some((name) => STRANGERS[name]?.includes(relation));
  const ownKind = SAME_PERSON[relation];
  const passesGuard = guardAdmits.includes(relation) || (ownKind !== undefined && guardAdmits.includes(ownKind));
  return stranger && passesGuard ? 404 : 403;
}
