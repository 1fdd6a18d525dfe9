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
