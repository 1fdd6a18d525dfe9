import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, verifyChain, type EventStore, type RecordedEvent } from '@caretrail/event-store';

/**
 * The event that opens a record's stream, its hash checked: the access guard's question of who a
 * record's parties are (they are fixed by its opening event), asked of one event, not the stream.
 * Null when the stream is not there.
 */
export class RecordOpeningQuery extends Query<RecordedEvent | null> {
  constructor(readonly streamId: string) {
    super();
  }
}

@QueryHandler(RecordOpeningQuery)
export class RecordOpeningHandler implements IQueryHandler<RecordOpeningQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamId }: RecordOpeningQuery): Promise<RecordedEvent | null> {
    const [opening] = verifyChain(await this.store.readStream(streamId, { fromVersion: 1, toVersion: 1 }));
    return opening ?? null;
  }
}
