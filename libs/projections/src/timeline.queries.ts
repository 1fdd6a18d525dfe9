import { sql } from 'kysely';
import type { ReadDb } from './projection';
import { activeGeneration } from './projection-checkpoints';
import { scopeCondition, type RecordScope } from './record-scope';
import { TIMELINE } from './timeline.projection';
import {
  decodeCursor,
  encodeCursor,
  endOfLondonDay,
  filterTimeline,
  paginateTimeline,
  startOfLondonDay,
  TAGGED_KINDS,
  type TimelineEntry,
  type TimelinePage,
  type TimelineQuery,
} from './timeline-lib';

type EntryRow = { entry: string; links: string; flags: string };

const toEntry = (row: EntryRow): TimelineEntry => ({
  ...(JSON.parse(row.entry) as Omit<TimelineEntry, 'links' | 'flags'>),
  links: JSON.parse(row.links) as TimelineEntry['links'],
  flags: JSON.parse(row.flags) as TimelineEntry['flags'],
});

/**
 * A scope's timeline from the read model, with the timeline library's filters, order and cursors
 * (filterTimeline + paginateTimeline), so the same query over the replayed events of the scope
 * gives the same page, and a cursor from either path pages the other. Served by the
 * (generation, <scope>_id, occurred_ms, global_position) indexes.
 */
export async function readTimeline(db: ReadDb, scope: RecordScope, query: TimelineQuery = {}): Promise<TimelinePage> {
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1)) {
    throw new RangeError(`limit must be a whole number of at least 1, not ${query.limit}`);
  }
  const { from, to, kinds, parties, categories, tags, concernId, serviceId } = query;
  // An empty list matches nothing, as in the library; SQL has no empty IN.
  if ([kinds, parties, categories, tags].some((list) => list !== undefined && list.length === 0)) return { entries: [], nextCursor: null };
  // Tags have no column: only visits and plan versions carry them, so those rows of the scope are read
  // and the library's own filter and pages apply (the same page as replay, the same cursors).
  const taggedKinds = tags === undefined ? undefined : TAGGED_KINDS.filter((k) => kinds === undefined || kinds.includes(k));
  if (taggedKinds !== undefined && taggedKinds.length === 0) return { entries: [], nextCursor: null };

  const descending = query.order === 'desc';
  const direction = descending ? 'desc' : 'asc';
  let q = db
    .selectFrom('timeline_entries')
    .select(['entry', 'links', 'flags', 'occurred_at', 'global_position'])
    .where('generation', '=', activeGeneration(TIMELINE))
    .where(scopeCondition('timeline_entries', scope));
  if (from !== undefined) q = q.where('occurred_ms', '>=', Date.parse(startOfLondonDay(from)));
  if (to !== undefined) q = q.where('occurred_ms', '<=', Date.parse(endOfLondonDay(to)));
  if (taggedKinds !== undefined) q = q.where('kind', 'in', [...taggedKinds]);
  else if (kinds !== undefined) q = q.where('kind', 'in', [...kinds]);
  if (parties !== undefined) q = q.where('party', 'in', [...parties]);
  if (categories !== undefined) q = q.where('category', 'in', [...categories]);
  if (concernId !== undefined) q = q.where('link_concern_id', '=', concernId);
  if (serviceId !== undefined) q = q.where('link_service_id', '=', serviceId);
  if (tags !== undefined) {
    const rows = await q.orderBy('occurred_ms', 'asc').orderBy('global_position', 'asc').execute();
    return paginateTimeline(filterTimeline(rows.map(toEntry), { tags }), query);
  }
  if (query.after) {
    const at = decodeCursor(query.after);
    const op = sql.raw(descending ? '<' : '>');
    // A row-value comparison, not `occurred_ms > x OR (occurred_ms = x AND global_position > y)`: both
    // stores seek the scope's index to the cursor with it, where the OR form read the scope's entries from
    // its first (a deep page of a long record cost its whole length: 1.1 ms against 0.3 ms at 4,437
    // entries on SQLite, growing with the record).
    q = q.where(sql<boolean>`(occurred_ms, global_position) ${op} (${at.occurredAtMs}, ${at.globalPosition})`);
  }
  q = q.orderBy('occurred_ms', direction).orderBy('global_position', direction);
  // One row more than asked tells whether another page follows.
  if (query.limit !== undefined) q = q.limit(query.limit + 1);
  const rows = await q.execute();
  const more = query.limit !== undefined && rows.length > query.limit;
  const entries = (more ? rows.slice(0, query.limit) : rows).map(toEntry);
  return { entries, nextCursor: more ? encodeCursor(entries[entries.length - 1]) : null };
}

/** One entry by its event id, or undefined. */
export async function readTimelineEntry(db: ReadDb, eventId: string): Promise<TimelineEntry | undefined> {
  const row = await db
    .selectFrom('timeline_entries')
    .select(['entry', 'links', 'flags'])
    .where('generation', '=', activeGeneration(TIMELINE))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}
