import { Inject, Injectable } from '@nestjs/common';
import { toDomainEvent } from '@caretrail/application';
import { fold, RecordNotFoundError, serviceDecider, serviceStream, type ServiceState } from '@caretrail/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { asOf, type ReplayPoint } from '@caretrail/timeline';
import { readAccess } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
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

/**
 * A service read for a page. Its own stream comes from the store (always current); the concerns about
 * it come from the projections' scope index, only those the reader may read (the query keeps to them).
 */
@Injectable()
export class ServiceRecordReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEB_READ_MODELS) private readonly readModels: WebReadModels,
  ) {}

  async read(who: Identity, serviceId: string, replay: ReplayPoint | null = null): Promise<ServiceRecord> {
    const own = await this.store.readStream(serviceStream(serviceId));
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
}
