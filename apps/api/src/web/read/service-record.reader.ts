import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RecordNotFoundError, type ServiceState } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { asOf, type ReplayPoint } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { ReadRecordQuery } from '../../queries/read-record.query';
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
 * A service read for a page. Its own stream through the same query as the API's (`ReadRecordQuery`:
 * always current, its chain checked, the read policy applied to the live record); the concerns about it
 * come from the projections' scope index, only those the reader may read (the query keeps to them).
 */
@Injectable()
export class ServiceRecordReader {
  constructor(
    private readonly queries: QueryBus,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  async read(who: Identity, serviceId: string, replay: ReplayPoint | null = null): Promise<ServiceRecord> {
    const { record } = await this.readScope(who, serviceId, replay, false);
    return record;
  }

  /** Live: the held, verified state only (docs/long-records.md). As of a date: the whole scope, as read() does. */
  async readPage(who: Identity, serviceId: string, replay: ReplayPoint | null = null): Promise<ServicePageRecord> {
    if (replay) {
      const { record, corrected } = await this.readScope(who, serviceId, replay, true);
      return {
        id: record.id,
        version: record.version,
        state: record.state,
        live: record.live,
        corrected,
        replay,
        replayEvents: record.events,
        headPosition: null,
      };
    }
    const record = await this.queries.execute(ReadRecordQuery.by(who, 'service', serviceId, { corrected: true, head: true }));
    return {
      id: serviceId,
      version: record.liveVersion,
      state: record.state,
      live: record.live,
      corrected: record.corrected,
      replay: null,
      replayEvents: null,
      headPosition: record.headPosition,
    };
  }

  /** The service's own events (as of the date: those shown) with the scope's others the reader may read, selected by the same asOf. */
  private async readScope(
    who: Identity,
    serviceId: string,
    replay: ReplayPoint | null,
    corrected: boolean,
  ): Promise<{ record: ServiceRecord; corrected: ServiceState }> {
    const own = await this.queries.execute(ReadRecordQuery.by(who, 'service', serviceId, { point: replay, events: true, emptyPast: true, corrected }));
    const indexed = await this.readModels.scopeEvents({ kind: 'service', serviceId }, who);
    const byId = new Map([...indexed, ...(own.events ?? [])].map((e) => [e.eventId, e]));
    const all = [...byId.values()].sort((a, b) => a.globalPosition - b.globalPosition);
    const events = replay ? asOf(all, replay.asOf, replay.basis) : all;
    return { record: { id: serviceId, version: own.liveVersion, state: own.state, live: own.live, events, replay }, corrected: own.corrected };
  }

  /** The service's state for another record's page (a concern's case file, its reader already checked): held and verified live, folded to the date in a replay. */
  async stateOf(serviceId: string, replay: ReplayPoint | null): Promise<ServiceState | null> {
    try {
      return (await this.queries.execute(ReadRecordQuery.unchecked('service', serviceId, { point: replay, emptyPast: true, corrected: true }))).corrected;
    } catch (error) {
      if (error instanceof RecordNotFoundError) return null;
      throw error;
    }
  }
}
