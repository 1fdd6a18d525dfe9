import { CONCERN_CATEGORIES, RAG_SEVERITIES, type LocalDate } from '@caretrail/domain';
import { addDays, daysBetween, evidenceIds, maxDate, minDate, registeredTenures, uncoveredSpans, type MeasureEvent } from '@caretrail/timeline';
import {
  ratingDateOf,
  ratingOf,
  levelsWithin,
  type ConcernFacts,
  type ContractFacts,
  type CouncilRecord,
  type DatedEvent,
  type ServiceFacts,
} from './council-record';
import {
  RATING_BANDS,
  type ContractRow,
  type EscalationRow,
  type Figure,
  type InterimRow,
  type PeriodFigures,
  type RatingBand,
  type RatingDistribution,
  type SuspensionRow,
  type VacancyRow,
} from './report-model';
import { overlaps, within, type ReportPeriod } from './report-period';

export type Names = Readonly<Record<string, string>>;

export const figure = (key: string, value: number | null, events: readonly (DatedEvent | null | undefined)[]): Figure => ({
  key,
  value,
  eventIds: evidenceIds(events),
});

/** Shares are kept to four decimal places (a percentage to two), so the JSON, CSV and page agree. */
export const share = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000;

const lastDayOf = (c: ContractFacts): LocalDate => (c.endedOn ? minDate(c.endedOn, c.endsOn) : c.endsOn);

/** A contract counts for a period when confirmed by the evaluation date and its term meets the period. */
export const contractInForce = (c: ContractFacts, period: { from: LocalDate; to: LocalDate }): boolean =>
  c.confirmedOn !== null && overlaps(period, c.startsOn, lastDayOf(c));

function contractStatus(c: ContractFacts, end: LocalDate): ContractRow['status'] {
  if (c.startsOn > end) return 'not_started';
  if (c.endedOn && c.endedOn < end) return c.endedHow === 'terminated' ? 'ended' : 'expired';
  return c.endsOn < end ? 'expired' : 'in_force';
}

/** Each service's latest rating published on or before a day. */
export function latestRating(service: ServiceFacts, on: LocalDate): DatedEvent | null {
  const published = service.ratings.filter((r) => ratingDateOf(r) <= on);
  return (
    published.sort((a, b) => (ratingDateOf(a) < ratingDateOf(b) ? -1 : ratingDateOf(a) > ratingDateOf(b) ? 1 : a.globalPosition - b.globalPosition)).at(-1) ??
    null
  );
}

export const bandOf = (rating: DatedEvent | null): RatingBand => (rating ? ratingOf(rating) : 'not_rated');

export function ratingDistribution(prefix: string, services: readonly ServiceFacts[], on: LocalDate): RatingDistribution {
  const rated = services.map((s) => ({ service: s, rating: latestRating(s, on) }));
  const evidenceOf = (band: RatingBand) => rated.filter((r) => bandOf(r.rating) === band).map((r) => r.rating ?? r.service.registered);
  const counts = Object.fromEntries(RATING_BANDS.map((band) => [band, figure(`${prefix}.${band}`, evidenceOf(band).length, evidenceOf(band))])) as Record<
    RatingBand,
    Figure
  >;
  const withRating = rated.filter((r) => r.rating !== null);
  const good = withRating.filter((r) => ['outstanding', 'good'].includes(bandOf(r.rating)));
  return {
    on,
    services: figure(
      `${prefix}.services`,
      services.length,
      services.map((s) => s.registered),
    ),
    counts,
    goodOrBetterShare: figure(
      `${prefix}.goodOrBetterShare`,
      share(good.length, withRating.length),
      withRating.map((r) => r.rating),
    ),
  };
}

/** The services and providers under this council's confirmed contracts during a period. */
export function portfolioIn(record: CouncilRecord, period: { from: LocalDate; to: LocalDate }) {
  const contracts = record.contracts.filter((c) => contractInForce(c, period));
  const serviceIds = [...new Set(contracts.flatMap((c) => c.serviceIds))].filter((id) => record.services.has(id)).sort();
  const services = serviceIds.map((id) => record.services.get(id)!);
  const providerIds = [...new Set(contracts.map((c) => c.providerId))].sort();
  return { contracts, services, providerIds };
}

function escalation(record: CouncilRecord, period: ReportPeriod, end: LocalDate, names: Names, key: string) {
  const byProvider = new Map<string, { level: number; concerns: ConcernFacts[]; evidence: DatedEvent[] }>();
  for (const concern of record.concerns) {
    if (concern.raised.occurredOn > end) continue;
    const levels = levelsWithin(concern, period.from, end);
    const highest = Math.max(0, ...levels.map((l) => l.level));
    if (highest < 1) continue;
    const setting = levels.filter((l) => l.level === highest).map((l) => l.event);
    const entry = byProvider.get(concern.providerId) ?? { level: 0, concerns: [], evidence: [] };
    if (highest > entry.level) {
      entry.level = highest;
      entry.evidence = [];
      entry.concerns = [];
    }
    if (highest === entry.level) {
      entry.concerns.push(concern);
      entry.evidence.push(concern.raised, ...setting.filter((e): e is DatedEvent => e !== null));
    }
    byProvider.set(concern.providerId, entry);
  }
  const rows: EscalationRow[] = [...byProvider.entries()]
    .map(([providerId, e]) => ({
      providerId,
      providerName: names[providerId] ?? providerId,
      highestLevel: e.level as 1 | 2 | 3,
      concernIds: e.concerns.map((c) => c.concernId),
      eventIds: evidenceIds(e.evidence),
    }))
    .sort((a, b) => b.highestLevel - a.highestLevel || a.providerName.localeCompare(b.providerName));
  const evidenceAt = (level: number) => [...byProvider.values()].filter((e) => e.level === level).flatMap((e) => e.evidence);
  const providersByLevel = {
    '1': figure(`${key}.level1`, rows.filter((r) => r.highestLevel === 1).length, evidenceAt(1)),
    '2': figure(`${key}.level2`, rows.filter((r) => r.highestLevel === 2).length, evidenceAt(2)),
    '3': figure(`${key}.level3`, rows.filter((r) => r.highestLevel === 3).length, evidenceAt(3)),
  };
  return {
    providersByLevel,
    providersInEscalation: figure(
      `${key}.providers`,
      rows.length,
      [...byProvider.values()].flatMap((e) => e.evidence),
    ),
    rows,
  };
}

function suspensions(record: CouncilRecord, period: ReportPeriod, end: LocalDate, names: Names, key: string) {
  const rows: (SuspensionRow & { evidence: DatedEvent[] })[] = [];
  for (const concern of record.concerns) {
    const endings = [...concern.resumptions, ...concern.closures].sort((a, b) =>
      a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.globalPosition - b.globalPosition,
    );
    for (const suspended of concern.suspensions) {
      const ending = endings.find((e) => e.occurredOn >= suspended.occurredOn && e.globalPosition > suspended.globalPosition) ?? null;
      const endedOn = ending?.occurredOn ?? null;
      if (suspended.occurredOn > end || !overlaps(period, suspended.occurredOn, endedOn)) continue;
      const service = record.services.get(concern.serviceId);
      const evidence = [suspended, ...(ending ? [ending] : [])];
      rows.push({
        concernId: concern.concernId,
        serviceId: concern.serviceId,
        serviceName: service?.name ?? concern.serviceId,
        providerName: names[concern.providerId] ?? concern.providerId,
        suspendedOn: suspended.occurredOn,
        endedOn,
        days: daysBetween(suspended.occurredOn, endedOn ?? record.on),
        eventIds: evidenceIds(evidence),
        evidence,
      });
    }
  }
  rows.sort((a, b) => (a.suspendedOn < b.suspendedOn ? -1 : 1));
  const all = rows.flatMap((r) => r.evidence);
  const ongoing = rows.filter((r) => r.endedOn === null);
  const longest = rows.reduce<(typeof rows)[number] | null>((best, r) => (best === null || r.days > best.days ? r : best), null);
  return {
    count: figure(`${key}.count`, rows.length, all),
    totalDays: figure(
      `${key}.totalDays`,
      rows.reduce((n, r) => n + r.days, 0),
      all,
    ),
    longestDays: figure(`${key}.longestDays`, longest?.days ?? null, longest?.evidence ?? []),
    ongoing: figure(
      `${key}.ongoing`,
      ongoing.length,
      ongoing.flatMap((r) => r.evidence),
    ),
    rows: rows.map(({ evidence: _evidence, ...row }) => row),
  };
}

function defaultNotices(record: CouncilRecord, period: ReportPeriod, end: LocalDate, names: Names, key: string) {
  const notices = record.contracts
    .flatMap((c) => c.defaultNotices.map((e) => ({ contract: c, e, issuedOn: String(e.data['issuedOn'] || e.occurredOn) })))
    .filter((n) => n.issuedOn >= period.from && n.issuedOn <= end)
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : 1));
  return {
    count: figure(
      `${key}.count`,
      notices.length,
      notices.map((n) => n.e),
    ),
    rows: notices.map((n) => ({
      contractId: n.contract.contractId,
      reference: n.contract.reference,
      providerName: names[n.contract.providerId] ?? n.contract.providerId,
      concernId: typeof n.e.data['concernId'] === 'string' ? (n.e.data['concernId'] as string) : null,
      issuedOn: n.issuedOn,
      remedyBy: typeof n.e.data['remedyBy'] === 'string' ? (n.e.data['remedyBy'] as string) : null,
      eventIds: evidenceIds([n.e]),
    })),
  };
}

function concernCounts(record: CouncilRecord, period: ReportPeriod, end: LocalDate, key: string) {
  const window = { from: period.from, to: end };
  const raised = record.concerns.filter((c) => within(window, c.raised.occurredOn));
  const closedIn = (c: ConcernFacts) => c.closures.filter((e) => within(window, e.occurredOn));
  const reopenedIn = (c: ConcernFacts) => c.reopenings.filter((e) => within(window, e.occurredOn));
  const closed = record.concerns.filter((c) => closedIn(c).length > 0);
  const reopened = record.concerns.filter((c) => reopenedIn(c).length > 0);
  const isOpenAt = (c: ConcernFacts) => {
    const last = [...c.closures, ...c.reopenings]
      .filter((e) => e.occurredOn <= end)
      .sort((a, b) => a.globalPosition - b.globalPosition)
      .at(-1);
    return c.raised.occurredOn <= end && (!last || last.type === 'ConcernReopened');
  };
  const open = record.concerns.filter(isOpenAt);
  const row = <K extends string>(field: 'category' | 'severity', value: K) => {
    const of = (list: ConcernFacts[]) => list.filter((c) => c[field] === value);
    return {
      value,
      raised: figure(
        `${key}.${field}.${value}.raised`,
        of(raised).length,
        of(raised).map((c) => c.raised),
      ),
      closed: figure(`${key}.${field}.${value}.closed`, of(closed).length, of(closed).flatMap(closedIn)),
      reopened: figure(`${key}.${field}.${value}.reopened`, of(reopened).length, of(reopened).flatMap(reopenedIn)),
    };
  };
  return {
    raised: figure(
      `${key}.raised`,
      raised.length,
      raised.map((c) => c.raised),
    ),
    closed: figure(`${key}.closed`, closed.length, closed.flatMap(closedIn)),
    reopened: figure(`${key}.reopened`, reopened.length, reopened.flatMap(reopenedIn)),
    openAtEnd: figure(
      `${key}.openAtEnd`,
      open.length,
      open.map((c) => c.raised),
    ),
    byCategory: CONCERN_CATEGORIES.map((c) => row('category', c)).filter((r) => r.raised.value || r.closed.value || r.reopened.value),
    bySeverity: RAG_SEVERITIES.map((s) => row('severity', s)),
  };
}

const spanDays = (from: LocalDate, to: LocalDate) => (to < from ? 0 : daysBetween(from, to) + 1);

function managers(services: readonly ServiceFacts[], period: ReportPeriod, end: LocalDate, names: Names, key: string) {
  const vacancies: (VacancyRow & { evidence: DatedEvent[] })[] = [];
  const interims: (InterimRow & { evidence: DatedEvent[] })[] = [];
  for (const service of services) {
    const base = { serviceId: service.serviceId, serviceName: service.name, providerName: names[service.providerId] ?? service.providerId };
    const from = maxDate(period.from, service.registered.occurredOn);
    if (from <= end) {
      const history = { serviceId: service.serviceId, registered: service.registered as never, events: service.managerEvents as MeasureEvent[] };
      const { tenures, evidence } = registeredTenures(history);
      for (const gap of uncoveredSpans(tenures, from, end)) {
        const around = evidence.filter((e) => e.type === 'ManagerLeft' && String(e.data['leftOn']) === addDays(gap.from, -1));
        const next = evidence.filter((e) => e.type === 'ManagerRegistered' && String(e.data['registeredOn']) === addDays(gap.to, 1));
        const used = [service.registered, ...around, ...next];
        vacancies.push({ ...base, from: gap.from, to: gap.to, days: gap.days, eventIds: evidenceIds(used), evidence: used });
      }
    }
    const appointments = service.managerEvents.filter((e) => e.type === 'ManagerAppointed');
    for (const appointed of appointments.filter((e) => e.data['basis'] === 'interim')) {
      const startedOn = String(appointed.data['startedOn'] || appointed.occurredOn);
      const managerId = String(appointed.data['managerId']);
      const left = service.managerEvents.find((e) => e.type === 'ManagerLeft' && e.data['managerId'] === managerId && String(e.data['leftOn']) >= startedOn);
      const replaced = appointments.find((e) => e !== appointed && String(e.data['startedOn']) > startedOn);
      const endings = [
        ...(left ? [{ on: String(left.data['leftOn']), e: left }] : []),
        ...(replaced ? [{ on: addDays(String(replaced.data['startedOn']), -1), e: replaced }] : []),
      ].sort((a, b) => (a.on < b.on ? -1 : 1));
      const ending = endings[0] ?? null;
      const to = ending?.on ?? null;
      const daysInPeriod = spanDays(maxDate(startedOn, period.from), minDate(to ?? end, end));
      if (daysInPeriod <= 0) continue;
      const used = [appointed, ...(ending ? [ending.e] : [])];
      interims.push({
        ...base,
        managerId,
        managerName: String(appointed.data['managerName'] ?? ''),
        from: startedOn,
        to,
        daysInPeriod,
        eventIds: evidenceIds(used),
        evidence: used,
      });
    }
  }
  const strip = <T extends { evidence: DatedEvent[] }>({ evidence: _e, ...row }: T) => row;
  return {
    servicesWithVacancy: figure(
      `${key}.servicesWithVacancy`,
      new Set(vacancies.map((v) => v.serviceId)).size,
      vacancies.flatMap((v) => v.evidence),
    ),
    vacancyDays: figure(
      `${key}.vacancyDays`,
      vacancies.reduce((n, v) => n + v.days, 0),
      vacancies.flatMap((v) => v.evidence),
    ),
    interimSpans: figure(
      `${key}.interimSpans`,
      interims.length,
      interims.flatMap((i) => i.evidence),
    ),
    interimDays: figure(
      `${key}.interimDays`,
      interims.reduce((n, i) => n + i.daysInPeriod, 0),
      interims.flatMap((i) => i.evidence),
    ),
    vacancies: vacancies.map(strip),
    interims: interims.map(strip),
  };
}

/** Every figure of one period, from the folded record, judged up to min(period end, evaluation date). */
export function periodFigures(record: CouncilRecord, period: ReportPeriod, names: Names, key: string): PeriodFigures {
  const end = minDate(period.to, record.on);
  const { contracts, services, providerIds } = portfolioIn(record, period);
  const contractEvidence = contracts.flatMap((c) => c.events.filter((e) => e.type !== 'DefaultNoticeIssued'));
  const types = [...new Set(services.map((s) => s.serviceType))].sort();
  return {
    period,
    end,
    contracts: {
      inForce: figure(`${key}.contracts.inForce`, contracts.length, contractEvidence),
      services: figure(`${key}.contracts.services`, services.length, [...contractEvidence, ...services.map((s) => s.registered)]),
      providers: figure(`${key}.contracts.providers`, providerIds.length, contractEvidence),
      rows: contracts.map((c) => ({
        contractId: c.contractId,
        reference: c.reference,
        providerId: c.providerId,
        providerName: names[c.providerId] ?? c.providerId,
        serviceIds: c.serviceIds,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        endedOn: c.endedOn,
        status: contractStatus(c, end),
        eventIds: evidenceIds(c.events.filter((e) => e.type !== 'DefaultNoticeIssued')),
      })),
    },
    byServiceType: types.map((serviceType) => {
      const ofType = services.filter((s) => s.serviceType === serviceType);
      const ofTypeContracts = contracts.filter((c) => c.serviceIds.some((id) => ofType.some((s) => s.serviceId === id)));
      const evidence = [...ofTypeContracts.flatMap((c) => c.events.filter((e) => e.type !== 'DefaultNoticeIssued')), ...ofType.map((s) => s.registered)];
      return {
        serviceType,
        services: figure(`${key}.type.${serviceType}.services`, ofType.length, evidence),
        providers: figure(`${key}.type.${serviceType}.providers`, new Set(ofType.map((s) => s.providerId)).size, evidence),
        ratings: ratingDistribution(`${key}.type.${serviceType}.ratings`, ofType, end),
      };
    }),
    ratings: ratingDistribution(`${key}.ratings`, services, end),
    escalation: escalation(record, period, end, names, `${key}.escalation`),
    suspensions: suspensions(record, period, end, names, `${key}.suspensions`),
    defaultNotices: defaultNotices(record, period, end, names, `${key}.defaultNotices`),
    concerns: concernCounts(record, period, end, `${key}.concerns`),
    managers: managers(services, period, end, names, `${key}.managers`),
  };
}
