import type { ConcernState, PlanAction } from '@caretrail/domain';
import { actionOffers } from './offered-actions';

const CONCERN = '01900000-0000-7000-8000-0000000000aa';
const ACTION = '01900000-0000-7000-8000-0000000000bb';

/** Only the fields the offer reads matter; the rest of PlanAction grows with the domain. */
const action = (status: PlanAction['status'], inAcceptedPlan = true): PlanAction =>
  ({
    actionId: ACTION,
    description: 'Audit care plans',
    owner: 'Manager',
    measure: 'All in date',
    dueOn: '2026-12-01',
    originalDueOn: '2026-12-01',
    revisions: [],
    status,
    inAcceptedPlan,
    claimedAt: null,
    claims: [],
    verifiedAt: null,
    verificationNote: null,
    rejections: [],
  }) as PlanAction;

/** Only the fields the offer reads: the concern's status and whether its plan is running. */
const concern = (over: { status?: string; acceptedVersion?: number | null; completedAt?: string | null } = {}): ConcernState =>
  ({
    status: over.status ?? 'acknowledged',
    plan: { acceptedVersion: over.acceptedVersion === undefined ? 1 : over.acceptedVersion, completedAt: over.completedAt ?? null },
  }) as unknown as ConcernState;

const slugs = (links: { href: string }[]) => links.map((l) => l.href.split('/').at(-1));

describe('the forms offered on an action', () => {
  it('offers the provider a claim and a due-date revision on open work, and only the revision once claimed', () => {
    expect(slugs(actionOffers(CONCERN, concern(), action('open'), 'ownProvider'))).toEqual(['claim', 'revise-due-date']);
    expect(slugs(actionOffers(CONCERN, concern(), action('in_progress'), 'ownProvider'))).toEqual(['claim', 'revise-due-date']);
    expect(slugs(actionOffers(CONCERN, concern(), action('completion_claimed'), 'ownProvider'))).toEqual(['revise-due-date']);
    expect(actionOffers(CONCERN, concern(), action('verified'), 'ownProvider')).toEqual([]);
  });

  it('offers the council verify and reject on a claimed action only, and an agreed due date until verified', () => {
    expect(slugs(actionOffers(CONCERN, concern(), action('in_progress'), 'commissioningCouncil'))).toEqual(['revise-due-date']);
    const links = actionOffers(CONCERN, concern(), action('completion_claimed'), 'commissioningCouncil');
    expect(links.map((l) => l.href)).toEqual([
      `/app/concerns/${CONCERN}/actions/${ACTION}/verify`,
      `/app/concerns/${CONCERN}/actions/${ACTION}/reject`,
      `/app/concerns/${CONCERN}/actions/${ACTION}/revise-due-date`,
    ]);
    expect(links.every((l) => l.context === 'Audit care plans')).toBe(true);
    expect(actionOffers(CONCERN, concern(), action('verified'), 'commissioningCouncil')).toEqual([]);
  });

  it('offers nothing to other readers, on a closed concern, a plan not running, or an action dropped from the plan', () => {
    for (const relation of ['regulator', 'auditor', 'admin', 'otherProvider', 'unrelatedCouncil'] as const)
      expect(actionOffers(CONCERN, concern(), action('completion_claimed'), relation)).toEqual([]);
    expect(actionOffers(CONCERN, concern({ status: 'closed' }), action('open'), 'ownProvider')).toEqual([]);
    expect(actionOffers(CONCERN, concern({ acceptedVersion: null }), action('open'), 'ownProvider')).toEqual([]);
    expect(actionOffers(CONCERN, concern({ completedAt: '2026-11-01T10:00:00.000Z' }), action('completion_claimed'), 'commissioningCouncil')).toEqual([]);
    expect(actionOffers(CONCERN, concern(), action('open', false), 'ownProvider')).toEqual([]);
  });
});
