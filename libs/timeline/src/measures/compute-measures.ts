import type { LocalDate } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { Clocks } from '../clocks';
import { foldSkippingUnreadable } from '../events/unreadable-events';
import { cadenceAdherence, type CadenceAdherence } from './cadence-adherence.measure';
import type { ClocksInForce } from './council-clocks';
import { councilReviewLag, type CouncilReviewLag } from './council-review-lag.measure';
import { measureContext, type MeasureOptions } from './measure-context';
import { onTimeActionRate, type OnTimeActionRate } from './on-time-action-rate.measure';
import { overdueActionDays, type OverdueActionDays } from './overdue-action-days.measure';
import { planLag, type PlanLag } from './plan-lag.measure';
import { registeredManager, type RegisteredManagerMeasures } from './registered-manager.measure';
import { reopenRate, type ReopenRate } from './reopen-rate.measure';
import { timeToAcknowledge, type TimeToAcknowledge } from './time-to-acknowledge.measure';
import { timeToClosure, type TimeToClosure } from './time-to-closure.measure';
import { turnoverAndConcerns, type TurnoverAndConcerns } from './turnover-concerns.measure';

/** The ten responsiveness measures of DESIGN.md for one scope on one evaluation date. */
export interface Measures {
  on: LocalDate;
  /** The defaults: measures not tied to one council, and concerns of councils that set no clocks. */
  clocks: Clocks;
  /** Councils' own clocks in force on `on`, by council id; their concerns are judged by these. */
  councilClocks: ClocksInForce[];
  timeToAcknowledge: TimeToAcknowledge;
  planLag: PlanLag;
  councilReviewLag: CouncilReviewLag;
  cadenceAdherence: CadenceAdherence;
  onTimeActionRate: OnTimeActionRate;
  overdueActionDays: OverdueActionDays;
  timeToClosure: TimeToClosure;
  reopenRate: ReopenRate;
  registeredManager: RegisteredManagerMeasures;
  turnoverAndConcerns: TurnoverAndConcerns;
  /**
   * Present only when some events could not be read: their ids, in feed order. The figures are
   * computed without them (a correction that cannot be read is not applied), never not at all.
   */
  unreadableEventIds?: string[];
}

/**
 * All measures over the events of a scope (a concern, a service, or a provider's services and
 * concerns). Pure: the same events and options always give the same figures, live or replayed.
 */
export function computeMeasures(events: readonly RecordedEvent[], options: MeasureOptions): Measures {
  const { result, unreadable } = foldSkippingUnreadable(events, (readable) => computeReadableMeasures(readable, options));
  if (unreadable.length === 0) return result;
  return { ...result, unreadableEventIds: [...unreadable].sort((a, b) => a.globalPosition - b.globalPosition).map((u) => u.eventId) };
}

function computeReadableMeasures(events: readonly RecordedEvent[], options: MeasureOptions): Measures {
  const context = measureContext(events, options);
  return {
    on: context.on,
    clocks: context.clocks,
    councilClocks: [...context.councilClocks.values()].sort((a, b) => a.councilId.localeCompare(b.councilId)),
    timeToAcknowledge: timeToAcknowledge(context),
    planLag: planLag(context),
    councilReviewLag: councilReviewLag(context),
    cadenceAdherence: cadenceAdherence(context),
    onTimeActionRate: onTimeActionRate(context),
    overdueActionDays: overdueActionDays(context),
    timeToClosure: timeToClosure(context),
    reopenRate: reopenRate(context),
    registeredManager: registeredManager(context),
    turnoverAndConcerns: turnoverAndConcerns(context),
  };
}
