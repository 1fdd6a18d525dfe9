import type { Pool, PoolClient } from 'pg';
import { importError, storedDifference, type ImportResult } from '../event-import';
import { eventHash } from '../event-hashing';
import type { RecordedEvent } from '../recorded-event';
import { appendCall, type AppendedRow } from './postgres-append-call';
import { mapAppendError, mapPgError } from './postgres-errors';
import { WRONG_VERSION_SQLSTATE } from './postgres-schema';

/**
 * importEvents for the PostgreSQL store: one transaction per call, all or nothing. Events already
 * stored (by id) are checked and skipped; the rest go through caretrail_append, one call per run of
 * one stream with one recordedAt (the append function takes one recordedAt per call), at the exact
 * version each run must follow. The function chains and hashes in SQL; its hashes must equal the
 * given ones or the whole call rolls back. One transaction keeps the calls' positions in call order.
 */
export async function importIntoPostgres(pool: Pool, quotedSchema: string, events: readonly RecordedEvent[]): Promise<ImportResult> {
  if (events.length === 0) return { imported: 0, skipped: 0 };
  let client: PoolClient | undefined;
  let broken = false;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ event_id: string; stream_id: string; stream_version: string; hash: string }>(
      `SELECT event_id, stream_id, stream_version, hash FROM ${quotedSchema}.events WHERE event_id = ANY($1::text[])`,
      [events.map((e) => e.eventId)],
    );
    const stored = new Map(rows.map((r) => [r.event_id, r]));
    let skipped = 0;
    const fresh: RecordedEvent[] = [];
    for (const event of events) {
      const place = stored.get(event.eventId);
      if (!place) {
        fresh.push(event);
        continue;
      }
      const difference = storedDifference({ streamId: place.stream_id, streamVersion: Number(place.stream_version), hash: place.hash }, event);
      if (difference) throw importError(event, difference);
      skipped += 1;
    }
    for (let i = 0; i < fresh.length;) {
      let j = i + 1;
      while (j < fresh.length && fresh[j].streamId === fresh[i].streamId && fresh[j].recordedAt === fresh[i].recordedAt) j++;
      await importRun(client, quotedSchema, fresh.slice(i, j));
      i = j;
    }
    await client.query('COMMIT');
    return { imported: fresh.length, skipped };
  } catch (error) {
    if (client) await client.query('ROLLBACK').catch(() => (broken = true));
    throw mapPgError(error, 'importing events');
  } finally {
    client?.release(broken);
  }
}

async function importRun(client: PoolClient, quotedSchema: string, run: readonly RecordedEvent[]): Promise<void> {
  const first = run[0];
  // Checked before the call so a forged event is named as such, not as a hash mismatch of SQL's.
  for (const event of run) {
    const recomputed = eventHash(event, event.previousHash, event.streamVersion);
    if (recomputed !== event.hash) throw importError(event, `hash ${event.hash} does not match its content (recomputed ${recomputed})`);
  }
  const call = appendCall(quotedSchema, first.streamId, run, first.streamVersion - 1, first.recordedAt);
  let rows: AppendedRow[];
  try {
    rows = (await client.query<AppendedRow>({ text: call.text, values: call.values })).rows;
  } catch (error) {
    const e = error as { code?: unknown; detail?: unknown };
    if (e?.code === WRONG_VERSION_SQLSTATE) {
      throw importError(first, `version ${first.streamVersion} cannot follow version ${String(e.detail)} of the target stream`);
    }
    throw mapAppendError(error, first.streamId, first.streamVersion - 1);
  }
  run.forEach((event, i) => {
    const row = rows[i];
    if (!row || row.hash !== event.hash || row.previous_hash !== event.previousHash || Number(row.stream_version) !== event.streamVersion) {
      throw importError(event, `the target chains it as ${row?.hash} after ${row?.previous_hash}, not ${event.hash} after ${event.previousHash}`);
    }
  });
}
