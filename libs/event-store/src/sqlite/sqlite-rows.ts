import type Database from 'better-sqlite3';
import { EventIntegrityError } from '../event-store.errors';
import type { RecordedEvent } from '../recorded-event';
import type { StreamSnapshot } from '../event-store.port';

/* The SQLite store's rows and the statements it prepares once: what is stored, and how it is read back. */

export interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  occurred_at: string;
  recorded_at: string;
  actor: string;
  correlation_id: string;
  causation_id: string | null;
  command_id: string | null;
  previous_hash: string | null;
  hash: string;
}

export interface SnapshotRow {
  stream_id: string;
  state_type: string;
  state_schema: number;
  stream_version: number;
  event_hash: string;
  alterations: number;
  state: string;
  content_hash: string;
}

export const toSnapshot = (row: SnapshotRow): StreamSnapshot => ({
  streamId: row.stream_id,
  stateType: row.state_type,
  stateSchema: row.state_schema,
  streamVersion: row.stream_version,
  eventHash: row.event_hash,
  alterations: row.alterations,
  stateJson: row.state,
  contentHash: row.content_hash,
});

const EVENT_COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version, data,
  occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, previous_hash, hash`;

/** A stored column that is not JSON was changed behind the store's back: an integrity failure, named. */
function parseStored(row: EventRow, column: 'data' | 'actor'): unknown {
  try {
    return JSON.parse(row[column]);
  } catch (error) {
    throw new EventIntegrityError(row.stream_id, row.stream_version, row.event_id, `stored ${column} is not valid JSON (${(error as Error).message})`);
  }
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: parseStored(row, 'data') as Record<string, unknown>,
    occurredAt: row.occurred_at,
    actor: parseStored(row, 'actor') as RecordedEvent['actor'],
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    commandId: row.command_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** The statements an open store reuses; prepared once in init(), because preparing costs more than running. */
export function prepareStatements(db: Database.Database) {
  return {
    head: db.prepare<[string], { version: number; last_hash: string | null }>('SELECT version, last_hash FROM streams WHERE stream_id = ?'),
    placeOf: db.prepare<[string], { stream_id: string; stream_version: number }>('SELECT stream_id, stream_version FROM events WHERE event_id = ?'),
    streamRange: db.prepare<[string, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = ? AND stream_version BETWEEN ? AND ? ORDER BY stream_version`,
    ),
    insert: db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, occurred_at,
         recorded_at, actor, correlation_id, causation_id, command_id, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setHead: db.prepare(
      `INSERT INTO streams (stream_id, version, last_hash) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash`,
    ),
    after: db.prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`),
    headPosition: db.prepare<[], { p: number | null }>('SELECT max(global_position) AS p FROM events'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * The statements of schema version 2 (snapshots, alteration counts). Undefined on a store opened
 * read-only whose file predates them: it then has no snapshots and no alteration count.
 */
export function prepareSnapshotStatements(db: Database.Database) {
  try {
    return {
      streamHead: db.prepare<[string], { version: number; last_hash: string | null; alterations: number }>(
        'SELECT version, last_hash, alterations FROM streams WHERE stream_id = ?',
      ),
      snapshot: db.prepare<[string, string, number], SnapshotRow>(
        `SELECT stream_id, state_type, state_schema, stream_version, event_hash, alterations, state, content_hash
         FROM snapshots WHERE stream_id = ? AND state_type = ? AND state_schema = ?`,
      ),
      putSnapshot: db.prepare(
        `INSERT INTO snapshots (stream_id, state_type, state_schema, stream_version, event_hash, alterations, state, content_hash, written_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (stream_id, state_type, state_schema) DO UPDATE SET
           stream_version = excluded.stream_version, event_hash = excluded.event_hash, alterations = excluded.alterations,
           state = excluded.state, content_hash = excluded.content_hash, written_at = excluded.written_at
         WHERE excluded.stream_version >= snapshots.stream_version`,
      ),
      snapshotKeys: db.prepare<[], { stream_id: string; state_type: string; state_schema: number; stream_version: number }>(
        'SELECT stream_id, state_type, state_schema, stream_version FROM snapshots ORDER BY stream_id, state_type, state_schema',
      ),
    };
  } catch {
    return undefined;
  }
}

export type SnapshotStatements = NonNullable<ReturnType<typeof prepareSnapshotStatements>>;
