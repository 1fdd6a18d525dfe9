const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A London calendar date as GOV.UK writes it: 31 March 2025. */
export const formatDate = (date: string): string => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
import type { CouncilReport, Figure, RatingBand, RatingDistribution } from './report-model';
import { RATING_BANDS } from './report-model';

/** One cell: words, or a figure with the events behind it. */
export interface ReportCell {
  text: string;
  /** The number as stored (a share as a fraction), for the spreadsheet; absent for words. */
  value?: number | null;
  /** Present when the cell is a figure: the page links it to its events. */
  figure?: { key: string; eventIds: string[] };
  /** A record the cell names, for the page to link to (a concern or a service). */
  link?: { kind: 'concern' | 'service' | 'provider'; id: string };
}

export interface ReportTable {
  id: string;
  title: string;
  /** What the table counts and how, in a sentence. */
  description: string;
  head: string[];
  rows: ReportCell[][];
  /** Fit to publish: no staff names, no free text, no concern ids. */
  public: boolean;
}

export const RATING_NAMES: Record<RatingBand, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  not_rated: 'Not yet rated',
};

export const LEVEL_NAMES: Record<string, string> = {
  '1': 'Level 1: enhanced monitoring',
  '2': 'Level 2: placements suspended',
  '3': 'Level 3: contract default or regulator referral',
};

export const humanise = (text: string): string => {
  const words = text.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const percent = (value: number | null): string => (value === null ? 'None rated' : `${Number((value * 100).toFixed(2))}%`);

type Format = 'count' | 'share' | 'days' | 'rate' | 'number';

const formatted = (value: number | null, format: Format): string => {
  if (value === null) return format === 'share' ? 'None rated' : 'None';
  switch (format) {
    case 'share':
    case 'rate':
      return percent(value);
    case 'days':
      return `${value} ${value === 1 ? 'day' : 'days'}`;
    default:
      return String(value);
  }
};

export const figureCell = (f: Figure, format: Format = 'count'): ReportCell => ({
  text: formatted(f.value, format),
  value: f.value,
  figure: { key: f.key, eventIds: f.eventIds },
});
const text = (t: string, link?: ReportCell['link']): ReportCell => (link ? { text: t, link } : { text: t });
const date = (d: string | null, none = 'Not yet'): ReportCell => text(d ? formatDate(d) : none);
const signed = (n: number | null, format: Format): ReportCell => {
  if (n === null) return text('Not comparable');
  const magnitude = formatted(Math.abs(n), format);
  return { text: n === 0 ? 'No change' : `${n > 0 ? 'Up' : 'Down'} ${magnitude}`, value: n };
};

const distributionCells = (d: RatingDistribution): ReportCell[] => [
  figureCell(d.services),
  ...RATING_BANDS.map((band) => figureCell(d.counts[band])),
  figureCell(d.goodOrBetterShare, 'share'),
];
const RATING_HEAD = ['Services', ...RATING_BANDS.map((b) => RATING_NAMES[b]), 'Good or Outstanding (of those rated)'];

const CHANGE_FORMATS: Record<string, Format> = { goodOrBetter: 'share', vacancyDays: 'days' };

/**
 * The report as tables, in reading order: the one shape the page, the printable version, the
 * spreadsheet and the CSV are all made from, so they cannot disagree.
 */
export function reportTables(report: CouncilReport): ReportTable[] {
  const cur = report.current;
  const prev = report.previous;
  const [p, q] = [report.period.label, report.previousPeriod.label];
  const tables: ReportTable[] = [
    {
      id: 'changes',
      public: true,
      title: `Changes against ${q}`,
      description: `Each figure for ${p} beside the same figure for ${q}.`,
      head: ['Figure', q, p, 'Change'],
      rows: report.changes.map((c) => [
        text(c.label),
        figureCell(c.previous, CHANGE_FORMATS[c.key] ?? 'count'),
        figureCell(c.current, CHANGE_FORMATS[c.key] ?? 'count'),
        signed(c.change, CHANGE_FORMATS[c.key] ?? 'count'),
      ]),
    },
    {
      id: 'service-types',
      public: true,
      title: 'Services and providers under contract, by type of service',
      description: `Services covered by the council's confirmed contracts in force at some time in ${p}, and their latest ratings at the end of the period.`,
      head: ['Type of service', 'Services', 'Providers', ...RATING_BANDS.map((b) => RATING_NAMES[b]), 'Good or Outstanding'],
      rows: cur.byServiceType.map((t) => [
        text(humanise(t.serviceType)),
        figureCell(t.services),
        figureCell(t.providers),
        ...RATING_BANDS.map((band) => figureCell(t.ratings.counts[band])),
        figureCell(t.ratings.goodOrBetterShare, 'share'),
      ]),
    },
    {
      id: 'rating-trend',
      public: true,
      title: 'Ratings at the end of each period',
      description:
        'The latest published rating of each service under contract, at the end of this period and the two before. This table is the text alternative of the chart.',
      head: ['Period', ...RATING_HEAD],
      rows: report.ratingTrend.map((t) => [text(t.period.label), ...distributionCells(t.ratings)]),
    },
    {
      id: 'services',
      public: true,
      title: 'Services and their latest ratings',
      description: `Each service under contract in ${p}: its latest published rating at the end of the period, and at the end of ${q}.`,
      head: ['Service', 'Provider', 'Type of service', 'Rating', 'Published', `Rating at the end of ${q}`],
      rows: report.services.map((s) => [
        text(s.name, { kind: 'service', id: s.serviceId }),
        text(s.providerName),
        text(humanise(s.serviceType)),
        { text: RATING_NAMES[s.rating], figure: { key: `service.${s.serviceId}`, eventIds: s.eventIds } },
        date(s.ratedOn, 'Not yet rated'),
        text(RATING_NAMES[s.previousRating]),
      ]),
    },
    {
      id: 'contracts',
      public: false,
      title: 'Contracts',
      description: `The council's confirmed contracts in force at some time in ${p}, with their status at the end of the period.`,
      head: ['Reference', 'Provider', 'Services', 'Starts', 'Ends', 'Status'],
      rows: cur.contracts.rows.map((c) => [
        { text: c.reference, figure: { key: `contract.${c.contractId}`, eventIds: c.eventIds } },
        text(c.providerName),
        text(String(c.serviceIds.length)),
        date(c.startsOn),
        date(c.endedOn ?? c.endsOn),
        text(humanise(c.status)),
      ]),
    },
    {
      id: 'escalation-levels',
      public: true,
      title: 'Providers in escalation, by the highest level reached',
      description:
        'Providers with a concern of this council at an escalation level at some time in the period, counted once at the highest level reached. A closed concern is not in escalation.',
      head: ['Level', q, p],
      rows: (['1', '2', '3'] as const).map((l) => [
        text(LEVEL_NAMES[l]),
        figureCell(prev.escalation.providersByLevel[l]),
        figureCell(cur.escalation.providersByLevel[l]),
      ]),
    },
    {
      id: 'escalation',
      public: false,
      title: 'Providers in escalation',
      description: `Each provider in escalation in ${p}, its highest level and the concerns that took it there.`,
      head: ['Provider', 'Highest level', 'Concerns'],
      rows: cur.escalation.rows.map((r) => [
        text(r.providerName),
        { text: LEVEL_NAMES[String(r.highestLevel)], value: r.highestLevel, figure: { key: `escalation.${r.providerId}`, eventIds: r.eventIds } },
        text(String(r.concernIds.length)),
      ]),
    },
    {
      id: 'suspensions',
      public: false,
      title: 'Placement suspensions',
      description:
        'Suspensions of new placements in force at some time in the period, with their length in calendar days (to the evaluation date while they last).',
      head: ['Service', 'Provider', 'Suspended', 'Ended', 'Length'],
      rows: cur.suspensions.rows.map((s) => [
        text(s.serviceName, { kind: 'concern', id: s.concernId }),
        text(s.providerName),
        date(s.suspendedOn),
        date(s.endedOn, 'Still suspended'),
        { text: formatted(s.days, 'days'), value: s.days, figure: { key: `suspension.${s.concernId}.${s.suspendedOn}`, eventIds: s.eventIds } },
      ]),
    },
    {
      id: 'default-notices',
      public: false,
      title: 'Default notices',
      description: 'Default notices the council issued under its contracts in the period.',
      head: ['Contract', 'Provider', 'Issued', 'Remedy by'],
      rows: cur.defaultNotices.rows.map((n) => [
        { text: n.reference, figure: { key: `notice.${n.contractId}.${n.issuedOn}`, eventIds: n.eventIds } },
        text(n.providerName),
        date(n.issuedOn),
        date(n.remedyBy, 'None set'),
      ]),
    },
    ...(['category', 'severity'] as const).map((field): ReportTable => ({
      id: `concerns-${field}`,
      public: true,
      title: `Concerns by ${field}`,
      description: `Concerns this council raised, closed and reopened in ${p}, by their ${field} as raised (corrections applied). Open at the end of the period: ${cur.concerns.openAtEnd.value}.`,
      head: [humanise(field), 'Raised', 'Closed', 'Reopened'],
      rows: [
        ...(field === 'category' ? cur.concerns.byCategory : cur.concerns.bySeverity).map((r) => [
          text(humanise(r.value)),
          figureCell(r.raised),
          figureCell(r.closed),
          figureCell(r.reopened),
        ]),
        [text('All'), figureCell(cur.concerns.raised), figureCell(cur.concerns.closed), figureCell(cur.concerns.reopened)],
      ],
    })),
    ...(['pamms', 'cqc'] as const).map((framework): ReportTable => ({
      id: `tags-${framework}`,
      public: false,
      title: framework === 'pamms' ? 'Findings and actions by PAMMS domain' : 'Findings and actions by CQC key question',
      description:
        `Visits in ${p} whose findings were tagged with each ${framework === 'pamms' ? 'PAMMS domain or one of its standards' : 'CQC key question or one of its quality statements'}, ` +
        `findings of visit reports published in ${p}, plan actions the council agreed in ${p}, and the tagged actions still open (and overdue) at ${formatDate(report.byTag.end)}. ` +
        "An item tagged under two groups counts in each; visits on a service's own record count when the council or the provider recorded them.",
      head: [
        framework === 'pamms' ? 'PAMMS domain' : 'CQC key question',
        'Visits',
        'Published findings',
        'Actions agreed',
        'Actions open at the end',
        'Actions overdue at the end',
      ],
      rows: report.byTag[framework].map((r) => [
        text(r.name),
        figureCell(r.visits),
        figureCell(r.findings),
        figureCell(r.actionsAgreed),
        figureCell(r.actionsOpen),
        figureCell(r.actionsOverdue),
      ]),
    })),
    {
      id: 'responsiveness',
      public: false,
      title: 'Responsiveness, provider by provider',
      description:
        `The ten responsiveness measures at ${formatDate(report.responsiveness.on)}, over this council's concerns about each provider and its services' own records. ` +
        "Both sides of the record: the council's review lag stands beside the provider's plan lag. Working days unless said.",
      head: [
        'Provider',
        'Acknowledge (median)',
        'Plan lag (median)',
        'Plans on time',
        "Council's review lag (median)",
        'Updates on time',
        'Actions on time',
        'Overdue action-days',
        'Time to closure (median)',
        'Reopened within 12 months',
        'Days without a registered manager (365 days)',
        'Concerns per 100 service-months after a manager change',
        'Concerns per 100 service-months, other months',
      ],
      rows: report.responsiveness.rows.map((r) => [
        text(r.providerName, { kind: 'provider', id: r.providerId }),
        figureCell(r.acknowledgeMedianWorkingDays, 'number'),
        figureCell(r.planLagMedianWorkingDays, 'number'),
        figureCell(r.planOnTimeRate, 'rate'),
        figureCell(r.councilReviewLagMedianWorkingDays, 'number'),
        figureCell(r.cadenceAdherenceRate, 'rate'),
        figureCell(r.onTimeActionRate, 'rate'),
        figureCell(r.overdueActionDays, 'number'),
        figureCell(r.closureMedianWorkingDays, 'number'),
        figureCell(r.reopenRate, 'rate'),
        figureCell(r.daysWithoutRegisteredManager, 'number'),
        figureCell(r.concernsPer100ServiceMonthsAfterManagerChange, 'number'),
        figureCell(r.concernsPer100ServiceMonthsOtherMonths, 'number'),
      ]),
    },
    {
      id: 'vacancies',
      public: false,
      title: 'Registered-manager vacancies',
      description:
        'Runs of days in the period when a service under contract had no registered manager (a manager counts from registration to the day they left).',
      head: ['Service', 'Provider', 'From', 'To', 'Days'],
      rows: cur.managers.vacancies.map((v) => [
        text(v.serviceName, { kind: 'service', id: v.serviceId }),
        text(v.providerName),
        date(v.from),
        date(v.to),
        { text: formatted(v.days, 'days'), value: v.days, figure: { key: `vacancy.${v.serviceId}.${v.from}`, eventIds: v.eventIds } },
      ]),
    },
    {
      id: 'interims',
      public: false,
      title: 'Interim managers',
      description:
        'Interim managers in post at some time in the period, until they left or were replaced. Staff names are personal data: this table is never in the public summary.',
      head: ['Service', 'Provider', 'Interim manager', 'From', 'To', 'Days in the period'],
      rows: cur.managers.interims.map((i) => [
        text(i.serviceName, { kind: 'service', id: i.serviceId }),
        text(i.providerName),
        text(i.managerName),
        date(i.from),
        date(i.to, 'Still in post'),
        { text: formatted(i.daysInPeriod, 'days'), value: i.daysInPeriod, figure: { key: `interim.${i.serviceId}.${i.managerId}`, eventIds: i.eventIds } },
      ]),
    },
  ];
  return tables;
}

/** The summary fit to publish: aggregate tables and public ratings only, no staff names, free text or concern ids. */
export const publicTables = (report: CouncilReport): ReportTable[] => reportTables(report).filter((t) => t.public);

/** A period's words: "2025 (1 January 2025 to 31 December 2025)". */
export const periodWords = (period: { label: string; from: string; to: string }): string =>
  `${period.label} (${formatDate(period.from)} to ${formatDate(period.to)})`;

/** What the report shows, said plainly: live or replayed, on which basis. */
export function viewWords(report: CouncilReport): string {
  if (report.asOf === null) return `The record as it stands on ${formatDate(report.on)}.`;
  return report.basis === 'occurred'
    ? `What had happened by the end of ${formatDate(report.asOf)} — as occurred, including entries recorded later.`
    : `The record as it stood at the end of ${formatDate(report.asOf)} — as recorded then. Entries recorded later are not counted.`;
}
