import type Database from 'better-sqlite3';
import { canonicalContent } from '../canonical-content';
import { importError, importProblem, storedDifference, type ImportResult } from '../event-import';
import type { RecordedEvent } from '../recorded-event';
import { mapSqliteError } from './sqlite-errors';

interface PlaceRow {
  stream_id: string;
  stream_version: number;
  hash: string;
}

interface Statements {
  placeOf: Database.Statement<[string], PlaceRow>;
  head: Database.Statement<[string], { version: number; last_hash: string | null }>;
  insert: Database.Statement;
  setHead: Database.Statement;
  last: Database.Statement<[], Record<string, unknown>>;
  importAll: Database.Transaction<(events: readonly RecordedEvent[]) => ImportResult>;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (s) return s;
  const placeOf = db.prepare<[string], PlaceRow>('SELECT stream_id, stream_version, hash FROM events WHERE event_id = ?');
  const head = db.prepare<[string], { version: number; last_hash: string | null }>('SELECT version, last_hash FROM streams WHERE stream_id = ?');
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, occurred_at,
       recorded_at, actor, correlation_id, causation_id, command_id, previous_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setHead = db.prepare(
    `INSERT INTO streams (stream_id, version, last_hash) VALUES (?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash`,
  );
  const last = db.prepare<[], Record<string, unknown>>('SELECT * FROM events ORDER BY global_position DESC LIMIT 1');
  const importAll = db.transaction((events: readonly RecordedEvent[]): ImportResult => {
    let imported = 0;
    let skipped = 0;
    for (const event of events) {
      const place = placeOf.get(event.eventId);
      if (place) {
        const difference = storedDifference({ streamId: place.stream_id, streamVersion: place.stream_version, hash: place.hash }, event);
        if (difference) throw importError(event, difference);
        skipped += 1;
        continue;
      }
      const current = head.get(event.streamId);
      const problem = importProblem(event, current?.version ?? 0, current?.last_hash ?? null);
      if (problem) throw importError(event, problem);
      // The exact text the hash covers, as the append path stores it.
      const content = canonicalContent(event);
      insert.run(
        event.eventId,
        event.streamId,
        event.streamVersion,
        event.type,
        event.schemaVersion,
        content.dataJson,
        event.occurredAt,
        event.recordedAt,
        content.actorJson,
        event.correlationId,
        event.causationId,
        event.commandId,
        event.previousHash,
        event.hash,
      );
      setHead.run(event.streamId, event.streamVersion, event.hash);
      imported += 1;
    }
    return { imported, skipped };
  });
  s = { placeOf, head, insert, setHead, last, importAll };
  prepared.set(db, s);
  return s;
}

/** importEvents for the SQLite store: one write transaction per call, all or nothing. */
export function importIntoSqlite(db: Database.Database, events: readonly RecordedEvent[]): ImportResult {
  if (events.length === 0) return { imported: 0, skipped: 0 };
  try {
    return statementsOf(db).importAll.immediate(events);
  } catch (error) {
    throw mapSqliteError(error, 'importing events');
  }
}

/** The raw row of the newest event, for the store to turn into a RecordedEvent. */
export function lastSqliteRow(db: Database.Database): Record<string, unknown> | undefined {
  return statementsOf(db).last.get();
}
