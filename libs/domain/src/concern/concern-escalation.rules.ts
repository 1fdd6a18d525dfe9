import type { EscalationLevel } from '../events/concern.events';
import type { Occurred } from '../shared/decider';
import { DomainRuleError } from '../shared/domain-error';
import { requireText } from '../shared/text-rules';
import type { DeescalateConcern, EscalateConcern, ResumePlacements, SuspendPlacements } from './concern.commands';
import type { ConcernState } from './concern.state';
import { decideDecisionLog } from './decision-log';

const LEVELS: readonly number[] = [0, 1, 2, 3];

/** Escalation moves strictly up, de-escalation strictly down, always within levels 0..3, always with a reason. */
export function decideEscalation(command: EscalateConcern | DeescalateConcern, state: ConcernState, now: string): Occurred[] {
  if (!LEVELS.includes(command.toLevel)) {
    throw new DomainRuleError('escalation-level-in-range', `Escalation levels run 0 to 3, not ${command.toLevel}`);
  }
  const fromLevel = state.escalationLevel;
  const toLevel = command.toLevel as EscalationLevel;
  if (command.kind === 'EscalateConcern' && toLevel <= fromLevel) {
    throw new DomainRuleError('escalation-must-raise-level', `The concern is at level ${fromLevel}; escalating goes above it`);
  }
  if (command.kind === 'DeescalateConcern' && toLevel >= fromLevel) {
    throw new DomainRuleError('deescalation-must-lower-level', `The concern is at level ${fromLevel}; de-escalating goes below it`);
  }
  requireText(command.reason, 'escalation-reason-required', 'A change of escalation level needs a reason');
  const data = { concernId: command.concernId, fromLevel, toLevel, reason: command.reason };
  if (command.kind === 'DeescalateConcern') return [{ type: 'ConcernDeescalated', occurredAt: command.occurredAt, data }];
  const decision = decideDecisionLog(command.decision, { kind: 'escalation', toLevel }, command.occurredAt, now);
  return [{ type: 'ConcernEscalated', occurredAt: command.occurredAt, data: { ...data, decision } }];
}

export function decidePlacements(command: SuspendPlacements | ResumePlacements, state: ConcernState, now: string): Occurred[] {
  if (command.kind === 'SuspendPlacements' && state.placementsSuspended) {
    throw new DomainRuleError('placements-already-suspended', 'Placements at this service are already suspended');
  }
  if (command.kind === 'ResumePlacements' && !state.placementsSuspended) {
    throw new DomainRuleError('placements-not-suspended', 'Placements at this service are not suspended');
  }
  requireText(command.reason, 'placements-reason-required', 'Suspending or resuming placements needs a reason');
  const data = { concernId: command.concernId, reason: command.reason };
  if (command.kind === 'ResumePlacements') return [{ type: 'PlacementsResumed', occurredAt: command.occurredAt, data }];
  const decision = decideDecisionLog(command.decision, { kind: 'suspension' }, command.occurredAt, now);
  return [{ type: 'PlacementsSuspended', occurredAt: command.occurredAt, data: { ...data, decision } }];
}
