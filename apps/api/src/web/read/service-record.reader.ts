import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, toDomainEvent } from '@caretrail/application';
import { fold, RecordNotFoundError, serviceDecider, serviceStream, type ServiceState } from '@caretrail/domain';
import { EVENT_STORE, verifyChain, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { asOf, type ReplayPoint } from '@caretrail/timeline';
import { readAccess } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { anyStandingCorrection, correctedFolder, correctedStateOf } from './corrected-record';
import { WEB_READ_MODELS, type WebReadModels } from './web-read-models';

export interface ServiceRecord {
  id: string;
  version: number;
  /** The service folded by the domain from its stream (as of the replay point when there is one). */
  state: ServiceState;
  live: ServiceState;
  /** The service's scope for its timeline: its own stream and the concerns about it the reader may read. */
  events: RecordedEvent[];
  replay: ReplayPoint | null;
}

/** A service as its pages read it: its own state, and the whole scope's events only for a replay. */
export interface ServicePageRecord {
  id: string;
  version: number;
  state: ServiceState;
  live: ServiceState;
  /** As it reads now: `state` with its standing corrections applied (the same object when none). */
  corrected: ServiceState;
  replay: ReplayPoint | null;
  /** Replayed: the scope's events shown (its timeline and concerns are built from them). Live: null (read models). */
  replayEvents: RecordedEvent[] | null;
  /** Live: the global position of the service stream's last event. */
  headPosition: number | null;
}

/**
 * A service read for a page. Its own stream comes from the store (always current, its chain checked);
 * the concerns about it come from the projections' scope index, only those the reader may read (the
 * query keeps to them).
 */
@Injectable()
export class ServiceRecordReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
    private readonly executor: CommandExecutor,
  ) {}

  async read(who: Identity, serviceId: string, replay: ReplayPoint | null = null): Promise<ServiceRecord> {
    const own = await this.store.readStream(serviceStream(serviceId));
    verifyChain(own);
    if (own.length === 0) throw new RecordNotFoundError('service', serviceId);
    const live = fold(serviceDecider, own.map(toDomainEvent));
    readAccess.service(who, live);
    const indexed = await this.readModels.scopeEvents({ kind: 'service', serviceId }, who);
    const byId = new Map([...indexed, ...own].map((e) => [e.eventId, e]));
    const all = [...byId.values()].sort((a, b) => a.globalPosition - b.globalPosition);
    const shownOwn = replay ? asOf(own, replay.asOf, replay.basis) : own;
    return {
      id: serviceId,
      version: own[own.length - 1].streamVersion,
      state: replay ? fold(serviceDecider, shownOwn.map(toDomainEvent)) : live,
      live,
      events: replay ? asOf(all, replay.asOf, replay.basis) : all,
      replay,
    };
  }

  /** Live: the held, verified state only (docs/long-records.md). As of a date: the whole scope, as read() does. */
  async readPage(who: Identity, serviceId: string, replay: ReplayPoint | null = null): Promise<ServicePageRecord> {
    if (replay) {
      const record = await this.read(who, serviceId, replay);
      const corrected = correctedStateOf(serviceDecider, record.state);
      return { id: record.id, version: record.version, state: record.state, live: record.live, corrected, replay, replayEvents: record.events, headPosition: null };
    }
    const streamId = serviceStream(serviceId);
    const live = await this.executor.loadState(streamId, serviceDecider);
    if (live.version === 0) throw new RecordNotFoundError('service', serviceId);
    readAccess.service(who, live.state);
    const [[last], corrected] = await Promise.all([
      this.store.readStream(streamId, { fromVersion: live.version, toVersion: live.version }),
      this.correctedOf(streamId, live.state),
    ]);
    return { id: serviceId, version: live.version, state: live.state, live: live.state, corrected, replay: null, replayEvents: null, headPosition: last?.globalPosition ?? null };
  }

  /** The service's state for another record's page (a concern's case file): held and verified live, folded to the date in a replay. */
  async stateOf(serviceId: string, replay: ReplayPoint | null): Promise<ServiceState | null> {
    const streamId = serviceStream(serviceId);
    if (!replay) {
      const live = await this.executor.loadState(streamId, serviceDecider);
      return live.version === 0 ? null : this.correctedOf(streamId, live.state);
    }
    const own = verifyChain(await this.store.readStream(streamId));
    return own.length === 0 ? null : correctedStateOf(serviceDecider, fold(serviceDecider, asOf(own, replay.asOf, replay.basis).map(toDomainEvent)));
  }

  /** The live service as it reads now, held beside the recorded one once it has a correction. */
  private async correctedOf(streamId: string, recorded: ServiceState): Promise<ServiceState> {
    if (!anyStandingCorrection(recorded.log)) return recorded;
    return (await this.executor.loadState(streamId, correctedFolder(serviceDecider))).state.corrected;
  }
}
