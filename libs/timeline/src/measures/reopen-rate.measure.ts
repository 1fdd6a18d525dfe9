import type { LocalDate } from '@caretrail/domain';
import { addMonths } from '../calendar/local-date';
import { evidenceIds } from '../events/effective-events';
import type { ConcernHistory, MeasureContext, MeasureEvent } from './measure-context';
import { ratio, scopeByConcern, unionIds, type ConcernScoped, type Evidenced, type Ratio, type ScopedMeasure } from './measure-result';

export interface ClosureOutcome {
  closedOn: LocalDate;
  closedEventId: string;
  /** closedOn + the reopen window (default 12 months), inclusive. */
  windowEndsOn: LocalDate;
  reopenedOn: LocalDate | null;
  reopenedEventId: string | null;
  reopenedWithinWindow: boolean;
  /** False while the window is still running and the concern has not been reopened. */
  windowComplete: boolean;
}

export interface ConcernReopening extends ConcernScoped {
  closures: ClosureOutcome[];
}

export interface ReopenSummary extends Evidenced {
  /** Closures followed by a reopening within the window, over closures. */
  reopenRate: Ratio;
  /** Closures whose window is still running (in the denominator; they may yet be reopened). */
  stillInWindow: number;
}

export type ReopenRate = ScopedMeasure<ConcernReopening, ReopenSummary>;

export const REOPEN_RATE_DEFINITION =
  'Each closure (London date of ConcernClosed) is one trial: it counts as reopened when the next ConcernReopened ' +
  "of the concern falls within the window (the reopen window of the concern's council in force on the evaluation " +
  'date, default 12 calendar months: closure date + 12 months inclusive, clamped ' +
  'to the month end). A concern closed, reopened and closed again gives two closures. Rate = closures reopened ' +
  'within the window over closures up to the evaluation date; closures whose window is still running are counted ' +
  'and shown apart.';

function reopeningsOf(concern: ConcernHistory, context: MeasureContext): ConcernReopening | null {
  const closures: ClosureOutcome[] = [];
  const used: MeasureEvent[] = [];
  let lastClosure: MeasureEvent | null = null;
  const settle = (reopened: MeasureEvent | null) => {
    if (lastClosure === null) return;
    const windowEndsOn = addMonths(lastClosure.occurredOn, concern.clocks.reopenWindowMonths);
    const within = reopened !== null && reopened.occurredOn <= windowEndsOn;
    closures.push({
      closedOn: lastClosure.occurredOn,
      closedEventId: lastClosure.eventId,
      windowEndsOn,
      reopenedOn: reopened?.occurredOn ?? null,
      reopenedEventId: reopened?.eventId ?? null,
      reopenedWithinWindow: within,
      windowComplete: within || windowEndsOn < context.on,
    });
    used.push(lastClosure, ...(reopened ? [reopened] : []));
    lastClosure = null;
  };
  for (const event of concern.events) {
    if (event.type === 'ConcernClosed') {
      settle(null); // closed twice with no reopening between: the first closure stands alone
      lastClosure = event;
    }
    if (event.type === 'ConcernReopened') settle(event);
  }
  settle(null);
  if (closures.length === 0) return null;
  if (concern.clocksEvent) used.push(concern.clocksEvent);
  return { concernId: concern.concernId, serviceId: concern.serviceId, closures, eventIds: evidenceIds(used) };
}

function summariseReopenings(items: ConcernReopening[]): ReopenSummary {
  const closures = items.flatMap((i) => i.closures);
  return {
    reopenRate: ratio(closures.filter((c) => c.reopenedWithinWindow).length, closures.length),
    stillInWindow: closures.filter((c) => !c.windowComplete).length,
    eventIds: unionIds(items),
  };
}

/** Measure 8: reopen rate. */
export const reopenRate = (context: MeasureContext): ReopenRate =>
  scopeByConcern(context, 'reopenRate', REOPEN_RATE_DEFINITION, (c) => reopeningsOf(c, context), summariseReopenings);
