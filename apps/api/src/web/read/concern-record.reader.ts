import { Inject, Injectable } from '@nestjs/common';
import { toDomainEvent } from '@caretrail/application';
import { concernDecider, concernStream, fold, RecordNotFoundError, type ConcernState } from '@caretrail/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { asOf, type ReplayPoint } from '@caretrail/timeline';
import { readAccess } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';

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

/**
 * A concern read for a page: its stream folded by the domain's decider, the API's read policy applied
 * to the live record (so a replay can never show someone a record they may not read), and replay
 * done by the timeline library's asOf.
 */
@Injectable()
export class ConcernRecordReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(who: Identity, concernId: string, replay: ReplayPoint | null = null): Promise<ConcernRecord> {
    const events = await this.store.readStream(concernStream(concernId));
    if (events.length === 0) throw new RecordNotFoundError('concern', concernId);
    const live = fold(concernDecider, events.map(toDomainEvent));
    readAccess.concern(who, live);
    const shown = replay ? asOf(events, replay.asOf, replay.basis) : events;
    const state = replay ? fold(concernDecider, shown.map(toDomainEvent)) : live;
    return { id: concernId, version: events[events.length - 1].streamVersion, events: shown, state, live, replay };
  }
}
