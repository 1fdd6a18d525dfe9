import { organisationDecider } from './organisation.decider';
import type { CouncilClocks } from './council-clocks';
import { given } from '../testing/given-when-then';
import { ACTORS, at, by, IDS, NOW } from '../testing/fixtures';
import type { DomainActor } from '../shared/decider';
import type { OrganisationKind } from '../shared/primitives';

const organisationRegistered = (organisationId: string, kind: OrganisationKind) =>
  by(ACTORS.admin, { type: 'OrganisationRegistered', occurredAt: at('2025-01-01'), data: { organisationId, kind, name: `Org ${organisationId}` } });

const CLOCKS: CouncilClocks = {
  acknowledgeWithinWorkingDays: 2,
  absenceNoticeWithinWorkingDays: 5,
  reopenWindowMonths: 12,
  lateRecordAfterWorkingDays: 2,
  managerLookbackDays: 365,
  afterManagerChangeMonths: 6,
};
const council = organisationRegistered(IDS.council, 'council');
const set = (clocks: object = CLOCKS, occurredAt = NOW, councilId: string = IDS.council) =>
  ({ kind: 'SetCouncilClocks', councilId, clocks: clocks as unknown as CouncilClocks, reason: 'Cabinet decision 14/2026', occurredAt }) as const;
const commissioner: DomainActor = { ...ACTORS.council, userId: 'u-commissioner', role: 'commissioner' };

describe('council clocks', () => {
  it("records the council's clocks, set by its own QA officer", () => {
    given(organisationDecider, [council])
      .when(set(), { actor: ACTORS.council, now: NOW })
      .then([{ type: 'CouncilClocksSet', occurredAt: NOW, data: { councilId: IDS.council, clocks: CLOCKS, reason: 'Cabinet decision 14/2026' } }]);
  });

  it('a commissioner of the council and an administrator may set them too', () => {
    given(organisationDecider, [council])
      .when(set(), { actor: commissioner, now: NOW })
      .thenMatch([{ type: 'CouncilClocksSet' }]);
    given(organisationDecider, [council])
      .when(set(), { actor: ACTORS.admin, now: NOW })
      .thenMatch([{ type: 'CouncilClocksSet' }]);
  });

  it('keeps the last setting as the clocks in force', () => {
    const { state } = given(organisationDecider, [
      council,
      { type: 'CouncilClocksSet', occurredAt: '2026-01-05T09:00:00.000Z', data: { councilId: IDS.council, clocks: CLOCKS, reason: 'first' } },
      {
        type: 'CouncilClocksSet',
        occurredAt: '2026-02-02T09:00:00.000Z',
        data: { councilId: IDS.council, clocks: { ...CLOCKS, acknowledgeWithinWorkingDays: 3 }, reason: 'second' },
      },
    ]);
    expect(state.clocks).toMatchObject({ acknowledgeWithinWorkingDays: 3, setAt: '2026-02-02T09:00:00.000Z' });
  });

  it('rule council-sets-own-clocks: another council cannot set them', () => {
    given(organisationDecider, [council]).when(set(), { actor: ACTORS.otherCouncil, now: NOW }).thenForbidden('council-sets-own-clocks');
  });

  it('rule council-sets-own-clocks: a provider or a regulator cannot set them', () => {
    given(organisationDecider, [council]).when(set(), { actor: ACTORS.provider, now: NOW }).thenForbidden('council-sets-own-clocks');
    given(organisationDecider, [council]).when(set(), { actor: ACTORS.regulator, now: NOW }).thenForbidden('council-sets-own-clocks');
  });

  it('rule clocks-for-councils-only: a provider has no clocks', () => {
    given(organisationDecider, [organisationRegistered(IDS.provider, 'provider')])
      .when(set(CLOCKS, NOW, IDS.provider), { actor: ACTORS.admin, now: NOW })
      .thenFails('clocks-for-councils-only');
  });

  it.each([
    ['acknowledgeWithinWorkingDays', 0],
    ['acknowledgeWithinWorkingDays', 61],
    ['acknowledgeWithinWorkingDays', 2.5],
    ['absenceNoticeWithinWorkingDays', -1],
    ['reopenWindowMonths', 37],
    ['lateRecordAfterWorkingDays', 0],
    ['managerLookbackDays', 29],
    ['managerLookbackDays', 731],
    ['afterManagerChangeMonths', '6'],
  ])('rule clock-whole-number-in-range: %s = %p is refused, naming the field', (field, value) => {
    given(organisationDecider, [council])
      .when(set({ ...CLOCKS, [field]: value }), { actor: ACTORS.council, now: NOW })
      .thenFails('clock-whole-number-in-range');
    expect(() =>
      organisationDecider.decide(set({ ...CLOCKS, [field]: value }), given(organisationDecider, [council]).state, {
        actor: ACTORS.council,
        now: NOW,
        refs: undefined,
      }),
    ).toThrow(expect.objectContaining({ field, message: expect.stringContaining(field) }));
  });

  it('accepts the edges of each range', () => {
    const low = {
      acknowledgeWithinWorkingDays: 1,
      absenceNoticeWithinWorkingDays: 1,
      reopenWindowMonths: 1,
      lateRecordAfterWorkingDays: 1,
      managerLookbackDays: 30,
      afterManagerChangeMonths: 1,
    };
    const high = {
      acknowledgeWithinWorkingDays: 60,
      absenceNoticeWithinWorkingDays: 60,
      reopenWindowMonths: 36,
      lateRecordAfterWorkingDays: 60,
      managerLookbackDays: 730,
      afterManagerChangeMonths: 36,
    };
    given(organisationDecider, [council])
      .when(set(low), { actor: ACTORS.council, now: NOW })
      .thenMatch([{ data: { clocks: low } }]);
    given(organisationDecider, [council])
      .when(set(high), { actor: ACTORS.council, now: NOW })
      .thenMatch([{ data: { clocks: high } }]);
  });

  it('rule clock-whole-number-in-range: a missing clock is refused (the set is always full)', () => {
    const { managerLookbackDays: _missing, ...partial } = CLOCKS;
    given(organisationDecider, [council]).when(set(partial), { actor: ACTORS.council, now: NOW }).thenFails('clock-whole-number-in-range');
  });

  it('rule clock-known: an unknown clock is refused', () => {
    given(organisationDecider, [council])
      .when(set({ ...CLOCKS, planWithinDays: 14 }), { actor: ACTORS.council, now: NOW })
      .thenFails('clock-known');
  });

  it('rule clocks-reason-required', () => {
    given(organisationDecider, [council])
      .when({ ...set(), reason: '  ' }, { actor: ACTORS.council, now: NOW })
      .thenFails('clocks-reason-required');
  });

  it('rule clocks-set-in-order: a setting cannot be backdated before the clocks in force', () => {
    given(organisationDecider, [
      council,
      { type: 'CouncilClocksSet', occurredAt: '2026-02-02T09:00:00.000Z', data: { councilId: IDS.council, clocks: CLOCKS, reason: 'first' } },
    ])
      .when(set(CLOCKS, '2026-01-20T09:00:00.000Z'), { actor: ACTORS.council, now: NOW })
      .thenFails('clocks-set-in-order');
  });

  it('rule occurred-at-not-in-future', () => {
    given(organisationDecider, [council])
      .when(set(CLOCKS, '2026-03-03T12:00:00.000Z'), { actor: ACTORS.council, now: NOW })
      .thenFails('occurred-at-not-in-future');
  });
});
