import Database from 'better-sqlite3';
import { describeChainProblem, verifyStoreChains, type StoreVerification } from '@caretrail/event-store';
import { SqliteEventStore, sqliteIntegrityProblems } from '@caretrail/event-store/sqlite';
import { BackupRestoreError } from './sqlite-store-files';

export interface ReadModelsCheck {
  file: string;
  /** The serving generation of each projection and the feed position it has applied. */
  checkpoints: { name: string; generation: number; position: number }[];
  /** Rows of the who-looked record (not a read model: it exists nowhere else). */
  readAuditRows: number;
  problems: string[];
}

export interface SqliteBackupCheck {
  eventsFile: string;
  integrity: { file: string; problems: string[] }[];
  chains: StoreVerification;
  /** null when there is no read-model file beside the events. */
  readModels: ReadModelsCheck | null;
}

/** Rows of these tables name the event they came from (position and id) and must match it. */
const ROWS_NAMING_EVENTS = ['scope_events', 'timeline_entries'] as const;
const SHOWN = 5;

const tableExists = (db: Database.Database, name: string, schema = 'main') =>
  db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/**
 * Read models that come along with events must describe those events: each serving checkpoint at or
 * below the events' last position (projections catch up from there), and each row that names an event
 * naming one that is stored at that position, with that id (and, for scope events, that hash).
 */
export function checkReadModels(readFile: string, eventsFile: string): ReadModelsCheck {
  const db = new Database(readFile, { readonly: true, fileMustExist: true });
  try {
    if (!tableExists(db, 'projection_checkpoints')) {
      return { file: readFile, checkpoints: [], readAuditRows: 0, problems: [`${readFile} holds no CareTrail read models (no projection_checkpoints table)`] };
    }
    db.prepare('ATTACH DATABASE ? AS ev').run(eventsFile);
    const head = (db.prepare('SELECT coalesce(max(global_position), 0) AS p FROM ev.events').get() as { p: number }).p;
    const checkpoints = (
      db.prepare(`SELECT name, generation, position FROM projection_checkpoints WHERE status = 'active' ORDER BY name`).all() as {
        name: string;
        generation: number;
        position: number;
      }[]
    ).map((c) => ({ name: c.name, generation: Number(c.generation), position: Number(c.position) }));
    const problems: string[] = [];
    for (const c of checkpoints) {
      if (c.position > head) problems.push(`read model ${c.name} has applied events up to position ${c.position}, but the events end at position ${head}`);
    }
    for (const table of ROWS_NAMING_EVENTS) {
      if (!tableExists(db, table)) continue;
      const sameHash = table === 'scope_events' ? `AND json_extract(r.envelope, '$.hash') IS e.hash` : '';
      const wrong = db
        .prepare(
          `SELECT c.name, r.global_position AS position, r.event_id AS eventId, e.event_id AS storedId
           FROM ${table} r
           JOIN projection_checkpoints c ON c.generation = r.generation AND c.status = 'active'
           LEFT JOIN ev.events e ON e.global_position = r.global_position
           WHERE NOT (e.event_id IS r.event_id ${sameHash}) OR r.global_position > c.position
           ORDER BY r.global_position`,
        )
        .all() as { name: string; position: number; eventId: string; storedId: string | null }[];
      for (const w of wrong.slice(0, SHOWN)) {
        problems.push(
          `read model ${w.name} (${table}) has event ${w.eventId} at position ${w.position}, where the events hold ${w.storedId ?? 'nothing'}` +
            (w.storedId === w.eventId ? ' with another hash, or beyond its checkpoint' : ''),
        );
      }
      if (wrong.length > SHOWN) problems.push(`... and ${wrong.length - SHOWN} more ${table} rows that do not match the events`);
    }
    const readAuditRows = tableExists(db, 'read_audit') ? (db.prepare('SELECT count(*) AS n FROM read_audit').get() as { n: number }).n : 0;
    return { file: readFile, checkpoints, readAuditRows, problems };
  } finally {
    db.close();
  }
}

/**
 * Everything `backup` checks in its copy and `restore` in a backup before using it, without changing
 * a byte of either file: SQLite's integrity_check on both, every stream's hash chain (the same walk as
 * verify-store), and that the read models, when present, match the events.
 */
export async function checkSqliteBackup(eventsFile: string, readFile: string | null): Promise<SqliteBackupCheck> {
  const integrity = [eventsFile, ...(readFile ? [readFile] : [])].map((file) => {
    try {
      return { file, problems: sqliteIntegrityProblems(file) };
    } catch (error) {
      throw new BackupRestoreError(`${file} cannot be read as a SQLite database: ${(error as Error).message}`);
    }
  });
  const store = new SqliteEventStore({ filename: eventsFile, readonly: true });
  let chains: StoreVerification;
  try {
    await store.init().catch((error: unknown) => {
      throw new BackupRestoreError(`${eventsFile} is not a CareTrail event store: ${(error as Error).message}`);
    });
    chains = await verifyStoreChains(store);
  } finally {
    await store.close();
  }
  return { eventsFile, integrity, chains, readModels: readFile ? checkReadModels(readFile, eventsFile) : null };
}

/** What is wrong with the events (integrity, chains): a backup with any of these is never used. */
export function eventProblems(check: SqliteBackupCheck): string[] {
  return [...check.integrity.flatMap((i) => i.problems.map((p) => `integrity_check of ${i.file}: ${p}`)), ...check.chains.problems.map(describeChainProblem)];
}

/** One line for the summary: what was checked and found sound. */
export function describeCheck(check: SqliteBackupCheck): string {
  const { events, streams, lastPosition } = check.chains;
  const read = check.readModels
    ? `; read models at position ${check.readModels.checkpoints.map((c) => `${c.position} (${c.name})`).join(', ') || 'none'}` +
      (check.readModels.problems.length === 0 ? ' match the events' : ` DO NOT match the events (${check.readModels.problems.length} problems)`)
    : '; no read models';
  const sound = check.integrity.every((i) => i.problems.length === 0) ? 'integrity ok' : 'integrity check FAILED';
  const chains = check.chains.problems.length === 0 ? 'every hash chain verifies' : `${check.chains.problems.length} broken links`;
  return `${sound}; ${events} events in ${streams} streams up to position ${lastPosition}, ${chains}${read}`;
}
