import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { NewEvent } from '@caretrail/event-store';
import type { BenchSubject } from './bench-subject';

/*
 * The raw driver ceiling: plain (multi-row) INSERTs of the same events into a bare table, through the
 * same driver CareTrail uses, with the same durability (SQLite WAL + synchronous=FULL; PostgreSQL with
 * fsync on). The table has a position key and one (stream, version) index so that a stream can be
 * read at all; no uniqueness checks, no stream heads, no hashes, no expected-version check.
 */

const metadataOf = (e: NewEvent, recordedAt: string): string =>
  JSON.stringify({
    occurredAt: e.occurredAt,
    recordedAt,
    actor: e.actor,
    correlationId: e.correlationId,
    causationId: e.causationId,
    commandId: e.commandId,
  });

interface RawRow {
  position: number;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

export class SqliteCeiling implements BenchSubject {
  readonly role = 'ceiling' as const;
  readonly backend = 'sqlite' as const;
  private readonly inserts = new Map<number, Database.Statement>();
  private readonly byStream: Database.Statement<[string], RawRow>;
  private readonly page: Database.Statement<[number, number], RawRow>;

  constructor(private readonly db: Database.Database) {
    this.byStream = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY stream_version');
    this.page = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  }

  static open(filename: string): SqliteCeiling {
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE IF NOT EXISTS events (
      position       INTEGER PRIMARY KEY,
      stream_id      TEXT    NOT NULL,
      stream_version INTEGER NOT NULL,
      event_id       TEXT    NOT NULL,
      type           TEXT    NOT NULL,
      data           TEXT    NOT NULL,
      metadata       TEXT    NOT NULL
    );
    CREATE INDEX IF NOT EXISTS events_stream ON events (stream_id, stream_version);`);
    return new SqliteCeiling(db);
  }

  private insertOf(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const tuple = '(?, ?, ?, ?, ?, ?)';
      statement = this.db.prepare(
        `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata) VALUES ${Array(rows).fill(tuple).join(', ')}`,
      );
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  async append(streamId: string, events: NewEvent[], expected: number): Promise<void> {
    const recordedAt = new Date().toISOString();
    const values: unknown[] = [];
    events.forEach((e, i) => values.push(streamId, expected + i + 1, e.eventId, e.type, JSON.stringify(e.data), metadataOf(e, recordedAt)));
    // One statement is one (autocommit) transaction.
    this.insertOf(events.length).run(...values);
  }

  async readStream(streamId: string): Promise<number> {
    return this.byStream.all(streamId).map(materialise).length;
  }

  async readFeed(pageSize: number, max = Infinity, after = 0): Promise<number> {
    let count = 0;
    for (;;) {
      const rows = this.page.all(after, pageSize).map(materialise);
      count += rows.length;
      if (rows.length < pageSize || count >= max) return count;
      after = rows[rows.length - 1].position;
    }
  }

  /** A raw driver has no subscription: paging the table is the ceiling for one. */
  catchUp(total: number, batchSize: number): Promise<number> {
    return this.readFeed(batchSize, total);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** What any store hands back: objects, not JSON text (the pg driver parses jsonb itself). */
function materialise(row: RawRow) {
  return { ...row, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as unknown };
}

export class PostgresCeiling implements BenchSubject {
  readonly role = 'ceiling' as const;
  readonly backend = 'postgres' as const;

  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema: string): Promise<PostgresCeiling> {
    const pool = new Pool({ connectionString, max: 10 });
    pool.on('error', () => undefined);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".events (
      position       bigserial PRIMARY KEY,
      stream_id      text    NOT NULL,
      stream_version bigint  NOT NULL,
      event_id       text    NOT NULL,
      type           text    NOT NULL,
      data           jsonb   NOT NULL,
      metadata       jsonb   NOT NULL
    )`);
    await pool.query(`CREATE INDEX IF NOT EXISTS events_stream ON "${schema}".events (stream_id, stream_version)`);
    return new PostgresCeiling(pool, `"${schema}".events`);
  }

  async append(streamId: string, events: NewEvent[], expected: number): Promise<void> {
    const recordedAt = new Date().toISOString();
    const values: unknown[] = [];
    const tuples: string[] = [];
    events.forEach((e, i) => {
      const p = values.length;
      tuples.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`);
      values.push(streamId, expected + i + 1, e.eventId, e.type, JSON.stringify(e.data), metadataOf(e, recordedAt));
    });
    await this.pool.query({
      name: `ceiling_insert_${events.length}`,
      text: `INSERT INTO ${this.table} (stream_id, stream_version, event_id, type, data, metadata) VALUES ${tuples.join(', ')}`,
      values,
    });
  }

  async readStream(streamId: string): Promise<number> {
    const { rows } = await this.pool.query({
      name: 'ceiling_stream',
      text: `SELECT * FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_version`,
      values: [streamId],
    });
    return rows.length;
  }

  async readFeed(pageSize: number, max = Infinity, after = 0): Promise<number> {
    let count = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string }>({
        name: 'ceiling_feed',
        text: `SELECT * FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`,
        values: [after, pageSize],
      });
      count += rows.length;
      if (rows.length < pageSize || count >= max) return count;
      after = Number(rows[rows.length - 1].position);
    }
  }

  catchUp(total: number, batchSize: number): Promise<number> {
    return this.readFeed(batchSize, total);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
