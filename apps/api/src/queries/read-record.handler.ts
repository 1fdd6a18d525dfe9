import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CommandExecutor, readRecord, type Folder } from '@caretrail/application';
import type { RecordLog } from '@caretrail/domain';
import { ReadAuditLog } from '../audit/read-audit.log';
import { anyStandingCorrection, correctedFolder, correctedStateOf } from '../web/read/corrected-record';
import { RECORD_KINDS, type RecordKind, type RecordStates } from './record-kinds';
import { ReadRecordQuery, type RecordView } from './read-record.query';

type Logged = { log: RecordLog };

/** The one place a record is read: chain verification, as-of selection, the read policy and the read audit. */
@QueryHandler(ReadRecordQuery)
export class ReadRecordHandler implements IQueryHandler<ReadRecordQuery<RecordKind, unknown>> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly audit: ReadAuditLog,
  ) {}

  async execute(query: ReadRecordQuery<RecordKind, unknown>): Promise<RecordView<RecordStates[RecordKind], unknown>> {
    const spec = RECORD_KINDS[query.kind] as unknown as (typeof RECORD_KINDS)['concern'];
    const folder = spec.folder as Folder<unknown> as Folder<Logged>;
    const { point = null, events, emptyPast } = query.options;
    const streamId = spec.streamId(query.id);
    const read = await readRecord(this.executor, { recordType: query.kind, id: query.id, streamId, folder, point, events, emptyPast });
    const live = read.live as never;
    if (query.reader) {
      spec.access(query.reader, live, query.id);
      const audited = spec.audited?.(live);
      if (audited && query.options.audit) this.audit.record(query.reader, query.options.audit, { kind: audited.kind, id: query.id }, audited.providerId);
    }
    const [corrected, head, held] = await Promise.all([
      query.options.corrected && spec.correctable ? this.correctedOf(streamId, folder, read.state, point === null) : read.state,
      query.options.head && !point ? this.executor.positionOf(streamId, read.liveVersion) : null,
      query.options.held && !point ? this.executor.loadState(streamId, query.options.held).then((h) => h.state) : undefined,
    ]);
    return { ...read, point, corrected, headPosition: head, held } as RecordView<RecordStates[RecordKind], unknown>;
  }

  /** Live: held beside the recorded state once the record has a correction (no refold per read); as of a date, folded from the events shown. */
  private async correctedOf(streamId: string, folder: Folder<Logged>, state: Logged, live: boolean): Promise<Logged> {
    if (!anyStandingCorrection(state.log)) return state;
    if (!live) return correctedStateOf(folder, state);
    return (await this.executor.loadState(streamId, correctedFolder(folder))).state.corrected;
  }
}
