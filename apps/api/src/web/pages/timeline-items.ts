import type { TimelineEntry } from '@caretrail/timeline';
import { formatDate, formatDateTime } from '../rendering/date-format';
import { escapeHtml } from '../rendering/escape-html';
import { humanise } from '../rendering/nunjucks-environment';

const PARTY_NAMES: Record<string, string> = { council: 'Council', provider: 'Provider', regulator: 'Regulator', admin: 'CareTrail administrator' };

/** Params for one MOJ Timeline item. */
export interface TimelineItem {
  label: { text: string };
  html: string;
  datetime: { timestamp: string; type: 'datetime' };
  byline: { text: string };
  attributes: Record<string, string>;
}

/**
 * A timeline entry (built by the timeline library) as an MOJ Timeline item: the summary, both dates
 * when they differ, and the flags said in words: recorded late, corrected (with the corrected reading
 * beside the original), withdrawn, superseded.
 */
export function timelineItem(entry: TimelineEntry): TimelineItem {
  const { flags } = entry;
  const parts: string[] = [];
  const summaryClass = flags.retracted ? 'govuk-body app-retracted' : 'govuk-body';
  parts.push(`<p class="${summaryClass}">${escapeHtml(entry.summary)}</p>`);
  if (entry.recordedOn !== entry.occurredOn || flags.recordedLate) {
    const late = flags.recordedLate
      ? ` <strong class="govuk-tag govuk-tag--orange">Recorded late: ${flags.recordedWorkingDaysAfter} working days after</strong>`
      : '';
    parts.push(`<p class="govuk-body-s">Recorded ${escapeHtml(formatDateTime(entry.recordedAt))}.${late}</p>`);
  }
  if (flags.corrected) {
    parts.push(
      `<div class="app-correction"><p class="govuk-body-s govuk-!-margin-bottom-1"><strong>Corrected.</strong> It now reads: ${escapeHtml(flags.corrected.summaryAfterCorrection)}</p>` +
        `<p class="govuk-body-s">Reason: ${escapeHtml(flags.corrected.reasons.join('; '))}</p></div>`,
    );
  }
  if (flags.retracted) {
    parts.push(`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--red">Withdrawn</strong> ${escapeHtml(flags.retracted.reason)}</p>`);
  }
  if (flags.superseded) {
    parts.push(`<p class="govuk-body-s"><strong class="govuk-tag govuk-tag--grey">Superseded</strong> by plan version ${flags.superseded.byVersion}</p>`);
  }
  return {
    label: { text: humanise(entry.kind) },
    html: parts.join(''),
    datetime: { timestamp: entry.occurredAt, type: 'datetime' },
    byline: { text: PARTY_NAMES[entry.party] ?? entry.party },
    attributes: { 'data-event-id': entry.eventId, 'data-kind': entry.kind },
  };
}

export const timelineItems = (entries: readonly TimelineEntry[]): TimelineItem[] => entries.map(timelineItem);

/** For the heading of a replayed timeline: how many entries and from when to when. */
export function timelineRange(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return 'No entries';
  const dates = entries.map((e) => e.occurredOn).sort();
  return `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, ${formatDate(dates[0])} to ${formatDate(dates[dates.length - 1])}`;
}
