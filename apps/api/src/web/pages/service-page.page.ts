import type { PublishedRating, ServiceState } from '@caretrail/domain';
import { serviceManagerNotices, type ServiceManagerNotices } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { tenureChart, tenureSpans, type TenureSpan } from '../charts/tenure-chart.svg';
import { correctionMarks, retractionMarks } from '../read/corrected-record';
import type { ConcernAbout, TimelinePageRead } from '../read/record-timeline';
import type { ServicePageRecord } from '../read/service-record.reader';
import { londonToday } from '../rendering/date-format';
import { humanise } from '../rendering/nunjucks-environment';
import { serviceRelation } from '../forms/service-record.forms';
import type { ActionLink } from './concern-parties.view';
import { serviceOffers } from './offered-actions';
import { entryName, fieldName, valueWords } from './record-words';
import { timelineItems, timelineRange, type TimelineItem } from './timeline-items';
import type { PaginationParams } from './timeline-pagination';

const KEY_QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'] as const;

/** Entries of the service's timeline on each page of it (GOV.UK pagination below them). */
export const SERVICE_TIMELINE_PAGE = 10;

export interface ServicePage {
  title: string;
  /** The service as it reads now (corrections applied). */
  state: ServiceState;
  record: ServicePageRecord;
  tenure: { spans: TenureSpan[]; svg: string };
  /** Absences judged against their notice deadlines, days without a registered manager and changes of manager, on the day read. */
  managerNotices: ServiceManagerNotices;
  ratings: { rating: PublishedRating; keyQuestions: { question: string; rating: string }[]; corrected: boolean; retracted: string | null }[];
  enforcement: { decidedOn: string; action: string; summary: string; corrected: boolean; retracted: string | null }[];
  concerns: ConcernAbout[];
  actionLinks: ActionLink[];
  corrections: { eventId: string; entry: string; at: string; fields: { name: string; before: string; after: string }[]; reasons: string[] }[];
  /** One page of its timeline, newest first, with the GOV.UK pagination to the others. */
  timeline: { items: TimelineItem[]; range: string; shown: string; pagination: PaginationParams | null };
}

/** The service page: its manager tenures, ratings and enforcement over time, the concerns about it and its newest entries. */
export function servicePage(
  record: ServicePageRecord,
  who: Identity,
  concerns: ConcernAbout[],
  timeline: TimelinePageRead,
  pagination: PaginationParams | null,
  today = londonToday(),
): ServicePage {
  const state = record.corrected;
  const until = record.replay?.asOf ?? today;
  const spans = tenureSpans(state.managerTenures, until);
  // What the reader is offered is the access policy's to decide (pages/offered-actions.ts).
  const actionLinks = record.replay ? [] : serviceOffers(record.id, record.live, serviceRelation(record, who));
  const log = record.state.log;
  const marks = correctionMarks(log);
  const corrected = new Set(marks.map((m) => m.eventId));
  const withdrawn = new Map(retractionMarks(log).map((r) => [r.eventId, r.reason]));
  return {
    title: state.name ?? 'Service',
    state,
    record,
    tenure: { spans, svg: tenureChart(spans, 'tenure') },
    managerNotices: serviceManagerNotices(state, until),
    ratings: [...state.ratings].reverse().map((rating) => ({
      rating,
      keyQuestions: KEY_QUESTIONS.map((q) => ({ question: q, rating: rating.keyQuestions[q] ?? 'not rated' })),
      corrected: corrected.has(rating.eventId),
      retracted: withdrawn.get(rating.eventId) ?? null,
    })),
    enforcement: [...state.enforcement].reverse().map((e) => ({
      decidedOn: e.decidedOn,
      action: humanise(e.action),
      summary: e.summary,
      corrected: corrected.has(e.eventId),
      retracted: withdrawn.get(e.eventId) ?? null,
    })),
    concerns,
    actionLinks,
    corrections: marks.map((m) => ({
      eventId: m.eventId,
      entry: entryName(m.entryType),
      at: m.occurredAt,
      fields: m.fields.map((f) => ({ name: fieldName(f.field), before: valueWords(f.before), after: valueWords(f.after) })),
      reasons: m.reasons,
    })),
    timeline: {
      items: timelineItems(timeline.entries, { log }),
      // Read live, the service's timeline is not counted (a count would walk all of it): it says which entries a page shows.
      range:
        timeline.total === null
          ? timeline.entries.length === 0 && timeline.page === 1
            ? 'No entries'
            : 'Every entry of the service and of the concerns about it you can see'
          : timelineRange(timeline.total, timeline.first, timeline.last),
      shown: shownWords(timeline),
      pagination,
    },
  };
}

/** "Showing entries 11 to 20, page 2 of 5" (counted) or "Showing entries 11 to 20" (not counted); '' for a lone page. */
function shownWords(t: TimelinePageRead): string {
  if (t.page === 1 && !t.hasNext) return '';
  if (t.entries.length === 0) return `Page ${t.page} has no entries`;
  const from = (t.page - 1) * t.perPage + 1;
  return `Showing entries ${from} to ${from + t.entries.length - 1}${t.pages !== null ? `, page ${t.page} of ${t.pages}` : ''}`;
}
