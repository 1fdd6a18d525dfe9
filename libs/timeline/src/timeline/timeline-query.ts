import type { ConcernCategory, LocalDate } from '@caretrail/domain';
import { matchesQualityTags } from './quality-tags';
import { compareWithPosition, decodeCursor, encodeCursor } from './timeline-cursor';
import type { TimelineEntry, TimelineParty } from './timeline-entry';

/** Every filter is optional; given ones must all match. Dates are London dates of occurredAt, inclusive. */
export interface TimelineFilters {
  from?: LocalDate;
  to?: LocalDate;
  kinds?: readonly string[];
  parties?: readonly TimelineParty[];
  /** Keeps entries of concerns in these categories (entries outside any concern drop out). */
  categories?: readonly ConcernCategory[];
  /** Keeps entries tagged with one of these PAMMS or CQC tags, or with a tag under one (a standard under its domain). */
  tags?: readonly string[];
  concernId?: string;
  serviceId?: string;
}

export interface PageRequest {
  /** The cursor of the last entry already seen; entries after it in the chosen order come next. */
  after?: string | null;
  /** At most this many entries; all of them when absent. */
  limit?: number;
  /** Oldest first (default) or newest first. */
  order?: 'asc' | 'desc';
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `after` for the next page; null when this page reaches the end. */
  nextCursor: string | null;
}

export type TimelineQuery = TimelineFilters & PageRequest;

export function filterTimeline(entries: readonly TimelineEntry[], filters: TimelineFilters = {}): TimelineEntry[] {
  const { from, to, kinds, parties, categories, tags, concernId, serviceId } = filters;
  return entries.filter(
    (e) =>
      (from === undefined || e.occurredOn >= from) &&
      (to === undefined || e.occurredOn <= to) &&
      (kinds === undefined || kinds.includes(e.kind)) &&
      (parties === undefined || parties.includes(e.party)) &&
      (categories === undefined || (e.category !== null && categories.includes(e.category))) &&
      (tags === undefined || matchesQualityTags(e.tags, tags)) &&
      (concernId === undefined || e.links.concernId === concernId) &&
      (serviceId === undefined || e.links.serviceId === serviceId),
  );
}

/** Pages entries already in timeline order (as buildTimeline returns them). */
export function paginateTimeline(entries: readonly TimelineEntry[], page: PageRequest = {}): TimelinePage {
  const descending = page.order === 'desc';
  const ordered = descending ? [...entries].reverse() : [...entries];
  const at = page.after ? decodeCursor(page.after) : null;
  const rest = at === null ? ordered : ordered.filter((e) => (descending ? -1 : 1) * compareWithPosition(e, at) > 0);
  if (page.limit !== undefined && (!Number.isInteger(page.limit) || page.limit < 1)) {
    throw new RangeError(`limit must be a whole number of at least 1, not ${page.limit}`);
  }
  const taken = page.limit === undefined ? rest : rest.slice(0, page.limit);
  const more = taken.length < rest.length;
  return { entries: taken, nextCursor: more ? encodeCursor(taken[taken.length - 1]) : null };
}

export const queryTimeline = (entries: readonly TimelineEntry[], query: TimelineQuery = {}): TimelinePage =>
  paginateTimeline(filterTimeline(entries, query), query);
