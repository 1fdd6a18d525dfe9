import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { guardReadPool } from './guarded-read-pool';
import type { ReadSchema } from './read-schema';
import { migrateReadDatabase } from './read-migrations';
import { withStatementCache } from './sqlite-statement-cache';

export type ReadDatabaseConfig =
  { kind: 'sqlite'; filename: string } | { kind: 'postgres'; connectionString: string; schema?: string; poolSize?: number; connectionTimeoutMs?: number };

/** The SQL database behind read models and request bookkeeping, one query layer for both dialects. */
export interface ReadDatabase {
  db: Kysely<ReadSchema>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export async function openReadDatabase(config: ReadDatabaseConfig): Promise<ReadDatabase> {
  if (config.kind === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true });
    const database = new Database(config.filename);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<ReadSchema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    await migrateReadDatabase(db);
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const schema = config.schema ?? 'caretrail_read';
  const pool = new Pool({
    connectionString: config.connectionString,
    max: config.poolSize ?? 10,
    // Every connection works in the read schema, so queries stay dialect-neutral. A startup option,
    // not a query after connecting: nothing can run before it, and nothing is left unawaited.
    options: `-c search_path="${schema}",public`,
    // Waiting for a free connection is bounded: a request answers 503 rather than hang.
    connectionTimeoutMillis: config.connectionTimeoutMs ?? 5_000,
  });
  const db = new Kysely<ReadSchema>({ dialect: new PostgresDialect({ pool: guardReadPool(pool) }) });
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  await migrateReadDatabase(db, undefined, schema);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
