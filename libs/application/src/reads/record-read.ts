import { fold, RecordNotFoundError } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { asOf, type ReplayPoint } from '@caretrail/timeline';
import type { CommandExecutor } from '../command-executor';
import { toDomainEvent } from '../recorded-to-domain';
import type { Folder } from '../stream-states';

export interface RecordReadRequest<S> {
  recordType: string;
  id: string;
  streamId: string;
  folder: Folder<S>;
  /** Live (null) or as of a date. */
  point: ReplayPoint | null;
  /** The whole stream's events are wanted (a page's forms pick entries from them). A replay always reads them. */
  events?: boolean;
  /** As of a date before the record began: its initial state (a page shows it empty) instead of 404. */
  emptyPast?: boolean;
}

export interface RecordRead<S> {
  id: string;
  /** The live record's version (what forms and If-Match are judged on). */
  liveVersion: number;
  /** The version shown: the live one, or that of the last event shown as of the date. */
  version: number;
  /** The record folded from the events shown. */
  state: S;
  /** The live record (who may read it is judged on it, so a replay never shows what the live record would not). */
  live: S;
  /** The events shown, every one chain-checked: null when the live state came from the held states alone. */
  events: RecordedEvent[] | null;
}

/**
 * The one read of a record. Live: the executor's held state (snapshots, only new events read, each
 * checked against the chain: docs/long-records.md). As of a date, or when the events are wanted: the
 * whole stream, its hash chain verified from the first event, the events shown selected by the
 * timeline library's `asOf` (the one as-of selection) and folded by the domain's own evolve.
 */
export async function readRecord<S>(executor: CommandExecutor, request: RecordReadRequest<S>): Promise<RecordRead<S>> {
  const { recordType, id, streamId, folder, point } = request;
  if (!point && !request.events) {
    const live = await executor.loadState(streamId, folder);
    if (live.version === 0) throw new RecordNotFoundError(recordType, id);
    return { id, liveVersion: live.version, version: live.version, state: live.state, live: live.state, events: null };
  }
  const all = await executor.readVerifiedStream(streamId);
  if (all.length === 0) throw new RecordNotFoundError(recordType, id);
  const live = fold(folder, all.map(toDomainEvent));
  const liveVersion = all[all.length - 1].streamVersion;
  if (!point) return { id, liveVersion, version: liveVersion, state: live, live, events: all };
  const shown = asOf(all, point.asOf, point.basis);
  if (shown.length === 0 && !request.emptyPast) throw new RecordNotFoundError(recordType, id);
  return {
    id,
    liveVersion,
    version: shown.length === 0 ? 0 : shown[shown.length - 1].streamVersion,
    state: fold(folder, shown.map(toDomainEvent)),
    live,
    events: shown,
  };
}
