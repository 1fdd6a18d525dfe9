import type { ConcernCategory, Instant, LocalDate, Rating, RagSeverity, ServiceType } from '@caretrail/domain';
import type { ReplayBasis } from '@caretrail/timeline';
import type { ReportPeriod } from './report-period';
import type { TagGroups } from './tag-groups';

/**
 * One number of the report and the events it was computed from (corrections included), so a reader
 * can check it by hand. `key` is unique within the report: the page links each number to its events by it.
 */
export interface Figure {
  key: string;
  value: number | null;
  eventIds: string[];
}

export const RATING_BANDS = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'not_rated'] as const;
export type RatingBand = Rating | 'not_rated';

export interface RatingDistribution {
  on: LocalDate;
  services: Figure;
  counts: Record<RatingBand, Figure>;
  /** Outstanding or Good over services rated; null when none is rated. Evidence: the ratings counted. */
  goodOrBetterShare: Figure;
}

export interface ContractRow {
  contractId: string;
  reference: string;
  providerId: string;
  providerName: string;
  serviceIds: string[];
  startsOn: LocalDate;
  endsOn: LocalDate;
  endedOn: LocalDate | null;
  /** At the end of the period (or the evaluation date, if earlier). */
  status: 'in_force' | 'ended' | 'expired' | 'not_started';
  eventIds: string[];
}

export interface ServiceRow {
  serviceId: string;
  name: string;
  providerId: string;
  providerName: string;
  serviceType: ServiceType | string;
  rating: RatingBand;
  ratedOn: LocalDate | null;
  previousRating: RatingBand;
  eventIds: string[];
}

export interface EscalationRow {
  providerId: string;
  providerName: string;
  highestLevel: 1 | 2 | 3;
  concernIds: string[];
  eventIds: string[];
}

export interface SuspensionRow {
  concernId: string;
  serviceId: string;
  serviceName: string;
  providerName: string;
  suspendedOn: LocalDate;
  /** Resumed (or the concern closed); null while still suspended on the evaluation date. */
  endedOn: LocalDate | null;
  /** Calendar days from suspension to its end, or to the evaluation date while it lasts. */
  days: number;
  eventIds: string[];
}

export interface DefaultNoticeRow {
  contractId: string;
  reference: string;
  providerName: string;
  concernId: string | null;
  issuedOn: LocalDate;
  remedyBy: LocalDate | null;
  eventIds: string[];
}

export interface ConcernCountRow<K extends string> {
  value: K;
  raised: Figure;
  closed: Figure;
  reopened: Figure;
}

export interface ResponsivenessRow {
  providerId: string;
  providerName: string;
  /** The ten measures, provider by provider, over this council's concerns about it and its services' own records. */
  acknowledgeMedianWorkingDays: Figure;
  planLagMedianWorkingDays: Figure;
  planOnTimeRate: Figure;
  councilReviewLagMedianWorkingDays: Figure;
  cadenceAdherenceRate: Figure;
  onTimeActionRate: Figure;
  overdueActionDays: Figure;
  closureMedianWorkingDays: Figure;
  reopenRate: Figure;
  daysWithoutRegisteredManager: Figure;
  concernsPer100ServiceMonthsAfterManagerChange: Figure;
  concernsPer100ServiceMonthsOtherMonths: Figure;
}

export interface VacancyRow {
  serviceId: string;
  serviceName: string;
  providerName: string;
  from: LocalDate;
  to: LocalDate;
  days: number;
  eventIds: string[];
}

export interface InterimRow {
  serviceId: string;
  serviceName: string;
  providerName: string;
  managerId: string;
  /** A staff name: personal data, never in the public summary. */
  managerName: string;
  from: LocalDate;
  /** Left or replaced; null while still in post on the evaluation date. */
  to: LocalDate | null;
  /** Days of the span within the period. */
  daysInPeriod: number;
  eventIds: string[];
}

/** The figures of one period, computed the same way for the report's period and the one before. */
export interface PeriodFigures {
  period: ReportPeriod;
  /** The last day these figures look at: the period's end, or the evaluation date when earlier. */
  end: LocalDate;
  contracts: { inForce: Figure; services: Figure; providers: Figure; rows: ContractRow[] };
  byServiceType: { serviceType: string; services: Figure; providers: Figure; ratings: RatingDistribution }[];
  ratings: RatingDistribution;
  escalation: { providersByLevel: Record<'1' | '2' | '3', Figure>; providersInEscalation: Figure; rows: EscalationRow[] };
  suspensions: { count: Figure; totalDays: Figure; longestDays: Figure; ongoing: Figure; rows: SuspensionRow[] };
  defaultNotices: { count: Figure; rows: DefaultNoticeRow[] };
  concerns: {
    raised: Figure;
    closed: Figure;
    reopened: Figure;
    openAtEnd: Figure;
    byCategory: ConcernCountRow<ConcernCategory>[];
    bySeverity: ConcernCountRow<RagSeverity>[];
  };
  managers: {
    servicesWithVacancy: Figure;
    vacancyDays: Figure;
    interimSpans: Figure;
    interimDays: Figure;
    vacancies: VacancyRow[];
    interims: InterimRow[];
  };
}

export interface ChangeRow {
  key: string;
  label: string;
  current: Figure;
  previous: Figure;
  /** current - previous; null when either is null. */
  change: number | null;
}

export interface CouncilReport {
  kind: 'caretrail-council-report';
  councilId: string;
  councilName: string;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  /** The replay date, or null for the record as it stands. */
  asOf: LocalDate | null;
  basis: ReplayBasis | null;
  /** The evaluation date: asOf, else the day the report was made. */
  on: LocalDate;
  current: PeriodFigures;
  previous: PeriodFigures;
  /** The rating distribution at the end of this period and the two before, oldest first: the trend chart. */
  ratingTrend: { period: ReportPeriod; ratings: RatingDistribution }[];
  services: ServiceRow[];
  responsiveness: { on: LocalDate; rows: ResponsivenessRow[] };
  changes: ChangeRow[];
  /** The period's visits, findings and plan actions grouped by PAMMS domain and CQC key question (tag-groups.ts). */
  byTag: TagGroups;
  /** What the record cannot say, said plainly. */
  notes: string[];
  /** Present only when some events could not be read: their ids, in feed order; the figures are computed without them. */
  unreadableEventIds?: string[];
}

export interface ReportMade {
  generatedAt: Instant;
}
