import type { PublishedRating } from '@caretrail/domain';
import { buildTimeline } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { tenureChart, tenureSpans, type TenureSpan } from '../charts/tenure-chart.svg';
import { portfolioOf, type PortfolioConcern } from '../read/portfolio';
import type { ServiceRecord } from '../read/service-record.reader';
import { londonToday } from '../rendering/date-format';
import type { ActionLink } from './concern-parties.view';
import { timelineItems, timelineRange, type TimelineItem } from './timeline-items';

const KEY_QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'] as const;

export interface ServicePage {
  title: string;
  record: ServiceRecord;
  tenure: { spans: TenureSpan[]; svg: string };
  ratings: { rating: PublishedRating; keyQuestions: { question: string; rating: string }[] }[];
  concerns: PortfolioConcern[];
  actionLinks: ActionLink[];
  timeline: { items: TimelineItem[]; range: string };
}

/** The service page: its manager tenures, ratings over time, the concerns about it and its timeline. */
export function servicePage(record: ServiceRecord, who: Identity, today = londonToday()): ServicePage {
  const { state } = record;
  const until = record.replay?.asOf ?? today;
  const spans = tenureSpans(state.managerTenures, until);
  const entries = [...buildTimeline(record.events)].reverse();
  const base = `/app/services/${record.id}`;
  const isProvider = who.organisationKind === 'provider' && who.organisationId === record.live.providerId;
  const actionLinks: ActionLink[] = record.replay
    ? []
    : isProvider
      ? [{ text: 'Record a new manager', href: `${base}/appoint-manager` }, ...(record.live.manager ? [{ text: 'Record that the manager left', href: `${base}/manager-left` }] : [])]
      : who.organisationKind === 'council'
        ? [{ text: 'Raise a concern about this service', href: `/app/concerns/new?serviceId=${record.id}` }]
        : [];
  return {
    title: state.name ?? 'Service',
    record,
    tenure: { spans, svg: tenureChart(spans, 'tenure') },
    ratings: [...state.ratings].reverse().map((rating) => ({
      rating,
      keyQuestions: KEY_QUESTIONS.map((q) => ({ question: q, rating: rating.keyQuestions[q] ?? 'not rated' })),
    })),
    concerns: portfolioOf(record.events, who).concerns,
    actionLinks,
    timeline: { items: timelineItems(entries), range: timelineRange(entries) },
  };
}
