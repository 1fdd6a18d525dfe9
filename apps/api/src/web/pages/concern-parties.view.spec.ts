import type { ConcernState, PlanAction } from '@caretrail/domain';
import { planActionLinks } from './concern-parties.view';

const CONCERN = '01900000-0000-7000-8000-0000000000aa';
const ACTION = '01900000-0000-7000-8000-0000000000bb';

const action = (status: PlanAction['status'], inAcceptedPlan = true): PlanAction => ({
  actionId: ACTION, description: 'Audit care plans', owner: 'Manager', measure: 'All in date', dueOn: '2026-12-01', originalDueOn: '2026-12-01',
  revisions: [], status, inAcceptedPlan, claimedAt: null, claims: [], verifiedAt: null, verificationNote: null, rejections: [],
});

/** Only the fields the offer reads: the concern's status and whether its plan is running. */
const concern = (over: { status?: string; acceptedVersion?: number | null; completedAt?: string | null } = {}): ConcernState =>
  ({ status: over.status ?? 'acknowledged', plan: { acceptedVersion: over.acceptedVersion === undefined ? 1 : over.acceptedVersion, completedAt: over.completedAt ?? null } }) as unknown as ConcernState;

const slugs = (links: { href: string }[]) => links.map((l) => l.href.split('/').at(-1));

describe('the forms offered on an action', () => {
  it('offers the provider a claim and a due-date revision on open work, and only the revision once claimed', () => {
    expect(slugs(planActionLinks(CONCERN, concern(), 'provider', action('open')))).toEqual(['claim', 'revise-due-date']);
    expect(slugs(planActionLinks(CONCERN, concern(), 'provider', action('in_progress')))).toEqual(['claim', 'revise-due-date']);
    expect(slugs(planActionLinks(CONCERN, concern(), 'provider', action('completion_claimed')))).toEqual(['revise-due-date']);
    expect(planActionLinks(CONCERN, concern(), 'provider', action('verified'))).toEqual([]);
  });

  it('offers the council verify and reject on a claimed action only, and an agreed due date until verified', () => {
    expect(slugs(planActionLinks(CONCERN, concern(), 'council', action('in_progress')))).toEqual(['revise-due-date']);
    const links = planActionLinks(CONCERN, concern(), 'council', action('completion_claimed'));
    expect(links.map((l) => l.href)).toEqual([
      `/app/concerns/${CONCERN}/actions/${ACTION}/verify`,
      `/app/concerns/${CONCERN}/actions/${ACTION}/reject`,
      `/app/concerns/${CONCERN}/actions/${ACTION}/revise-due-date`,
    ]);
    expect(links.every((l) => l.context === 'Audit care plans')).toBe(true);
    expect(planActionLinks(CONCERN, concern(), 'council', action('verified'))).toEqual([]);
  });

  it('offers nothing to other readers, on a closed concern, a plan not running, or an action dropped from the plan', () => {
    for (const side of ['regulator', 'none'] as const) expect(planActionLinks(CONCERN, concern(), side, action('completion_claimed'))).toEqual([]);
    expect(planActionLinks(CONCERN, concern({ status: 'closed' }), 'provider', action('open'))).toEqual([]);
    expect(planActionLinks(CONCERN, concern({ acceptedVersion: null }), 'provider', action('open'))).toEqual([]);
    expect(planActionLinks(CONCERN, concern({ completedAt: '2026-11-01T10:00:00.000Z' }), 'council', action('completion_claimed'))).toEqual([]);
    expect(planActionLinks(CONCERN, concern(), 'provider', action('open', false))).toEqual([]);
  });
});
