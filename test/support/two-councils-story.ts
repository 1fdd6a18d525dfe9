import type { TestApp } from './test-app';

/**
 * The scenario of the council-clocks tests (test/e2e/council-clocks.e2e.ts and
 * test/evidence/council-clocks-bundle.e2e.ts): two councils commission one service and each raises
 * the same concern, acknowledged 3 working days after notice (Monday 17 to Thursday 20 March 2025).
 * Each council's award is confirmed by the provider (awardConfirmedContract), as a contract gives rights only then.
 */
export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
export const ADMIN = auth('demo-admin');
export const COUNCIL = auth('demo-council-officer');
export const OTHER_COUNCIL = auth('demo-other-council');
export const PROVIDER = auth('demo-provider-manager');

// The demo identities' organisations; the story registers them itself on an empty store.
export const COUNCIL_ID = '01900000-0000-7000-8000-000000000001';
export const OTHER_COUNCIL_ID = '01900000-0000-7000-8000-000000000002';
export const PROVIDER_ID = '01900000-0000-7000-8000-000000000003';

/** A council's clocks with a 2-working-day acknowledgement, the rest at the defaults. */
export const TWO_DAY_CLOCKS = {
  acknowledgeWithinWorkingDays: 2,
  absenceNoticeWithinWorkingDays: 5,
  reopenWindowMonths: 12,
  lateRecordAfterWorkingDays: 2,
  managerLookbackDays: 365,
  afterManagerChangeMonths: 6,
};

export type Post = (path: string, headers: Record<string, string>, body: object, status: number) => Promise<{ body: Record<string, unknown> }>;

/**
 * A council's award of a contract and the provider's confirmation of it, the one way a council comes to
 * hold a contract (an award alone gives no rights). Answers the contract's id.
 */
export async function awardConfirmedContract(
  post: Post,
  council: Record<string, string>,
  provider: Record<string, string>,
  award: { providerId: string; serviceIds: string[]; reference: string; startsOn: string; endsOn: string; occurredAt: string },
  confirmedAt = new Date(Date.parse(award.occurredAt) + 24 * 60 * 60 * 1000).toISOString(),
): Promise<string> {
  const contract = await post('/contracts', council, award, 201);
  const contractId = contract.body.id as string;
  await post(`/contracts/${contractId}/confirmation`, provider, { occurredAt: confirmedAt }, 201);
  return contractId;
}

/** Records the story; answers the service's id and the two concerns' ids ('own': Northshire's, 'other': Eastvale's). */
export async function recordTwoCouncilsStory(t: TestApp, post: Post): Promise<{ serviceId: string; concerns: { own: string; other: string } }> {
  const { CommandExecutor } = await import('@caretrail/application');
  const executor = t.app.get(CommandExecutor);
  const admin = { userId: 'u-admin', organisationId: 'caretrail', organisationKind: 'admin' as const, role: 'admin' as const };
  for (const [organisationId, organisationKind, name] of [
    [COUNCIL_ID, 'council', 'Northshire County Council'],
    [OTHER_COUNCIL_ID, 'council', 'Eastvale Borough Council'],
    [PROVIDER_ID, 'provider', 'Hollybank Support Trust'],
  ] as const) {
    await executor.execute(
      { kind: 'RegisterOrganisation', organisationId, organisationKind, name, occurredAt: '2024-01-01T09:00:00.000Z' },
      { actor: admin, commandId: organisationId, correlationId: organisationId, causationId: null },
    );
  }
  const service = await post(
    '/services',
    PROVIDER,
    { providerId: PROVIDER_ID, name: 'Maple Court', serviceType: 'supported_living', regulator: 'CQC', occurredAt: '2024-01-02T10:00:00Z' },
    201,
  );
  const serviceId = service.body.id as string;
  const concerns = { own: '', other: '' };
  for (const [key, who] of [
    ['own', COUNCIL],
    ['other', OTHER_COUNCIL],
  ] as const) {
    const contractId = await awardConfirmedContract(post, who, PROVIDER, {
      providerId: PROVIDER_ID,
      serviceIds: [serviceId],
      reference: `REF-${key}`,
      startsOn: '2024-04-01',
      endsOn: '2027-03-31',
      occurredAt: '2024-03-15T10:00:00Z',
    });
    const raised = await post(
      '/concerns',
      who,
      {
        serviceId,
        contractId,
        category: 'documentation',
        severity: 'amber',
        source: 'monitoring_visit',
        summary: 'Records lapsed after manager changes',
        occurredAt: '2025-03-17T09:00:00Z',
      },
      201,
    );
    concerns[key] = raised.body.id as string;
    await post(`/concerns/${concerns[key]}/notification`, who, { method: 'email', occurredAt: '2025-03-17T10:00:00Z' }, 201); // Monday
    await post(`/concerns/${concerns[key]}/acknowledgement`, PROVIDER, { occurredAt: '2025-03-20T11:00:00Z' }, 201); // Thursday: 3 working days
  }
  return { serviceId, concerns };
}
