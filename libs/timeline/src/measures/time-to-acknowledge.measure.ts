import type { LocalDate } from '@caretrail/domain';
import { workingDaysBetween } from '../calendar/working-days';
import { evidenceIds } from '../events/effective-events';
import type { ConcernHistory, MeasureContext, MeasureEvent } from './measure-context';
import { ratio, scopeByConcern, summarise, unionIds, type ConcernScoped, type Evidenced, type Ratio, type ScopedMeasure, type Summary } from './measure-result';
import { isJudged, responseStatus, type ResponseStatus } from './response-status';

export interface AcknowledgementWait {
  notifiedOn: LocalDate;
  notifiedEventId: string;
  acknowledgedOn: LocalDate | null;
  acknowledgedEventId: string | null;
  /** Working days from notification to acknowledgement, or so far (to the evaluation date) while waiting. */
  workingDays: number;
  status: ResponseStatus;
}

export interface ConcernAcknowledgement extends ConcernScoped {
  waits: AcknowledgementWait[];
}

export interface AcknowledgementSummary extends Evidenced {
  /** Working days to acknowledge, over acknowledged waits. */
  acknowledged: Summary;
  onTime: Ratio;
  waiting: number;
  overdue: number;
}

export type TimeToAcknowledge = ScopedMeasure<ConcernAcknowledgement, AcknowledgementSummary>;

export const TIME_TO_ACKNOWLEDGE_DEFINITION =
  'Working days from the concern being notified to the provider (London date of occurredAt) to its acknowledgement: ' +
  'working days after the notification day up to and including the acknowledgement day. A notification opens a wait; ' +
  'the first acknowledgement after it closes it (a second notice while waiting does not restart the clock; a notice ' +
  'after a reopening opens a new wait; an acknowledgement with no open wait is not measured). On time: within the ' +
  "acknowledgement clock of the concern's council in force on the evaluation date (default 5 working days). " +
  'Waits still open count as overdue once past the clock.';

function acknowledgementOf(concern: ConcernHistory, context: MeasureContext): ConcernAcknowledgement | null {
  const limit = concern.clocks.acknowledgeWithinWorkingDays;
  const waits: AcknowledgementWait[] = [];
  const used: MeasureEvent[] = [];
  let open: MeasureEvent | null = null;
  const close = (notified: MeasureEvent, acknowledged: MeasureEvent | null) => {
    const workingDays = workingDaysBetween(notified.occurredOn, acknowledged?.occurredOn ?? context.on);
    waits.push({
      notifiedOn: notified.occurredOn,
      notifiedEventId: notified.eventId,
      acknowledgedOn: acknowledged?.occurredOn ?? null,
      acknowledgedEventId: acknowledged?.eventId ?? null,
      workingDays,
      status: responseStatus(acknowledged !== null, workingDays <= limit),
    });
    used.push(notified, ...(acknowledged ? [acknowledged] : []));
  };
  for (const event of concern.events) {
    if (event.type === 'ConcernNotifiedToProvider' && open === null) open = event;
    if (event.type === 'ConcernAcknowledged' && open !== null) {
      close(open, event);
      open = null;
    }
  }
  if (open !== null) close(open, null);
  if (waits.length === 0) return null;
  if (concern.clocksEvent) used.push(concern.clocksEvent);
  return { concernId: concern.concernId, serviceId: concern.serviceId, waits, eventIds: evidenceIds(used) };
}

function summariseAcknowledgements(items: ConcernAcknowledgement[]): AcknowledgementSummary {
  const waits = items.flatMap((i) => i.waits);
  const judged = waits.filter((w) => isJudged(w.status));
  return {
    acknowledged: summarise(waits.filter((w) => w.acknowledgedOn !== null).map((w) => w.workingDays)),
    onTime: ratio(judged.filter((w) => w.status === 'on_time').length, judged.length),
    waiting: waits.filter((w) => w.status === 'waiting').length,
    overdue: waits.filter((w) => w.status === 'overdue').length,
    eventIds: unionIds(items),
  };
}

/** Measure 1: time to acknowledge. */
export const timeToAcknowledge = (context: MeasureContext): TimeToAcknowledge =>
  scopeByConcern(context, 'timeToAcknowledge', TIME_TO_ACKNOWLEDGE_DEFINITION, (c) => acknowledgementOf(c, context), summariseAcknowledgements);
