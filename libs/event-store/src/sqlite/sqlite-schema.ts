import type Database from 'better-sqlite3';

/** Ordered, append-only: a released migration is never edited, a change is a new entry. */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id        TEXT    NOT NULL UNIQUE,
        stream_id       TEXT    NOT NULL,
        stream_version  INTEGER NOT NULL,
        type            TEXT    NOT NULL,
        schema_version  INTEGER NOT NULL,
        data            TEXT    NOT NULL,
        occurred_at     TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        actor           TEXT    NOT NULL,
        correlation_id  TEXT    NOT NULL,
        causation_id    TEXT,
        command_id      TEXT,
        previous_hash   TEXT,
        hash            TEXT    NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      -- The head of each stream, so an append checks its expected version with one key lookup.
      CREATE TABLE streams (
        stream_id TEXT    PRIMARY KEY,
        version   INTEGER NOT NULL,
        last_hash TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    // Long records (docs/long-records.md): snapshots of folded state beside the events, and a count of
    // changes made to a stream's event rows other than by append, so a reader that verified a stream
    // once need only verify the events after that point while the count has not moved.
    version: 2,
    sql: `
      ALTER TABLE streams ADD COLUMN alterations INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER events_altered_by_update AFTER UPDATE ON events BEGIN
        UPDATE streams SET alterations = alterations + 1 WHERE stream_id IN (old.stream_id, new.stream_id);
      END;
      CREATE TRIGGER events_altered_by_delete AFTER DELETE ON events BEGIN
        UPDATE streams SET alterations = alterations + 1 WHERE stream_id = old.stream_id;
      END;
      CREATE TABLE snapshots (
        stream_id      TEXT    NOT NULL,
        state_type     TEXT    NOT NULL,
        state_schema   INTEGER NOT NULL,
        stream_version INTEGER NOT NULL,
        event_hash     TEXT    NOT NULL,
        alterations    INTEGER NOT NULL,
        state          TEXT    NOT NULL,
        content_hash   TEXT    NOT NULL,
        written_at     TEXT    NOT NULL,
        PRIMARY KEY (stream_id, state_type, state_schema)
      ) WITHOUT ROWID;
    `,
  },
];

/** Applies the migrations this database lacks, all in one write transaction. */
export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT    NOT NULL
  )`);
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const m of SQLITE_MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, new Date().toISOString());
    }
  });
  // IMMEDIATE: two processes opening the same new file must not both try to create the tables.
  apply.immediate();
}
