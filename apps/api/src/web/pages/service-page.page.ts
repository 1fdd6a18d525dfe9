import type { PublishedRating } from '@caretrail/domain';
import { buildTimeline } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { tenureChart, tenureSpans, type TenureSpan } from '../charts/tenure-chart.svg';
import { portfolioOf, type PortfolioConcern } from '../read/portfolio';
import type { ServiceRecord } from '../read/service-record.reader';
import { londonToday } from '../rendering/date-format';
import { serviceRelation } from '../forms/service-record.forms';
import type { ActionLink } from './concern-parties.view';
import { serviceOffers } from './offered-actions';
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
  const actionLinks = record.replay ? [] : serviceOffers(record.id, record.live, serviceRelation(record, who));
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
