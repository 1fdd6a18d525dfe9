import type { LocalDate } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { Clocks } from '../clocks';
import { computeMeasures, type Measures } from '../measures/compute-measures';
import { buildTimeline, type TimelineOptions } from '../timeline/timeline-entry.builder';
import { queryTimeline, type TimelinePage, type TimelineQuery } from '../timeline/timeline-query';
import { asOf, type ReplayBasis } from './as-of';

export interface ReplayPoint {
  asOf: LocalDate;
  basis: ReplayBasis;
}

export type ReplayTimelineOptions = ReplayPoint & TimelineQuery & TimelineOptions;

/**
 * The timeline as of a date: the same build and query as the live view, over the events selected
 * for that date. Corrections recorded after the date are not applied on the 'recorded' basis,
 * because the record did not show them yet.
 */
export function replayTimeline(events: readonly RecordedEvent[], options: ReplayTimelineOptions): TimelinePage {
  const { asOf: date, basis, partyOf, organisationKinds, clocks, ...query } = options;
  return queryTimeline(buildTimeline(asOf(events, date, basis), { partyOf, organisationKinds, clocks }), query);
}

/** The measures as of a date: the same functions over the selected events, evaluated on that date. */
export function replayMeasures(events: readonly RecordedEvent[], options: ReplayPoint & { clocks?: Partial<Clocks> }): Measures {
  return computeMeasures(asOf(events, options.asOf, options.basis), { on: options.asOf, clocks: options.clocks });
}
