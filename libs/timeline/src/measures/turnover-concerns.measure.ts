import type { LocalDate } from '@caretrail/domain';
import { addDays, addMonths } from '../calendar/local-date';
import { evidenceIds } from '../events/effective-events';
import { isEvent, type EventOf } from '../events/typed-event';
import type { MeasureContext, MeasureEvent, ServiceHistory } from './measure-context';
import { unionIds, type Evidenced } from './measure-result';
import type { ServiceMeasure } from './service-measure';

/** An average month, so that service-months do not depend on which months a period covers. */
export const DAYS_PER_SERVICE_MONTH = 365.25 / 12;

export interface ConcernRate {
  serviceDays: number;
  serviceMonths: number;
  concerns: number;
  /** concerns / service-months x 100; null when no service-days fall in the group. */
  concernsPer100ServiceMonths: number | null;
}

export interface ServiceTurnover extends Evidenced {
  serviceId: string;
  observedFrom: LocalDate;
  observedTo: LocalDate;
  managerChanges: { leftOn: LocalDate; eventId: string; windowEndsOn: LocalDate }[];
  concerns: { concernId: string; raisedOn: LocalDate; afterManagerChange: boolean; eventId: string }[];
  afterManagerChange: ConcernRate;
  otherMonths: ConcernRate;
}

export interface TurnoverSummary extends Evidenced {
  afterManagerChange: ConcernRate;
  otherMonths: ConcernRate;
  note: string;
}

export type TurnoverAndConcerns = ServiceMeasure<ServiceTurnover, TurnoverSummary>;

export const TURNOVER_AND_CONCERNS_DEFINITION =
  'Per service, from the day its record began (ServiceRegistered, else its earliest event) to the evaluation date, ' +
  'each day is "after a manager change" when it falls in the 6 months (configurable) after a ManagerLeft.leftOn ' +
  '(the day after leftOn to leftOn + 6 months inclusive), otherwise "other". Concerns raised (London date of ' +
  'ConcernRaised) are counted by the kind of day they were raised on; rate = concerns per 100 service-months, ' +
  'a service-month being 365.25/12 service-days. Descriptive, not causal.';

const NOTE = 'Descriptive, not causal: a higher rate after manager changes does not show that the changes caused concerns.';

function rateOf(serviceDays: number, concerns: number): ConcernRate {
  const serviceMonths = serviceDays / DAYS_PER_SERVICE_MONTH;
  return {
    serviceDays,
    serviceMonths: Math.round(serviceMonths * 100) / 100,
    concerns,
    concernsPer100ServiceMonths: serviceDays === 0 ? null : Math.round((concerns / serviceMonths) * 100 * 100) / 100,
  };
}

function turnoverOf(service: ServiceHistory, context: MeasureContext): ServiceTurnover {
  const raised = context.concerns.filter((c) => c.serviceId === service.serviceId && c.raised !== null).map((c) => c.raised!);
  const earliest = [...service.events, ...raised].map((e) => e.occurredOn).sort()[0] ?? context.on;
  const observedFrom = service.registered?.occurredOn ?? earliest;
  const departures = service.events.filter((e): e is EventOf<'ManagerLeft', MeasureEvent> => isEvent(e, 'ManagerLeft') && e.data.leftOn <= context.on);
  const windows = departures.map((d) => ({ after: d.data.leftOn, until: addMonths(d.data.leftOn, context.clocks.afterManagerChangeMonths) }));
  const isAfterChange = (day: LocalDate) => windows.some((w) => day > w.after && day <= w.until);

  let afterDays = 0;
  let otherDays = 0;
  for (let day = observedFrom; day <= context.on; day = addDays(day, 1)) {
    if (isAfterChange(day)) afterDays++;
    else otherDays++;
  }
  const concerns = raised
    .filter((r) => r.occurredOn >= observedFrom)
    .map((r) => ({ concernId: r.data.concernId, raisedOn: r.occurredOn, afterManagerChange: isAfterChange(r.occurredOn), eventId: r.eventId }));
  const after = concerns.filter((c) => c.afterManagerChange).length;
  return {
    serviceId: service.serviceId,
    observedFrom,
    observedTo: context.on,
    managerChanges: departures.map((d, i) => ({ leftOn: d.data.leftOn, eventId: d.eventId, windowEndsOn: windows[i].until })),
    concerns,
    afterManagerChange: rateOf(afterDays, after),
    otherMonths: rateOf(otherDays, concerns.length - after),
    eventIds: evidenceIds([service.registered, ...departures, ...raised.filter((r) => r.occurredOn >= observedFrom)]),
  };
}

const summariseTurnover = (items: ServiceTurnover[]): TurnoverSummary => {
  const pool = (pick: (i: ServiceTurnover) => ConcernRate) =>
    rateOf(
      items.reduce((s, i) => s + pick(i).serviceDays, 0),
      items.reduce((s, i) => s + pick(i).concerns, 0),
    );
  return { afterManagerChange: pool((i) => i.afterManagerChange), otherMonths: pool((i) => i.otherMonths), note: NOTE, eventIds: unionIds(items) };
};

/** Measure 10: turnover and concerns. */
export function turnoverAndConcerns(context: MeasureContext): TurnoverAndConcerns {
  const byService = context.services.map((s) => turnoverOf(s, context));
  return { measure: 'turnoverAndConcerns', on: context.on, definition: TURNOVER_AND_CONCERNS_DEFINITION, byService, overall: summariseTurnover(byService) };
}
