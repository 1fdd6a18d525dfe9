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
}

/**
 * A read model kept from the global feed. `apply` writes rows for a page of events (in feed order)
 * through the runner's transaction, tagging every row with `context.generation`; it must not commit,
 * catch or retry: the runner writes the checkpoint in the same transaction.
 */
export interface Projection {
  readonly name: string;
  /** Bump when what `apply` writes changes: a stored model of another version is rebuilt. */
  readonly version: number;
  /** The tables this projection writes, each with a `generation` column; retired generations are deleted from them. */
  readonly tables: readonly (keyof ReadSchema & string)[];
  apply(trx: ReadTrx, events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
}
