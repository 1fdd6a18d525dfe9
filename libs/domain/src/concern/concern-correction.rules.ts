import { effectiveData, isRetracted } from '../records/record-log';
import type { StreamCorrectionRules } from '../records/correction-entry.rules';
import { DomainRuleError } from '../shared/domain-error';
import { assertEvidence } from '../shared/evidence-rules';
import { toLocalDate } from '../shared/local-date';
import type { EvidenceReference } from '../shared/primitives';
import { acceptedActionIds } from './action-plan.state';
import type { ConcernState } from './concern.state';
import { currentUpdatePeriod, periodEndingOn } from './update-periods';

/**
 * What only the concern's state can judge of a corrected plan update, with the rules of
 * decidePlanUpdate: its period ends on the plan's cadence, no later than the period it was sent in, and
 * is no other standing update's period; it reports actions of its plan version, each once.
 */
export const concernCorrectionRules =
  (state: ConcernState): StreamCorrectionRules =>
  (entry) => {
    if (entry.type !== 'PlanUpdateSubmitted') return;
    const plan = [...state.earlierPlans, state.plan].find((p) => p.updates.some((u) => u.eventId === entry.eventId));
    if (!plan || plan.schedule === null) return;
    const { after, changed } = entry;
    if (changed.includes('periodEnding')) {
      const periodEnding = after.periodEnding as string;
      const period = periodEndingOn(plan.schedule, periodEnding);
      const current = currentUpdatePeriod(plan.schedule, toLocalDate(entry.occurredAt));
      if (!period || period.index > current.index) {
        throw new DomainRuleError(
          'period-ending-on-cadence',
          `periodEnding ${periodEnding} is not the end of an update period by the time this update was sent (every ${plan.schedule.cadenceDays} days from ${plan.schedule.acceptedOn}; the period it was sent in ends ${current.endsOn})`,
        );
      }
      const other = plan.updates.find(
        (u) => u.eventId !== entry.eventId && !isRetracted(state.log, u.eventId) && effectiveData(state.log, u.eventId)?.periodEnding === periodEnding,
      );
      if (other) {
        throw new DomainRuleError('one-update-per-period', `An update for the period ending ${periodEnding} is already recorded (entry ${other.eventId})`);
      }
    }
    if (changed.includes('actions')) {
      const version = plan.versions.find((v) => v.version === after.planVersion);
      const inPlan = version ? version.actions.map((a) => a.actionId) : acceptedActionIds(plan);
      const reported = (after.actions as { actionId: string }[]).map((a) => a.actionId);
      const unknown = reported.filter((id) => !inPlan.includes(id));
      if (unknown.length > 0) {
        throw new DomainRuleError('update-actions-in-accepted-plan', `Actions ${unknown.join(', ')} are not in the plan version this update reports on`);
      }
      if (new Set(reported).size !== reported.length) {
        throw new DomainRuleError('update-action-ids-unique', 'An update reports each action at most once');
      }
    }
    if (changed.includes('evidence')) assertEvidence(after.evidence as EvidenceReference[]);
  };
