import { Query } from '@nestjs/cqrs';
import type { Folder, RecordRead } from '@caretrail/application';
import type { ReplayPoint } from '@caretrail/timeline';
import type { ReadAction } from '../audit/read-audit.log';
import type { Identity } from '../identity/identity';
import type { RecordKind, RecordStates } from './record-kinds';

export interface ReadRecordOptions<X> {
  /** Live (null, the default) or as of a date on a basis (`readPointOf`). */
  point?: ReplayPoint | null;
  /** Record the read in the read audit as this action (the API's record reads); pages do not audit. */
  audit?: ReadAction;
  /** The events shown, chain-checked (a page's forms pick entries from them); a replay always has them. */
  events?: boolean;
  /** Work out the record as it reads now, its standing corrections applied. */
  corrected?: boolean;
  /** Live: the global position of the record's last event (the read models are waited for up to it). */
  head?: boolean;
  /** Live: another fold of the same stream, held and verified like the record's own (a page's chart). */
  held?: Folder<X>;
  /** As of a date before the record began: its initial state instead of 404 (a page shows it empty). */
  emptyPast?: boolean;
}

export interface RecordView<S, X = undefined> extends RecordRead<S> {
  point: ReplayPoint | null;
  /** `state` with its standing corrections applied (the same object when none, or when not asked). */
  corrected: S;
  headPosition: number | null;
  held: X | undefined;
}

/**
 * A record read by id: its hash chain verified, as of a date or live, the read policy applied to the
 * live record and, when asked, the read audit. The only way a controller or a page reads a record.
 */
export class ReadRecordQuery<K extends RecordKind, X = undefined> extends Query<RecordView<RecordStates[K], X>> {
  private constructor(
    readonly kind: K,
    readonly id: string,
    /** Null: read for a command (the command's own access check decides) or inside a read already authorised. */
    readonly reader: Identity | null,
    readonly options: ReadRecordOptions<X>,
  ) {
    super();
  }

  /** A read on behalf of `who`: refused (404 or 403) as the read policy says. */
  static by<K extends RecordKind, X = undefined>(who: Identity, kind: K, id: string, options: ReadRecordOptions<X> = {}): ReadRecordQuery<K, X> {
    return new ReadRecordQuery(kind, id, who, options);
  }

  /**
   * A read with no reader's check: before a command (its request checked against the record; the command
   * is then refused or allowed by its own rules) or of a record another, already authorised, read shows.
   */
  static unchecked<K extends RecordKind, X = undefined>(kind: K, id: string, options: Omit<ReadRecordOptions<X>, 'audit'> = {}): ReadRecordQuery<K, X> {
    return new ReadRecordQuery(kind, id, null, options);
  }
}
