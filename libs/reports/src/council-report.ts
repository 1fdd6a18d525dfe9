import type { LocalDate } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import {
  asOf as selectAsOf,
  assertLocalDate,
  basisOf,
  basisOrDefault,
  computeMeasures,
  foldSkippingUnreadable,
  minDate,
  REPLAY_BASES,
  type Clocks,
  type Measures,
  type ReplayBasis,
} from '@caretrail/timeline';
import { foldCouncilRecord, type CouncilRecord } from './council-record';
import { bandOf, figure, latestRating, periodFigures, portfolioIn, ratingDistribution, type Names } from './period-figures';
import type { ChangeRow, CouncilReport, Figure, PeriodFigures, ResponsivenessRow, ServiceRow } from './report-model';
import { previousPeriod, type ReportPeriod } from './report-period';
import { tagGroups } from './tag-groups';

export interface CouncilReportInput {
  councilId: string;
  /**
   * The council's scope: its organisation stream (name and clock settings), its contracts, the concerns
   * it raised, and the own records of the services its contracts cover. Corrections among them apply.
   */
  events: readonly RecordedEvent[];
  period: ReportPeriod;
  /** A replay date, or null for the record as it stands on `today`. */
  asOf: LocalDate | null;
  basis: ReplayBasis | null;
  /** The London date the report is made on: the evaluation date of a live report. */
  today: LocalDate;
  /** Names of the organisations the report mentions (providers), by id; organisations are public. */
  organisationNames: Readonly<Record<string, string>>;
  /** Platform default clocks; a council's own (CouncilClocksSet among the events) judge its concerns. */
  clocks?: Partial<Clocks>;
}

export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/** The events a report is computed from: all of them live, else the as-of selection on its basis. */
export function reportSelection<E extends RecordedEvent>(events: readonly E[], asOf: LocalDate | null, basis: ReplayBasis | null): E[] {
  return asOf === null ? [...events] : selectAsOf(events, asOf, basisOrDefault(basis));
}

const measureFigure = (key: string, value: number | null | undefined, eventIds: readonly string[]): Figure => ({
  key,
  value: value ?? null,
  eventIds: [...eventIds],
});
const round4 = (n: number | null) => (n === null ? null : Math.round(n * 10000) / 10000);

/**
 * The ten measures provider by provider, over this council's concerns about the provider and its
 * services' own records (with the council's clock settings), evaluated at the end of the period or
 * on the evaluation date if earlier: the council's review lag beside the provider's plan lag.
 */
function responsiveness(
  selected: readonly RecordedEvent[],
  record: CouncilRecord,
  providerIds: readonly string[],
  on: LocalDate,
  names: Names,
  clocks?: Partial<Clocks>,
): ResponsivenessRow[] {
  return providerIds.map((providerId) => {
    const concernStreams = new Set(record.concerns.filter((c) => c.providerId === providerId).map((c) => `concern-${c.concernId}`));
    const serviceStreams = new Set([...record.services.values()].filter((s) => s.providerId === providerId).map((s) => `service-${s.serviceId}`));
    const events = selected.filter(
      (e) =>
        concernStreams.has(e.streamId) ||
        serviceStreams.has(e.streamId) ||
        (e.type === 'CouncilClocksSet' && e.streamId === `organisation-${record.councilId}`),
    );
    const m: Measures = computeMeasures(events, { on, clocks });
    const k = (name: string) => `responsiveness.${providerId}.${name}`;
    return {
      providerId,
      providerName: names[providerId] ?? providerId,
      acknowledgeMedianWorkingDays: measureFigure(k('acknowledge'), m.timeToAcknowledge.overall.acknowledged.median, m.timeToAcknowledge.overall.eventIds),
      planLagMedianWorkingDays: measureFigure(k('planLag'), m.planLag.overall.submitted.median, m.planLag.overall.eventIds),
      planOnTimeRate: measureFigure(k('planOnTime'), round4(m.planLag.overall.onTime.rate), m.planLag.overall.eventIds),
      councilReviewLagMedianWorkingDays: measureFigure(k('councilReviewLag'), m.councilReviewLag.overall.decided.median, m.councilReviewLag.overall.eventIds),
      cadenceAdherenceRate: measureFigure(k('cadence'), round4(m.cadenceAdherence.overall.adherence.rate), m.cadenceAdherence.overall.eventIds),
      onTimeActionRate: measureFigure(k('onTimeActions'), round4(m.onTimeActionRate.overall.byOriginalDueDate.rate), m.onTimeActionRate.overall.eventIds),
      overdueActionDays: measureFigure(k('overdueActionDays'), m.overdueActionDays.overall.overdueActionDays, m.overdueActionDays.overall.eventIds),
      closureMedianWorkingDays: measureFigure(k('closure'), m.timeToClosure.overall.closedWorkingDays.median, m.timeToClosure.overall.eventIds),
      reopenRate: measureFigure(k('reopen'), round4(m.reopenRate.overall.reopenRate.rate), m.reopenRate.overall.eventIds),
      daysWithoutRegisteredManager: measureFigure(
        k('daysWithoutRegisteredManager'),
        m.registeredManager.overall.daysWithoutRegisteredManager,
        m.registeredManager.overall.eventIds,
      ),
      concernsPer100ServiceMonthsAfterManagerChange: measureFigure(
        k('turnoverAfterChange'),
        m.turnoverAndConcerns.overall.afterManagerChange.concernsPer100ServiceMonths,
        m.turnoverAndConcerns.overall.eventIds,
      ),
      concernsPer100ServiceMonthsOtherMonths: measureFigure(
        k('turnoverOther'),
        m.turnoverAndConcerns.overall.otherMonths.concernsPer100ServiceMonths,
        m.turnoverAndConcerns.overall.eventIds,
      ),
    };
  });
}

function changes(current: PeriodFigures, previous: PeriodFigures): ChangeRow[] {
  const rows: [string, string, (p: PeriodFigures) => Figure][] = [
    ['contracts', 'Contracts in force', (p) => p.contracts.inForce],
    ['services', 'Services under contract', (p) => p.contracts.services],
    ['providers', 'Providers under contract', (p) => p.contracts.providers],
    ['goodOrBetter', 'Share of rated services Good or Outstanding', (p) => p.ratings.goodOrBetterShare],
    ['requiresImprovement', 'Services rated Requires improvement', (p) => p.ratings.counts.requires_improvement],
    ['inadequate', 'Services rated Inadequate', (p) => p.ratings.counts.inadequate],
    ['inEscalation', 'Providers in escalation (any level)', (p) => p.escalation.providersInEscalation],
    ['suspensions', 'Placement suspensions', (p) => p.suspensions.count],
    ['defaultNotices', 'Default notices issued', (p) => p.defaultNotices.count],
    ['raised', 'Concerns raised', (p) => p.concerns.raised],
    ['closed', 'Concerns closed', (p) => p.concerns.closed],
    ['reopened', 'Concerns reopened', (p) => p.concerns.reopened],
    ['vacancyDays', 'Days services were without a registered manager', (p) => p.managers.vacancyDays],
    ['interimSpans', 'Interim manager spans', (p) => p.managers.interimSpans],
  ];
  return rows.map(([key, label, of]) => {
    const [c, p] = [of(current), of(previous)];
    return { key, label, current: c, previous: p, change: c.value === null || p.value === null ? null : round4(c.value - p.value) };
  });
}

/**
 * A council's report on its commissioned services for a period, as the record stood (or as things had
 * happened) on a date. Pure: the same events and input always give the same report, so the page, the
 * files, the signed bundle and its offline check all agree.
 */
export function computeCouncilReport(input: CouncilReportInput): CouncilReport {
  const today = assertLocalDate(input.today, 'today');
  if (input.asOf !== null) assertLocalDate(input.asOf, 'asOf');
  if (input.asOf === null && input.basis) throw new ReportInputError('A basis only means something with an as-of date');
  const basis = basisOf(input.asOf, input.basis);
  if (basis !== null && !REPLAY_BASES.includes(basis)) throw new ReportInputError(`basis must be 'recorded' or 'occurred', not ${String(basis)}`);
  const on = input.asOf ?? today;
  // An event the fold cannot read (bad data in the store) is left out and named, never a failed report.
  const { result, unreadable } = foldSkippingUnreadable(reportSelection(input.events, input.asOf, basis), (readable) => reportOf(input, readable, basis, on));
  if (unreadable.length === 0) return result;
  const ids = [...unreadable].sort((a, b) => a.globalPosition - b.globalPosition).map((u) => u.eventId);
  return {
    ...result,
    unreadableEventIds: ids,
    notes: [
      ...result.notes,
      `${ids.length} event${ids.length === 1 ? '' : 's'} could not be read and ${ids.length === 1 ? 'is' : 'are'} left out of the figures: ${ids.join(', ')}.`,
    ],
  };
}

function reportOf(input: CouncilReportInput, selected: readonly RecordedEvent[], basis: ReplayBasis | null, on: LocalDate): CouncilReport {
  const record = foldCouncilRecord(selected, input.councilId, on);
  const names = input.organisationNames;
  const period = input.period;
  const previous = previousPeriod(period);
  const beforeThat = previousPeriod(previous);
  const current = periodFigures(record, period, names, 'current');
  const prior = periodFigures(record, previous, names, 'previous');

  const services: ServiceRow[] = portfolioIn(record, period).services.map((s) => {
    const rating = latestRating(s, current.end);
    const earlier = latestRating(s, prior.end);
    return {
      serviceId: s.serviceId,
      name: s.name,
      providerId: s.providerId,
      providerName: names[s.providerId] ?? s.providerId,
      serviceType: s.serviceType,
      rating: bandOf(rating),
      ratedOn: rating ? String(rating.data['publishedOn']) : null,
      previousRating: bandOf(earlier),
      eventIds: [
        ...new Set([
          s.registered.eventId,
          ...(rating ? [rating.eventId, ...rating.correctedBy] : []),
          ...(earlier ? [earlier.eventId, ...earlier.correctedBy] : []),
        ]),
      ],
    };
  });
  const concernProviders = record.concerns.filter((c) => c.raised.occurredOn <= current.end).map((c) => c.providerId);
  const providerIds = [...new Set([...portfolioIn(record, period).providerIds, ...concernProviders])].sort((a, b) =>
    (names[a] ?? a).localeCompare(names[b] ?? b),
  );
  const measuredOn = minDate(period.to, on);
  const notes = [
    'Spend is not reported: contracts in CareTrail carry their parties, services and terms, not their values.',
    ...(on < period.to ? [`The period had not ended on the evaluation date (${on}): its figures run to that day.`] : []),
  ];
  return {
    kind: 'caretrail-council-report',
    councilId: input.councilId,
    councilName: names[input.councilId] ?? input.councilId,
    period,
    previousPeriod: previous,
    asOf: input.asOf,
    basis,
    on,
    current,
    previous: prior,
    ratingTrend: [beforeThat, previous, period].map((p, i) => ({
      period: p,
      ratings: ratingDistribution(`trend.${i}`, portfolioIn(record, p).services, minDate(p.to, on)),
    })),
    services,
    responsiveness: { on: measuredOn, rows: responsiveness(selected, record, providerIds, measuredOn, names, input.clocks) },
    changes: changes(current, prior),
    byTag: tagGroups(record, period, current.end),
    notes,
  };
}

/** Every figure of a report, in reading order, for the sources page, the CSV and the checks. */
export function reportFigures(report: CouncilReport): Figure[] {
  const out: Figure[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v['key'] === 'string' && Array.isArray(v['eventIds']) && 'value' in v) {
        if (!out.some((f) => f.key === v['key'])) out.push(v as unknown as Figure);
        return;
      }
      Object.values(v).forEach(walk);
    }
  };
  walk(report);
  return out;
}
