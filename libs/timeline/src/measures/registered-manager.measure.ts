import type { LocalDate } from '@caretrail/domain';
import { addDays, daysBetween, maxDate } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import { evidenceIds } from '../events/effective-events';
import { isEvent, type EventOf } from '../events/typed-event';
import { registeredTenures, uncoveredSpans, type DateSpan, type RegisteredTenure } from './manager-tenure';
import type { MeasureContext, MeasureEvent, ServiceHistory } from './measure-context';
import { ratio, unionIds, type Evidenced, type Ratio } from './measure-result';
import type { ServiceMeasure } from './service-measure';

export interface AbsenceNotice {
  eventId: string;
  managerId: string;
  absenceStartedOn: LocalDate;
  notifiedOn: LocalDate;
  emergency: boolean;
  workingDaysToNotify: number;
  /** Judged for emergency absences only; null otherwise. */
  onTime: boolean | null;
}

export interface ServiceManagerRecord extends Evidenced {
  serviceId: string;
  /** The look-back window, cut to the day the service's record began when that is later. */
  window: DateSpan;
  tenures: RegisteredTenure[];
  daysWithoutRegisteredManager: number;
  gaps: DateSpan[];
  /** Departures (ManagerLeft) with leftOn in the window. */
  managerChanges: { managerId: string; leftOn: LocalDate; eventId: string }[];
  /** Changes scaled to twelve months when the window is shorter than a year. */
  changesPerTwelveMonths: number | null;
  absences: AbsenceNotice[];
  emergencyAbsencesNotifiedOnTime: Ratio;
}

export interface ManagerSummary extends Evidenced {
  services: number;
  daysWithoutRegisteredManager: number;
  windowDays: number;
  managerChanges: number;
  /** Changes per service per twelve months: changes x 365 / window days, pooled. */
  changesPerServicePerTwelveMonths: number | null;
  emergencyAbsencesNotifiedOnTime: Ratio;
}

export type RegisteredManagerMeasures = ServiceMeasure<ServiceManagerRecord, ManagerSummary>;

export const REGISTERED_MANAGER_DEFINITION =
  'Per service, over the look-back window (default the 365 days ending on the evaluation date, cut to the day the ' +
  'service was registered in CareTrail if later): days without a registered manager, where a manager counts as ' +
  'registered from ManagerRegistered.registeredOn to their ManagerLeft.leftOn, both days included; manager changes ' +
  '= departures (ManagerLeft) with leftOn in the window, also scaled to twelve months; absences notified on time = ' +
  'emergency absences notified (notifiedOn) within 5 working days (configurable) after absenceStartedOn, over ' +
  'emergency absences notified by the evaluation date. Non-emergency absences are listed, not judged.';

const YEAR_DAYS = 365;

function managerRecordOf(service: ServiceHistory, context: MeasureContext): ServiceManagerRecord {
  const lookbackFrom = addDays(context.on, -(context.clocks.managerLookbackDays - 1));
  const from = service.registered ? maxDate(lookbackFrom, service.registered.occurredOn) : lookbackFrom;
  const window: DateSpan = { from, to: context.on, days: daysBetween(from, context.on) + 1 };
  const { tenures, evidence } = registeredTenures(service);
  const gaps = uncoveredSpans(tenures, window.from, window.to);
  const departures = service.events.filter(
    (e): e is EventOf<'ManagerLeft', MeasureEvent> => isEvent(e, 'ManagerLeft') && e.data.leftOn >= window.from && e.data.leftOn <= window.to,
  );
  const absenceEvents = service.events.filter((e): e is EventOf<'ManagerAbsenceNotified', MeasureEvent> => isEvent(e, 'ManagerAbsenceNotified'));
  const absences = absenceEvents.map((e) => {
    const workingDaysToNotify = workingDaysBetween(e.data.absenceStartedOn, e.data.notifiedOn);
    return {
      eventId: e.eventId,
      managerId: e.data.managerId,
      absenceStartedOn: e.data.absenceStartedOn,
      notifiedOn: e.data.notifiedOn,
      emergency: e.data.emergency,
      workingDaysToNotify,
      onTime: e.data.emergency ? workingDaysToNotify <= context.clocks.absenceNoticeWithinWorkingDays : null,
    };
  });
  const emergencies = absences.filter((a) => a.emergency);
  return {
    serviceId: service.serviceId,
    window,
    tenures,
    daysWithoutRegisteredManager: gaps.reduce((s, g) => s + g.days, 0),
    gaps,
    managerChanges: departures.map((d) => ({ managerId: d.data.managerId, leftOn: d.data.leftOn, eventId: d.eventId })),
    changesPerTwelveMonths: window.days > 0 ? (departures.length * YEAR_DAYS) / window.days : null,
    absences,
    emergencyAbsencesNotifiedOnTime: ratio(emergencies.filter((a) => a.onTime).length, emergencies.length),
    eventIds: evidenceIds([service.registered, ...evidence, ...departures, ...absenceEvents]),
  };
}

function summariseManagers(items: ServiceManagerRecord[]): ManagerSummary {
  const windowDays = items.reduce((s, i) => s + i.window.days, 0);
  const changes = items.reduce((s, i) => s + i.managerChanges.length, 0);
  return {
    services: items.length,
    daysWithoutRegisteredManager: items.reduce((s, i) => s + i.daysWithoutRegisteredManager, 0),
    windowDays,
    managerChanges: changes,
    changesPerServicePerTwelveMonths: windowDays > 0 ? (changes * YEAR_DAYS) / windowDays : null,
    emergencyAbsencesNotifiedOnTime: ratio(
      items.reduce((s, i) => s + i.emergencyAbsencesNotifiedOnTime.numerator, 0),
      items.reduce((s, i) => s + i.emergencyAbsencesNotifiedOnTime.denominator, 0),
    ),
    eventIds: unionIds(items),
  };
}

/** Measure 9: registered-manager measures, per service and pooled. */
export function registeredManager(context: MeasureContext): RegisteredManagerMeasures {
  const byService = context.services.map((s) => managerRecordOf(s, context));
  return { measure: 'registeredManager', on: context.on, definition: REGISTERED_MANAGER_DEFINITION, byService, overall: summariseManagers(byService) };
}
