import type { LocalDate } from '@caretrail/domain';
import { addDays, daysBetween } from '../calendar/local-date';
import { evidenceIds } from '../events/effective-events';
import { isEvent, type EventOf } from '../events/typed-event';
import type { ConcernHistory, MeasureContext, MeasureEvent } from './measure-context';
import { ratio, scopeByConcern, unionIds, type ConcernScoped, type Evidenced, type Ratio, type ScopedMeasure } from './measure-result';
import { expectedUpdatePeriods, type UpdatePeriod, type UpdateSchedule } from '@caretrail/domain';
import { periodIndexOf } from './update-periods';

export type PeriodStatus = 'on_time' | 'late' | 'missed' | 'pending' | 'not_due';

export interface ExpectedPeriod extends UpdatePeriod {
  status: PeriodStatus;
  /** The first update reporting on this period, if any. */
  updateEventId: string | null;
  submittedOn: LocalDate | null;
}

export interface Gap {
  days: number;
  from: LocalDate;
  to: LocalDate;
}

/** Days the plan was not running: closed until reopened (`to` exclusive), or ended for good (`to` null). */
export interface Pause {
  from: LocalDate;
  to: LocalDate | null;
  eventId: string;
}

export interface CadenceRun {
  acceptedOn: LocalDate;
  acceptedEventId: string;
  requestEventId: string;
  planVersion: number;
  cadenceDays: number;
  graceDays: number;
  /** When the plan stopped for good (completion or a new request) or, while closed, the closure. */
  stoppedOn: LocalDate | null;
  stoppedByEventId: string | null;
  pauses: Pause[];
  periods: ExpectedPeriod[];
  /** Updates that fell in no listed period (a period not yet ended, or the acceptance day). */
  unmatchedUpdateEventIds: string[];
  adherence: Ratio;
  late: number;
  missed: number;
  longestGap: Gap;
}

export interface ConcernCadence extends ConcernScoped {
  runs: CadenceRun[];
}

export interface CadenceSummary extends Evidenced {
  /** Expected periods updated on time over expected periods. */
  adherence: Ratio;
  late: number;
  missed: number;
  pending: number;
  longestGap: (Gap & { concernId: string }) | null;
}

export type CadenceAdherence = ScopedMeasure<ConcernCadence, CadenceSummary>;

export const CADENCE_ADHERENCE_DEFINITION =
  "Each plan request's schedule runs from the first acceptance under it (later versions do not restart it) until " +
  'the plan is completed or a new request replaces it; a closure pauses it until a reopening. Period k ends on ' +
  "acceptedOn + k x cadence days and is due by its end + grace days (the domain's update periods). An update " +
  'belongs to the period whose days include its periodEnding (corrections applied); the first such update counts. ' +
  'On time: submitted (London date of occurredAt) by the due date. Late: after it. Missed: no update, and the plan ' +
  "ran on every day from the period's first day to its due date, which has passed. Pending: no update yet, due " +
  'date not passed. Not due: no update, and the plan was paused or stopped during the period or its grace. Adherence = on time / (on time + ' +
  'late + missed). Longest gap: the most running days between acceptance, consecutive update submissions and the ' +
  'end of the run (or the evaluation date), days paused left out.';

interface OpenRun {
  request: EventOf<'ActionPlanRequested', MeasureEvent>;
  accepted: EventOf<'ActionPlanAccepted', MeasureEvent>;
  updates: EventOf<'PlanUpdateSubmitted', MeasureEvent>[];
  pauses: Pause[];
  stops: MeasureEvent[];
}

const pausedOn = (pauses: readonly Pause[], day: LocalDate) => pauses.some((p) => p.from <= day && (p.to === null || day < p.to));
function runsThrough(pauses: readonly Pause[], from: LocalDate, to: LocalDate): boolean {
  return !pauses.some((p) => p.from <= to && (p.to === null || p.to > from));
}
function runningDays(pauses: readonly Pause[], from: LocalDate, to: LocalDate): number {
  let days = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (!pausedOn(pauses, day)) days++;
  return days;
}

function judgeRun(run: OpenRun, on: LocalDate): CadenceRun {
  const schedule: UpdateSchedule = {
    acceptedOn: run.accepted.occurredOn,
    cadenceDays: run.request.data.updateCadenceDays,
    graceDays: run.request.data.graceDays,
  };
  const stillPaused = run.pauses.find((p) => p.to === null) ?? null;
  const horizon = stillPaused?.from ?? on;
  const periods = expectedUpdatePeriods(schedule, horizon);
  const firstUpdate = new Map<number, EventOf<'PlanUpdateSubmitted', MeasureEvent>>();
  const unmatched: string[] = [];
  for (const update of run.updates) {
    const index = periodIndexOf(schedule, update.data.periodEnding);
    if (index === null || index > periods.length) unmatched.push(update.eventId);
    else if (!firstUpdate.has(index)) firstUpdate.set(index, update);
  }
  const judged: ExpectedPeriod[] = periods.map((period) => {
    const update = firstUpdate.get(period.index) ?? null;
    let status: PeriodStatus;
    if (update) status = update.occurredOn <= period.dueBy ? 'on_time' : 'late';
    // Only a period the plan ran through, from its first day to its due date, can be missed.
    else if (period.dueBy < on) status = runsThrough(run.pauses, period.startsOn, period.dueBy) ? 'missed' : 'not_due';
    else status = runsThrough(run.pauses, period.startsOn, on) ? 'pending' : 'not_due';
    return { ...period, status, updateEventId: update?.eventId ?? null, submittedOn: update?.occurredOn ?? null };
  });
  const count = (s: PeriodStatus) => judged.filter((p) => p.status === s).length;
  return {
    acceptedOn: schedule.acceptedOn,
    acceptedEventId: run.accepted.eventId,
    requestEventId: run.request.eventId,
    planVersion: run.accepted.data.version,
    cadenceDays: schedule.cadenceDays,
    graceDays: schedule.graceDays,
    stoppedOn: stillPaused?.from ?? null,
    stoppedByEventId: stillPaused?.eventId ?? null,
    pauses: run.pauses,
    periods: judged,
    unmatchedUpdateEventIds: unmatched,
    adherence: ratio(count('on_time'), count('on_time') + count('late') + count('missed')),
    late: count('late'),
    missed: count('missed'),
    longestGap: longestGap([schedule.acceptedOn, ...run.updates.map((u) => u.occurredOn), horizon], run.pauses),
  };
}

function longestGap(dates: LocalDate[], pauses: readonly Pause[]): Gap {
  const sorted = [...dates].sort();
  let gap: Gap = { days: 0, from: sorted[0], to: sorted[0] };
  for (let i = 1; i < sorted.length; i++) {
    const days = pauses.length === 0 ? daysBetween(sorted[i - 1], sorted[i]) : runningDays(pauses, sorted[i - 1], sorted[i]);
    if (days > gap.days) gap = { days, from: sorted[i - 1], to: sorted[i] };
  }
  return gap;
}

/** Splits a concern's events into plan runs: one per request that got an acceptance. */
function runsOf(concern: ConcernHistory): OpenRun[] {
  const runs: OpenRun[] = [];
  let request: EventOf<'ActionPlanRequested', MeasureEvent> | null = null;
  let running = null as OpenRun | null;
  const end = (event: MeasureEvent) => {
    if (!running) return;
    const open = running.pauses.find((p) => p.to === null);
    if (!open) running.pauses.push({ from: event.occurredOn, to: null, eventId: event.eventId });
    running.stops.push(event);
    running = null;
  };
  for (const event of concern.events) {
    if (isEvent(event, 'ActionPlanRequested')) {
      end(event); // a new request starts a fresh plan
      request = event;
    } else if (isEvent(event, 'ActionPlanAccepted') && request !== null && !runs.some((r) => r.request === request)) {
      running = { request, accepted: event, updates: [], pauses: [], stops: [] };
      runs.push(running);
    } else if (!running) continue;
    else if (isEvent(event, 'PlanUpdateSubmitted')) running.updates.push(event);
    else if (event.type === 'ActionPlanCompleted') end(event);
    else if (event.type === 'ConcernClosed' && !running.pauses.some((p) => p.to === null)) {
      running.pauses.push({ from: event.occurredOn, to: null, eventId: event.eventId });
      running.stops.push(event);
    } else if (event.type === 'ConcernReopened') {
      const open = running.pauses.find((p) => p.to === null);
      if (open) {
        open.to = event.occurredOn;
        running.stops.push(event);
      }
    }
  }
  return runs;
}

function cadenceOf(concern: ConcernHistory, context: MeasureContext): ConcernCadence | null {
  const runs = runsOf(concern);
  if (runs.length === 0) return null;
  return {
    concernId: concern.concernId,
    serviceId: concern.serviceId,
    runs: runs.map((run) => judgeRun(run, context.on)),
    eventIds: evidenceIds(runs.flatMap((r) => [r.request, r.accepted, ...r.updates, ...r.stops])),
  };
}

function summariseCadence(items: ConcernCadence[]): CadenceSummary {
  const runs = items.flatMap((i) => i.runs.map((run) => ({ concernId: i.concernId, run })));
  const sum = (pick: (r: CadenceRun) => number) => runs.reduce((s, { run }) => s + pick(run), 0);
  const longest = runs.reduce<(Gap & { concernId: string }) | null>(
    (best, { concernId, run }) => (best === null || run.longestGap.days > best.days ? { concernId, ...run.longestGap } : best),
    null,
  );
  return {
    adherence: ratio(
      sum((r) => r.adherence.numerator),
      sum((r) => r.adherence.denominator),
    ),
    late: sum((r) => r.late),
    missed: sum((r) => r.missed),
    pending: sum((r) => r.periods.filter((p) => p.status === 'pending').length),
    longestGap: longest,
    eventIds: unionIds(items),
  };
}

/** Measure 4: cadence adherence, with the longest gap between updates. */
export const cadenceAdherence = (context: MeasureContext): CadenceAdherence =>
  scopeByConcern(context, 'cadenceAdherence', CADENCE_ADHERENCE_DEFINITION, (c) => cadenceOf(c, context), summariseCadence);
