import type { LocalDate } from '@caretrail/domain';
import { addDays } from '../calendar/local-date';
import { isEvent, type EventOf } from '../events/typed-event';
import type { MeasureEvent, ServiceHistory } from './measure-context';

export interface RegisteredTenure {
  managerId: string;
  registeredOn: LocalDate;
  /** The day they left, still counted as covered; null while in post. */
  leftOn: LocalDate | null;
  registeredEventId: string;
  leftEventId: string | null;
}

export interface DateSpan {
  from: LocalDate;
  to: LocalDate;
  days: number;
}

/**
 * Registered tenures: each ManagerRegistered runs to the same manager's next ManagerLeft on or
 * after the registration date. A manager who leaves and returns has two tenures.
 */
export function registeredTenures(service: ServiceHistory): { tenures: RegisteredTenure[]; evidence: MeasureEvent[] } {
  const registrations = service.events.filter((e): e is EventOf<'ManagerRegistered', MeasureEvent> => isEvent(e, 'ManagerRegistered'));
  const departures = service.events.filter((e): e is EventOf<'ManagerLeft', MeasureEvent> => isEvent(e, 'ManagerLeft'));
  const used = new Set<string>();
  const evidence: MeasureEvent[] = [];
  const tenures = [...registrations]
    .sort((a, b) => (a.data.registeredOn < b.data.registeredOn ? -1 : 1))
    .map((registration) => {
      const left = departures
        .filter((d) => d.data.managerId === registration.data.managerId && !used.has(d.eventId) && d.data.leftOn >= registration.data.registeredOn)
        .sort((a, b) => (a.data.leftOn < b.data.leftOn ? -1 : 1))[0];
      if (left) used.add(left.eventId);
      evidence.push(registration, ...(left ? [left] : []));
      return {
        managerId: registration.data.managerId,
        registeredOn: registration.data.registeredOn,
        leftOn: left?.data.leftOn ?? null,
        registeredEventId: registration.eventId,
        leftEventId: left?.eventId ?? null,
      };
    });
  return { tenures, evidence };
}

/** Runs of days in [from, to] covered by no tenure (registeredOn to leftOn, both inclusive). */
export function uncoveredSpans(tenures: readonly RegisteredTenure[], from: LocalDate, to: LocalDate): DateSpan[] {
  const spans: DateSpan[] = [];
  let start: LocalDate | null = null;
  let days = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const covered = tenures.some((t) => t.registeredOn <= day && (t.leftOn === null || day <= t.leftOn));
    if (!covered) {
      start ??= day;
      days++;
    }
    if (covered && start !== null) {
      spans.push({ from: start, to: addDays(day, -1), days });
      start = null;
      days = 0;
    }
  }
  if (start !== null) spans.push({ from: start, to, days });
  return spans;
}
