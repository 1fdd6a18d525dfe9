import type { EventStore, RecordedEvent } from '@caretrail/event-store';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { applyScopeDirectory, organisationKinds, type EventScope } from './scope-directory';
import { StreamHistories } from './stream-histories';
import { buildTimelineReporting, type Clocks, type TimelineEntry, type TimelineParty } from './timeline-lib';

export const TIMELINE = 'timeline';

/** The part of the store the timeline folds streams from. */
export type TimelineStreamReader = Pick<EventStore, 'readStream'>;

export interface TimelineProjectionOptions {
  /** The late-record threshold the flags are judged by (the library's default otherwise). */
  clocks?: Partial<Clocks>;
}

/**
 * One row per timeline entry, built by the timeline library. An entry's wording and flags depend on
 * the rest of its stream (a correction flags its target, a later plan version supersedes an earlier
 * one, actions are named as the latest plan names them), so each stream a page touches is built
 * again from its events up to the page, and only the rows that changed are written. That makes a
 * row depend on the position applied alone, never on how the feed was cut into pages.
 */
export function timelineProjection(streams: TimelineStreamReader, options: TimelineProjectionOptions = {}): Projection {
  const histories = StreamHistories.over(streams);
  return {
    name: TIMELINE,
    // 2: contract_services holds confirmed contracts only (docs/contracts.md), so older models are rebuilt.
    version: 2,
    tables: ['timeline_entries', 'record_scopes', 'organisations', 'contract_services'],
    async apply(trx: ReadTrx, events: readonly RecordedEvent[], { generation, skipped, reportUnreadable }: ProjectionContext) {
      histories.notePage(events);
      const readable = (history: RecordedEvent[]) => (skipped && skipped.size > 0 ? history.filter((e) => !skipped.has(e.eventId)) : history);
      const scopes = await applyScopeDirectory(trx, events, generation);
      const lastOfStream = new Map<string, RecordedEvent>();
      for (const e of events) lastOfStream.set(e.streamId, e);
      const touched: { stream: string; last: RecordedEvent; history: RecordedEvent[]; related: RecordedEvent[] }[] = [];
      const actors = new Set<string>();
      for (const [stream, last] of lastOfStream) {
        const history = readable(await histories.readStream(stream, { toVersion: last.streamVersion }));
        for (const e of history) actors.add(e.actor.organisationId);
        touched.push({ stream, last, history, related: await openingsReferenced(histories, history, last.globalPosition) });
      }
      const kinds = await organisationKinds(trx, generation, actors);
      // Only organisations registered before an event decide its party, so the row never depends on paging.
      const partyOf = (event: RecordedEvent): TimelineParty | undefined => {
        const known = kinds.get(event.actor.organisationId);
        if (event.actor.role === 'admin' || !known || known.registeredPosition > event.globalPosition) return undefined;
        return known.kind as TimelineParty;
      };
      const rows = new Map<string, ReturnType<typeof entryRow>[]>();
      for (const { stream, last, history, related } of touched) {
        // An event the library cannot read gets an entry saying so, and is reported as a fault.
        const built = buildTimelineReporting([...related, ...history], { clocks: options.clocks, partyOf });
        for (const unreadable of built.unreadable) reportUnreadable?.(unreadable, unreadable.error);
        const entries = built.entries.filter((entry) => entry.streamId === stream);
        const scope = scopes.scopeOf(last);
        rows.set(
          stream,
          entries.map((entry) => entryRow(generation, scope, entry)),
        );
      }
      await writeEntries(trx, generation, rows);
    },
  };
}

/** ConcernRaised of concerns that events outside their stream refer to (a default notice), for category and links. */
async function openingsReferenced(streams: TimelineStreamReader, history: readonly RecordedEvent[], upTo: number): Promise<RecordedEvent[]> {
  const ids = new Set<string>();
  for (const e of history) {
    const concernId = e.data['concernId'];
    if (typeof concernId === 'string' && !e.streamId.startsWith('concern-')) ids.add(concernId);
  }
  const openings: RecordedEvent[] = [];
  for (const id of ids) {
    const [first] = await streams.readStream(`concern-${id}`, { fromVersion: 1, toVersion: 1 });
    if (first?.type === 'ConcernRaised' && first.globalPosition <= upTo) openings.push(first);
  }
  return openings;
}

/** The row of an entry; `entry` keeps what has no column of its own, so reading it back gives the entry again. */
export function entryRow(generation: number, scope: EventScope, entry: TimelineEntry) {
  const { links, flags, ...rest } = entry;
  return {
    generation,
    event_id: entry.eventId,
    global_position: entry.globalPosition,
    stream_id: entry.streamId,
    provider_id: scope.providerId,
    service_id: scope.serviceId,
    concern_id: scope.concernId,
    council_id: scope.councilId,
    occurred_at: entry.occurredAt,
    occurred_ms: Date.parse(entry.occurredAt),
    recorded_at: entry.recordedAt,
    recorded_ms: Date.parse(entry.recordedAt),
    party: entry.party,
    kind: entry.kind,
    category: entry.category,
    link_concern_id: links.concernId ?? null,
    link_service_id: links.serviceId ?? null,
    summary: entry.summary,
    links: JSON.stringify(links),
    flags: JSON.stringify(flags),
    entry: JSON.stringify(rest),
  };
}

const ENTRY_COLUMNS = [
  'global_position',
  'stream_id',
  'provider_id',
  'service_id',
  'concern_id',
  'council_id',
  'occurred_at',
  'occurred_ms',
  'recorded_at',
  'recorded_ms',
  'party',
  'kind',
  'category',
  'link_concern_id',
  'link_service_id',
  'summary',
  'links',
  'flags',
  'entry',
] as const;

/** Streams per lookup of stored rows, rows per INSERT: well below SQLite's and PostgreSQL's limits on bound variables. */
const STREAMS_PER_LOOKUP = 500;
const ROWS_PER_WRITE = 400;

/**
 * Writes the page's rows: those new and those whose wording, links or flags changed, in a few
 * statements for the whole page (one upsert per few hundred rows), not a round trip per entry.
 */
async function writeEntries(trx: ReadTrx, generation: number, rowsByStream: ReadonlyMap<string, ReturnType<typeof entryRow>[]>): Promise<void> {
  const streams = [...rowsByStream.keys()];
  const before = new Map<string, { entry: string; links: string; flags: string }>();
  for (let i = 0; i < streams.length; i += STREAMS_PER_LOOKUP) {
    const stored = await trx
      .selectFrom('timeline_entries')
      .select(['event_id', 'entry', 'links', 'flags'])
      .where('generation', '=', generation)
      .where('stream_id', 'in', streams.slice(i, i + STREAMS_PER_LOOKUP))
      .execute();
    for (const r of stored) before.set(r.event_id, r);
  }
  const writes: ReturnType<typeof entryRow>[] = [];
  for (const rows of rowsByStream.values()) {
    for (const row of rows) {
      const old = before.get(row.event_id);
      if (!old || old.entry !== row.entry || old.links !== row.links || old.flags !== row.flags) writes.push(row);
    }
  }
  for (let i = 0; i < writes.length; i += ROWS_PER_WRITE) {
    await trx
      .insertInto('timeline_entries')
      .values(writes.slice(i, i + ROWS_PER_WRITE))
      .onConflict((oc) =>
        oc.columns(['generation', 'event_id']).doUpdateSet((eb) => Object.fromEntries(ENTRY_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
  }
}
