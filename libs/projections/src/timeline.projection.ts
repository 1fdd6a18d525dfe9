import type { EventStore, RecordedEvent } from '@caretrail/event-store';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { applyScopeDirectory, organisationKinds, type EventScope } from './scope-directory';
import { buildTimeline, type Clocks, type TimelineEntry, type TimelineParty } from './timeline-lib';

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
  return {
    name: TIMELINE,
    version: 1,
    tables: ['timeline_entries', 'record_scopes', 'organisations', 'contract_services'],
    async apply(trx: ReadTrx, events: readonly RecordedEvent[], { generation }: ProjectionContext) {
      const scopes = await applyScopeDirectory(trx, events, generation);
      const lastOfStream = new Map<string, RecordedEvent>();
      for (const e of events) lastOfStream.set(e.streamId, e);
      for (const [stream, last] of lastOfStream) {
        const history = await streams.readStream(stream, { toVersion: last.streamVersion });
        const related = await openingsReferenced(streams, history, last.globalPosition);
        const kinds = await organisationKinds(trx, generation, history.map((e) => e.actor.organisationId));
        const entries = buildTimeline([...related, ...history], {
          clocks: options.clocks,
          // Only organisations registered before an event decide its party, so the row never depends on paging.
          partyOf: (event) => {
            const known = kinds.get(event.actor.organisationId);
            if (event.actor.role === 'admin' || !known || known.registeredPosition > event.globalPosition) return undefined;
            return known.kind as TimelineParty;
          },
        }).filter((entry) => entry.streamId === stream);
        await writeEntries(trx, generation, stream, scopes.scopeOf(last), entries);
      }
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

async function writeEntries(trx: ReadTrx, generation: number, stream: string, scope: EventScope, entries: readonly TimelineEntry[]): Promise<void> {
  const stored = await trx
    .selectFrom('timeline_entries')
    .select(['event_id', 'entry', 'links', 'flags'])
    .where('generation', '=', generation)
    .where('stream_id', '=', stream)
    .execute();
  const before = new Map(stored.map((r) => [r.event_id, r]));
  const inserts: ReturnType<typeof entryRow>[] = [];
  for (const entry of entries) {
    const row = entryRow(generation, scope, entry);
    const old = before.get(entry.eventId);
    if (!old) {
      inserts.push(row);
    } else if (old.entry !== row.entry || old.links !== row.links || old.flags !== row.flags) {
      const { generation: _g, event_id: _e, ...changes } = row;
      await trx.updateTable('timeline_entries').set(changes).where('generation', '=', generation).where('event_id', '=', entry.eventId).execute();
    }
  }
  // 22 parameters a row: 100 rows stay far below SQLite's limit on bound variables.
  for (let i = 0; i < inserts.length; i += 100) await trx.insertInto('timeline_entries').values(inserts.slice(i, i + 100)).execute();
}
