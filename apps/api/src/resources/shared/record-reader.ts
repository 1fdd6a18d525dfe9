import { Injectable } from '@nestjs/common';
import { CommandExecutor, readPointOf, readRecord, type Folder } from '@caretrail/application';

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
 * A record read with no reader's check, by the same function as the query handlers
 * (`readRecord` of `@caretrail/application`: chain verified, the one as-of selection).
 *
 * @deprecated Controllers and pages read through the QueryBus (`ReadRecordQuery` in apps/api/src/queries),
 * which applies the read policy and the read audit in one place; the lint rule in eslint.config.mjs
 * refuses this class there. It stays for the evidence exporter and two page controllers until they move.
 */
@Injectable()
export class RecordReader {
  constructor(private readonly executor: CommandExecutor) {}

  async read<S>(recordType: string, id: string, streamId: string, decider: Folder<S>, asOf: AsOf = {}): Promise<RecordView<S>> {
    const read = await readRecord(this.executor, { recordType, id, streamId, folder: decider, point: readPointOf(asOf) });
    return { id, version: read.version, state: read.state };
  }
}
