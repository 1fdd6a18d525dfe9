import { BadRequestException } from '@nestjs/common';
import { sql } from 'kysely';
import {
  activeGeneration,
  DASHBOARD,
  readableConcernCondition,
  scopeCondition,
  TIMELINE,
  type ReadableConcerns,
  type ReadDb,
  type RecordScope,
} from '@caretrail/projections';
import { matchesQualityTags, TAGGED_KINDS, type TimelineEntry } from '@caretrail/timeline';

/** Entries on one page of a record's timeline on the pages. */
export const ENTRIES_PER_PAGE = 25;

/** One page of a record's timeline, newest first, and where it sits in the whole. */
export interface TimelinePageRead {
  entries: TimelineEntry[];
  /** 1-based; a counted page past the end reads as the last page. */
  page: number;
  /** Null when the page was read without counting (only whether another page follows is known). */
  pages: number | null;
  total: number | null;
  hasNext: boolean;
  perPage: number;
  /** Instants of the oldest and newest entries in the whole timeline (null when empty or not counted). */
  first: string | null;
  last: string | null;
}

type EntryRow = { entry: string; links: string; flags: string };

const toEntry = (row: EntryRow): TimelineEntry => ({
  ...(JSON.parse(row.entry) as Omit<TimelineEntry, 'links' | 'flags'>),
  links: JSON.parse(row.links) as TimelineEntry['links'],
  flags: JSON.parse(row.flags) as TimelineEntry['flags'],
});

/**
 * A page of a scope's timeline from the timeline read model, newest first: one indexed range of
 * `perPage` rows (and one more, to know whether another page follows). Counted, also one count over
 * the scope (with the oldest and newest instants) for "page 2 of 9"; that count walks the scope's rows,
 * so a page whose scope is long and filtered by the reader's concerns (a service's) is read uncounted.
 */
export async function readTimelinePage(db: ReadDb, scope: RecordScope, page: number, perPage = ENTRIES_PER_PAGE, counted = true): Promise<TimelinePageRead> {
  const where = (table: 'timeline_entries') => scopeCondition(table, scope);
  const totals = counted
    ? await db
        .selectFrom('timeline_entries')
        .select([sql<number>`count(*)`.as('total'), sql<number | null>`min(occurred_ms)`.as('first'), sql<number | null>`max(occurred_ms)`.as('last')])
        .where('generation', '=', activeGeneration(TIMELINE))
        .where(where('timeline_entries'))
        .executeTakeFirst()
    : undefined;
  const total = counted ? Number(totals?.total ?? 0) : null;
  const pages = total === null ? null : Math.max(1, Math.ceil(total / perPage));
  const shown = pages === null ? Math.max(1, page) : Math.min(Math.max(1, page), pages);
  const rows =
    total === 0
      ? []
      : await db
          .selectFrom('timeline_entries')
          .select(['entry', 'links', 'flags'])
          .where('generation', '=', activeGeneration(TIMELINE))
          .where(where('timeline_entries'))
          .orderBy('occurred_ms', 'desc')
          .orderBy('global_position', 'desc')
          .limit(perPage + 1)
          .offset((shown - 1) * perPage)
          .execute();
  const instant = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());
  return {
    entries: rows.slice(0, perPage).map(toEntry),
    page: shown,
    pages,
    total,
    hasNext: rows.length > perPage,
    perPage,
    first: instant(totals?.first),
    last: instant(totals?.last),
  };
}

/**
 * A page of a scope's timeline kept to the entries tagged with one of `tags` or a tag under one (issue
 * 16 item 4), newest first. Tags have no column: only visits and plan versions carry them, so the
 * scope's rows of those kinds are read (an index range) and the timeline library's own tag test
 * applies, as on the API; the page is counted over what the filter keeps.
 */
export async function readTaggedTimelinePage(
  db: ReadDb,
  scope: RecordScope,
  tags: readonly string[],
  page: number,
  perPage = ENTRIES_PER_PAGE,
): Promise<TimelinePageRead> {
  const rows = await db
    .selectFrom('timeline_entries')
    .select(['entry', 'links', 'flags'])
    .where('generation', '=', activeGeneration(TIMELINE))
    .where(scopeCondition('timeline_entries', scope))
    .where('kind', 'in', [...TAGGED_KINDS])
    .orderBy('occurred_ms', 'desc')
    .orderBy('global_position', 'desc')
    .execute();
  return pageOfEntries(
    rows.map(toEntry).filter((e) => matchesQualityTags(e.tags, tags)),
    page,
    perPage,
  );
}

/** The same page over entries already built (newest first), for a replay. */
export function pageOfEntries(newestFirst: readonly TimelineEntry[], page: number, perPage = ENTRIES_PER_PAGE): TimelinePageRead {
  const total = newestFirst.length;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const shown = Math.min(Math.max(1, page), pages);
  return {
    entries: newestFirst.slice((shown - 1) * perPage, shown * perPage),
    page: shown,
    pages,
    total,
    hasNext: shown < pages,
    perPage,
    first: total ? newestFirst[total - 1].occurredAt : null,
    last: total ? newestFirst[0].occurredAt : null,
  };
}

/** `?page=N`: absent is the first page; anything but one whole number of at least 1 is a 400 naming page. */
export function pageNumber(query: Record<string, unknown>): number {
  const raw = query.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw) || Number(raw) < 1) {
    throw new BadRequestException('page must be a whole number of at least 1');
  }
  return Number(raw);
}

/** A concern about a service, as the service page lists it. */
export interface ConcernAbout {
  concernId: string;
  category: string | null;
  raisedAt: string;
  /** The raising's summary as it reads now (corrections applied). */
  summary: string;
  /** 'open' or 'closed' (from the dashboard model); null in a replay. */
  state?: string | null;
}

/**
 * The concerns about a service the reader may read, newest first: their rows in the dashboard model
 * (found through the provider's index, so the cost follows the provider's concerns, not the length of
 * any record), and each one's raising from the timeline model (the first row of its concern index).
 */
export async function readConcernsAbout(db: ReadDb, serviceId: string, providerId: string, readable: ReadableConcerns): Promise<ConcernAbout[]> {
  const concerns = await db
    .selectFrom('concern_summaries')
    .select(['concern_id', 'category', 'raised_at', 'state'])
    .where('generation', '=', activeGeneration(DASHBOARD))
    .where('provider_id', '=', providerId)
    .where('service_id', '=', serviceId)
    .where(readableConcernCondition('concern_summaries', readable))
    .execute();
  const about = await Promise.all(
    concerns.map(async (c): Promise<ConcernAbout> => {
      const row = await db
        .selectFrom('timeline_entries')
        .select(['entry', 'links', 'flags'])
        .where('generation', '=', activeGeneration(TIMELINE))
        .where('concern_id', '=', c.concern_id)
        .where('kind', '=', 'ConcernRaised')
        .orderBy('occurred_ms')
        .orderBy('global_position')
        .limit(1)
        .executeTakeFirst();
      const entry = row ? toEntry(row) : null;
      // The line reads "Concern raised: <category> (<severity>) — <summary, clipped to a line>".
      const line = entry ? (entry.flags.corrected?.summaryAfterCorrection ?? entry.summary) : '';
      const summary = line.includes(' — ') ? line.slice(line.indexOf(' — ') + 3) : line.replace(/^Concern raised: /, '');
      return { concernId: c.concern_id, category: entry?.category ?? c.category, raisedAt: c.raised_at, summary, state: c.state };
    }),
  );
  return about.sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
}
