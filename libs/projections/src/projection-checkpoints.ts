import { sql, type RawBuilder } from 'kysely';
import type { ReadSchema } from '@caretrail/read-store';
import type { ReadDb, ReadDialect, ReadTrx } from './projection';

export type GenerationStatus = 'active' | 'building' | 'retired';

export interface Checkpoint {
  name: string;
  generation: number;
  status: GenerationStatus;
  version: number;
  /** Global position of the last event applied (0 before the first). */
  position: number;
  lastRecordedAt: string | null;
  updatedAt: string;
}

type Row = ReadSchema['projection_checkpoints'];

const toCheckpoint = (row: Row): Checkpoint => ({
  name: row.name,
  generation: Number(row.generation),
  status: row.status as GenerationStatus,
  version: Number(row.version),
  position: Number(row.position),
  lastRecordedAt: row.last_recorded_at,
  updatedAt: row.updated_at,
});

export async function findCheckpoint(db: ReadDb | ReadTrx, name: string, status: GenerationStatus): Promise<Checkpoint | undefined> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .selectAll()
    .where('name', '=', name)
    .where('status', '=', status)
    .orderBy('generation', 'desc')
    .executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

export async function listCheckpoints(db: ReadDb, name: string): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('projection_checkpoints').selectAll().where('name', '=', name).orderBy('generation').execute();
  return rows.map(toCheckpoint);
}

/**
 * Reads a generation's checkpoint inside a transaction, locking it on PostgreSQL so that a second
 * writer (another process's runner, or a rebuild switching) waits for us and then sees our position.
 * SQLite needs no lock: it lets one writer in at a time.
 */
export async function lockCheckpoint(trx: ReadTrx, dialect: ReadDialect, name: string, generation: number): Promise<Checkpoint | undefined> {
  let query = trx.selectFrom('projection_checkpoints').selectAll().where('name', '=', name).where('generation', '=', generation);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

export async function advanceCheckpoint(trx: ReadTrx, checkpoint: Checkpoint, position: number, lastRecordedAt: string | null, now: Date): Promise<Checkpoint> {
  const updatedAt = now.toISOString();
  await trx
    .updateTable('projection_checkpoints')
    .set({ position, last_recorded_at: lastRecordedAt, updated_at: updatedAt })
    .where('name', '=', checkpoint.name)
    .where('generation', '=', checkpoint.generation)
    .execute();
  return { ...checkpoint, position, lastRecordedAt, updatedAt };
}

/** A new, empty generation. Numbers come from one sequence, so no two projections ever share one. */
export async function createGeneration(
  db: ReadDb,
  name: string,
  version: number,
  status: Exclude<GenerationStatus, 'retired'>,
  now: Date,
): Promise<Checkpoint> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('projection_generation_sequence')
      .set((eb) => ({ last_generation: eb('last_generation', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    const { last_generation } = await trx.selectFrom('projection_generation_sequence').select('last_generation').where('id', '=', 1).executeTakeFirstOrThrow();
    const row: Row = {
      name,
      generation: Number(last_generation),
      status,
      version,
      position: 0,
      last_recorded_at: null,
      updated_at: now.toISOString(),
    };
    await trx.insertInto('projection_checkpoints').values(row).execute();
    return toCheckpoint(row);
  });
}

export async function setGenerationStatus(trx: ReadTrx, name: string, generation: number, status: GenerationStatus, now: Date): Promise<void> {
  await trx
    .updateTable('projection_checkpoints')
    .set({ status, updated_at: now.toISOString() })
    .where('name', '=', name)
    .where('generation', '=', generation)
    .execute();
}

/**
 * The serving generation of a projection, as a subquery: a reader's statement resolves it in the
 * same snapshot as its rows, so a switch between two statements never mixes a half-built model in.
 */
export const activeGeneration = (projection: string): RawBuilder<number> =>
  sql<number>`(SELECT generation FROM projection_checkpoints WHERE name = ${projection} AND status = 'active')`;
