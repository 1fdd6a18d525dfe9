import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Folder } from '@caretrail/application';
import { concernStream, type ConcernState, type Recorded } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { ReplayPoint } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { ReadRecordQuery } from '../../queries/read-record.query';
import type { PartyOrganisation } from './concern-organisations';

export interface ConcernRecord {
  id: string;
  /** The live record's version, for the forms' expectedVersion. */
  version: number;
  /** The events shown: all of them live, those of the replay point otherwise. */
  events: RecordedEvent[];
  /** The concern folded from the events shown, by the domain's own evolve. */
  state: ConcernState;
  /** The live state (who may act is judged on it). */
  live: ConcernState;
  replay: ReplayPoint | null;
  /** The organisations party to the concern (its council, provider and the regulator), where a form needs them. */
  organisations?: PartyOrganisation[];
}

/** A concern as its pages (case file, timeline) read it: no more of the stream than they show. */
export interface ConcernPageRecord {
  id: string;
  version: number;
  /** As recorded (what forms and offers are judged on). */
  state: ConcernState;
  live: ConcernState;
  /** As it reads now: `state` with its standing corrections applied (the same object when none). */
  corrected: ConcernState;
  replay: ReplayPoint | null;
  /** What the cadence chart is measured from: live, only the plan's own events (held, verified); replayed, every event shown. */
  measureEvents: RecordedEvent[];
  /** Replayed: every event shown (the timeline is built from them). Live: null, the timeline comes from the read model. */
  replayEvents: RecordedEvent[] | null;
  /** Live: the global position of the record's last event (the read models are waited for up to it). */
  headPosition: number | null;
}

/** The event types the cadence-adherence measure reads, with what corrects or withdraws them. */
const CADENCE_EVENT_TYPES = new Set([
  'ConcernRaised',
  'ActionPlanRequested',
  'ActionPlanAccepted',
  'PlanUpdateSubmitted',
  'ActionPlanCompleted',
  'ConcernClosed',
  'ConcernReopened',
  'EntryCorrected',
  'EntryRetracted',
]);

/**
 * A concern's cadence events, folded and held like any state (the executor's stream states: only new
 * events are read, each checked against the chain): the case file's chart then costs the same on a
 * record of 10,000 events as on one of 100, and reads nothing the stream's verification has not passed.
 */
export const CADENCE_EVENTS: Folder<readonly Recorded[]> = {
  initialState: () => [],
  evolve: (events, event) => (CADENCE_EVENT_TYPES.has(event.type) ? [...events, event] : events),
};

/** A held event back in the store's envelope (its place in the feed is its place in the stream: one stream). */
export const asRecorded =
  (streamId: string) =>
  (e: Recorded): RecordedEvent => ({
    eventId: e.eventId,
    type: e.type,
    schemaVersion: 1,
    data: e.data as Record<string, unknown>,
    occurredAt: e.occurredAt,
    actor: e.actor,
    correlationId: '',
    causationId: null,
    commandId: null,
    streamId,
    streamVersion: e.streamVersion,
    globalPosition: e.streamVersion,
    recordedAt: e.recordedAt,
    previousHash: null,
    hash: '',
  });

/**
 * A concern read for a page, through the same query as the API's (`ReadRecordQuery`: the stream's
 * hash chain checked, the read policy applied to the live record, so a replay can never show someone a
 * record they may not read, and replay done by the timeline library's asOf). Pages do not audit reads.
 */
@Injectable()
export class ConcernRecordReader {
  constructor(private readonly queries: QueryBus) {}

  /** The whole stream (the forms pick entries from it). */
  async read(who: Identity, concernId: string, replay: ReplayPoint | null = null): Promise<ConcernRecord> {
    const record = await this.queries.execute(ReadRecordQuery.by(who, 'concern', concernId, { point: replay, events: true, emptyPast: true }));
    return { id: concernId, version: record.liveVersion, events: record.events ?? [], state: record.state, live: record.live, replay };
  }

  /**
   * For the case file and timeline pages. Live: the held, verified state (docs/long-records.md) and
   * the cadence events, never the whole stream. As of a date: the whole stream, verified, as before.
   */
  async readPage(who: Identity, concernId: string, replay: ReplayPoint | null = null): Promise<ConcernPageRecord> {
    if (replay) {
      const record = await this.queries.execute(ReadRecordQuery.by(who, 'concern', concernId, { point: replay, emptyPast: true, corrected: true }));
      const events = record.events ?? [];
      return {
        id: concernId,
        version: record.liveVersion,
        state: record.state,
        live: record.live,
        corrected: record.corrected,
        replay,
        measureEvents: events,
        replayEvents: events,
        headPosition: null,
      };
    }
    const record = await this.queries.execute(ReadRecordQuery.by(who, 'concern', concernId, { corrected: true, head: true, held: CADENCE_EVENTS }));
    return {
      id: concernId,
      version: record.liveVersion,
      state: record.state,
      live: record.live,
      corrected: record.corrected,
      replay: null,
      measureEvents: (record.held ?? []).map(asRecorded(concernStream(concernId))),
      replayEvents: null,
      headPosition: record.headPosition,
    };
  }
}
