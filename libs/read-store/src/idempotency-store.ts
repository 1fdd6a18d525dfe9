import type { Kysely } from 'kysely';
import type { ReadSchema } from './read-schema';

export type IdempotencyClaim =
  { outcome: 'claimed' } | { outcome: 'replay'; status: number; body: string } | { outcome: 'in_progress' } | { outcome: 'mismatch' };

/** A claim left pending this long is taken to have died with its process and may be taken over. */
const STALE_PENDING_MS = 60_000;

/**
 * Remembers the answer to each (user, Idempotency-Key) so a repeated POST gets the first answer
 * again instead of doing the work twice.
 */
export class IdempotencyStore {
  constructor(private readonly db: Kysely<ReadSchema>) {}

  async claim(scope: string, key: string, requestHash: string, now = new Date()): Promise<IdempotencyClaim> {
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash, status: 0, body: null, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { outcome: 'claimed' };

    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!row) return this.claim(scope, key, requestHash, now);
    if (row.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (row.status !== 0 && row.body !== null) return { outcome: 'replay', status: row.status, body: row.body };
    if (now.getTime() - Date.parse(row.created_at) < STALE_PENDING_MS) return { outcome: 'in_progress' };
    const takenOver = await this.db
      .updateTable('idempotency_keys')
      .set({ created_at: now.toISOString() })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status', '=', 0)
      .where('created_at', '=', row.created_at)
      .executeTakeFirst();
    return Number(takenOver.numUpdatedRows) === 1 ? { outcome: 'claimed' } : { outcome: 'in_progress' };
  }

  async complete(scope: string, key: string, status: number, body: string): Promise<void> {
    await this.db.updateTable('idempotency_keys').set({ status, body }).where('scope', '=', scope).where('key', '=', key).execute();
  }

  /** Forgets a claim whose request failed in a way worth retrying (the store was down). */
  async release(scope: string, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).where('status', '=', 0).execute();
  }
}
