import type { Recorded } from '../shared/decider';
import { openConcern } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { EscalationLevel } from '../events/concern.events';
import { concernDecider } from './concern.decider';

const concernId = IDS.concern;
const council = { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } };
const escalated = (fromLevel: EscalationLevel, toLevel: EscalationLevel): Recorded =>
  by(ACTORS.council, { type: 'ConcernEscalated', occurredAt: at('2026-01-20'), data: { concernId, fromLevel, toLevel, reason: 'No progress' } });
const suspended = (): Recorded => by(ACTORS.council, { type: 'PlacementsSuspended', occurredAt: at('2026-01-21'), data: { concernId, reason: 'Safety' } });
const escalate = (toLevel: number, reason = 'No progress on records') => ({
  kind: 'EscalateConcern' as const,
  concernId,
  toLevel: toLevel as EscalationLevel,
  reason,
  occurredAt: at('2026-02-01'),
});
const deescalate = (toLevel: number, reason = 'Records restored') => ({
  kind: 'DeescalateConcern' as const,
  concernId,
  toLevel: toLevel as EscalationLevel,
  reason,
  occurredAt: at('2026-02-01'),
});

describe('concern decider: escalation', () => {
  it('escalates above the current level', () => {
    given(concernDecider, openConcern())
      .when(escalate(1), council)
      .then([
        {
          type: 'ConcernEscalated',
          occurredAt: at('2026-02-01'),
          data: { concernId, fromLevel: 0, toLevel: 1, reason: 'No progress on records', decision: null },
        },
      ]);
  });

  it('rule escalation-must-raise-level', () => {
    given(concernDecider, [...openConcern(), escalated(0, 2)])
      .when(escalate(2), council)
      .thenFails('escalation-must-raise-level');
  });

  it('rule escalation-level-in-range', () => {
    given(concernDecider, openConcern()).when(escalate(4), council).thenFails('escalation-level-in-range');
  });

  it('rule escalation-reason-required', () => {
    given(concernDecider, openConcern()).when(escalate(1, '  '), council).thenFails('escalation-reason-required');
  });

  it('de-escalates below the current level', () => {
    given(concernDecider, [...openConcern(), escalated(0, 2)])
      .when(deescalate(1), council)
      .then([{ type: 'ConcernDeescalated', occurredAt: at('2026-02-01'), data: { concernId, fromLevel: 2, toLevel: 1, reason: 'Records restored' } }]);
  });

  it('rule deescalation-must-lower-level', () => {
    given(concernDecider, openConcern()).when(deescalate(0), council).thenFails('deescalation-must-lower-level');
  });

  it('rule escalation-level-in-range: not below 0', () => {
    given(concernDecider, [...openConcern(), escalated(0, 1)])
      .when(deescalate(-1), council)
      .thenFails('escalation-level-in-range');
  });

  it('rule contract-council-only: a provider cannot change the level', () => {
    given(concernDecider, [...openConcern(), escalated(0, 2)])
      .when(deescalate(0), { ...council, actor: ACTORS.provider })
      .thenForbidden('contract-council-only');
  });

  it('keeps the escalation history', () => {
    const state = given(concernDecider, [...openConcern(), escalated(0, 2)]).state;
    expect(state.escalationLevel).toBe(2);
    expect(state.escalations).toEqual([{ direction: 'up', fromLevel: 0, toLevel: 2, reason: 'No progress', at: at('2026-01-20'), decision: null }]);
  });
});

describe('concern decider: placements', () => {
  const suspend = (reason = 'Risk to residents') => ({ kind: 'SuspendPlacements' as const, concernId, reason, occurredAt: at('2026-02-01') });
  const resume = { kind: 'ResumePlacements' as const, concernId, reason: 'Staffing stable', occurredAt: at('2026-02-10') };

  it('suspends placements', () => {
    given(concernDecider, openConcern())
      .when(suspend(), council)
      .then([{ type: 'PlacementsSuspended', occurredAt: at('2026-02-01'), data: { concernId, reason: 'Risk to residents', decision: null } }]);
  });

  it('rule placements-already-suspended', () => {
    given(concernDecider, [...openConcern(), suspended()])
      .when(suspend(), council)
      .thenFails('placements-already-suspended');
  });

  it('rule placements-reason-required', () => {
    given(concernDecider, openConcern()).when(suspend(''), council).thenFails('placements-reason-required');
  });

  it('resumes suspended placements', () => {
    given(concernDecider, [...openConcern(), suspended()])
      .when(resume, council)
      .then([{ type: 'PlacementsResumed', occurredAt: at('2026-02-10'), data: { concernId, reason: 'Staffing stable' } }]);
  });

  it('rule placements-not-suspended', () => {
    given(concernDecider, openConcern()).when(resume, council).thenFails('placements-not-suspended');
  });

  it('rule contract-council-only: another council cannot suspend placements', () => {
    given(concernDecider, openConcern())
      .when(suspend(), { ...council, actor: ACTORS.otherCouncil })
      .thenForbidden('contract-council-only');
  });

  it('keeps whether placements are suspended, and the history', () => {
    const state = given(concernDecider, [...openConcern(), suspended()]).state;
    expect(state.placementsSuspended).toBe(true);
    expect(state.placementChanges).toEqual([{ suspended: true, reason: 'Safety', at: at('2026-01-21'), decision: null }]);
  });
});
