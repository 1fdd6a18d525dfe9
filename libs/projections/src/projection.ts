import type { RecordedEvent } from '@caretrail/event-store';
import type { ReadSchema } from '@caretrail/read-store';
import type { Kysely, Transaction } from 'kysely';

export type ReadDb = Kysely<ReadSchema>;
export type ReadTrx = Transaction<ReadSchema>;
export type ReadDialect = 'sqlite' | 'postgres';

/** What a projection needs to know besides the events: which generation of its tables it writes. */
export interface ProjectionContext {
  generation: number;
  dialect: ReadDialect;
  /**
   * Events of this generation the runner skipped as faults (applying them failed on their own).
   * Projections that fold whole streams fold them without these, so one bad event does not make every
   * later event of its stream fail too. Empty in the usual case.
   */
  skipped?: ReadonlySet<string>;
  /**
   * Tells the runner the projection applied the page but could not read this event (its fold left it
   * out, or shows it as unreadable); the runner records it as a fault of kind 'unreadable' in the same
   * transaction. May be called again for the same event on later pages: it is recorded once.
   */
  reportUnreadable?: (event: Pick<RecordedEvent, 'eventId' | 'globalPosition' | 'streamId' | 'type'>, error: string) => void;
}

/**
 * A read model kept from the global feed. `apply` writes rows for a page of events (in feed order)
 * through the runner's transaction, tagging every row with `context.generation`; it must not commit,
 * catch or retry: the runner writes the checkpoint in the same transaction. When `apply` keeps throwing
 * for a reason other than the databases being away, the runner isolates the events that fail on
 * their own and records each as a fault, moving past it (see apply-page.ts and projection-faults.ts).
 */
export interface Projection {
  readonly name: string;
  /** Bump when what `apply` writes changes: a stored model of another version is rebuilt. */
  readonly version: number;
  /** The tables this projection writes, each with a `generation` column; retired generations are deleted from them. */
  readonly tables: readonly (keyof ReadSchema & string)[];
  apply(trx: ReadTrx, events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
}
