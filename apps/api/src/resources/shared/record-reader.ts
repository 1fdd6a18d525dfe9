import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@caretrail/application';
import { fold, RecordNotFoundError, type Decider } from '@caretrail/domain';
import { endOfLondonDay } from '@caretrail/timeline';

export interface RecordView<S> {
  id: string;
  version: number;
  state: S;
}

/** A past view of a record: what it showed at the end of a day (recorded), or what had happened by then (occurred). */
export interface AsOf {
  asOf?: string;
  basis?: 'recorded' | 'occurred';
}

/**
 * Reads a single record by folding its stream with its decider: no projection needed. The live record
 * comes from the executor's stream states (held in memory, snapshots, only new events verified and
 * folded: docs/long-records.md), so a read costs the same on a long record as on a short one. As of a
 * date, the whole stream is read, verified and folded over the events selected as the timeline's
 * replay selects them.
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
    if (asOf === undefined) {
      const live = await this.executor.loadState(streamId, decider);
      if (live.version === 0) throw new RecordNotFoundError(recordType, id);
      return { id, version: live.version, state: live.state };
    }
    const all = await this.executor.loadStream(streamId);
    const end = Date.parse(endOfLondonDay(asOf));
    const events = all.filter((e) => Date.parse(basis === 'recorded' ? e.recordedAt : e.occurredAt) <= end);
    if (events.length === 0) throw new RecordNotFoundError(recordType, id);
    return { id, version: events[events.length - 1].streamVersion, state: fold(decider, events) };
  }
}
