import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, toDomainEvent, type Folder } from '@caretrail/application';
import { concernDecider, concernStream, fold, RecordNotFoundError, type ConcernState, type Recorded } from '@caretrail/domain';
import { EVENT_STORE, verifyChain, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { asOf, type ReplayPoint } from '@caretrail/timeline';
import { readAccess } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { anyStandingCorrection, correctedFolder, correctedStateOf } from './corrected-record';

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
  'ConcernRaised', 'ActionPlanRequested', 'ActionPlanAccepted', 'PlanUpdateSubmitted', 'ActionPlanCompleted',
  'ConcernClosed', 'ConcernReopened', 'EntryCorrected', 'EntryRetracted',
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
export const asRecorded = (streamId: string) => (e: Recorded): RecordedEvent => ({
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
 * A concern read for a page: its stream folded by the domain's decider, the API's read policy applied
 * to the live record (so a replay can never show someone a record they may not read), and replay
 * done by the timeline library's asOf. Every read checks the stream's hash chain.
 */
@Injectable()
export class ConcernRecordReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly executor: CommandExecutor,
  ) {}

  /** The whole stream (the forms pick entries from it). */
  async read(who: Identity, concernId: string, replay: ReplayPoint | null = null): Promise<ConcernRecord> {
    const events = await this.store.readStream(concernStream(concernId));
    verifyChain(events);
    if (events.length === 0) throw new RecordNotFoundError('concern', concernId);
    const live = fold(concernDecider, events.map(toDomainEvent));
    readAccess.concern(who, live);
    const shown = replay ? asOf(events, replay.asOf, replay.basis) : events;
    const state = replay ? fold(concernDecider, shown.map(toDomainEvent)) : live;
    return { id: concernId, version: events[events.length - 1].streamVersion, events: shown, state, live, replay };
  }

  /**
   * For the case file and timeline pages. Live: the held, verified state (docs/long-records.md) and
   * the cadence events, never the whole stream. As of a date: the whole stream, verified, as before.
   */
  async readPage(who: Identity, concernId: string, replay: ReplayPoint | null = null): Promise<ConcernPageRecord> {
    const streamId = concernStream(concernId);
    if (replay) {
      const record = await this.read(who, concernId, replay);
      const corrected = correctedStateOf(concernDecider, record.state);
      return { ...record, corrected, measureEvents: record.events, replayEvents: record.events, headPosition: null };
    }
    const live = await this.executor.loadState(streamId, concernDecider);
    if (live.version === 0) throw new RecordNotFoundError('concern', concernId);
    readAccess.concern(who, live.state);
    const [cadence, [last], corrected] = await Promise.all([
      this.executor.loadState(streamId, CADENCE_EVENTS),
      this.store.readStream(streamId, { fromVersion: live.version, toVersion: live.version }),
      this.correctedOf(streamId, live.state),
    ]);
    return {
      id: concernId,
      version: live.version,
      state: live.state,
      live: live.state,
      corrected,
      replay: null,
      measureEvents: cadence.state.map(asRecorded(streamId)),
      replayEvents: null,
      headPosition: last?.globalPosition ?? null,
    };
  }

  /** The live record as it reads now: held beside the recorded one once it has a correction (so no refold per read). */
  private async correctedOf(streamId: string, recorded: ConcernState): Promise<ConcernState> {
    if (!anyStandingCorrection(recorded.log)) return recorded;
    return (await this.executor.loadState(streamId, correctedFolder(concernDecider))).state.corrected;
  }
}
