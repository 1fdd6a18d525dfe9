import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@caretrail/application';
import { fold, RecordNotFoundError, type Decider, type Recorded } from '@caretrail/domain';
import { endOfLondonDay } from '@caretrail/timeline';

export interface RecordView<S> {
  id: string;
  version: number;
  state: S;
  events: Recorded[];
}

/** A past view of a record: what it showed at the end of a day (recorded), or what had happened by then (occurred). */
export interface AsOf {
  asOf?: string;
  basis?: 'recorded' | 'occurred';
}

/**
 * Reads a single record by folding its stream with its decider: no projection needed. As of a date,
 * the same fold runs over the events selected as the timeline's replay selects them.
 */
@Injectable()
export class RecordReader {
  constructor(private readonly executor: CommandExecutor) {}

  async read<S>(
    recordType: string,
    id: string,
    streamId: string,
    decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>,
    { asOf, basis = 'recorded' }: AsOf = {},
  ): Promise<RecordView<S>> {
    const all = await this.executor.loadStream(streamId);
    const end = asOf === undefined ? null : Date.parse(endOfLondonDay(asOf));
    const events = end === null ? all : all.filter((e) => Date.parse(basis === 'recorded' ? e.recordedAt : e.occurredAt) <= end);
    if (events.length === 0) throw new RecordNotFoundError(recordType, id);
    return { id, version: events[events.length - 1].streamVersion, state: fold(decider, events), events };
  }
}
