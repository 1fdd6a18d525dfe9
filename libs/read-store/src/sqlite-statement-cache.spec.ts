import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from './sqlite-statement-cache';

describe('the read store keeps SQLite statements prepared', () => {
  it('hands back the kept statement for the same SQL and a fresh one for other SQL', () => {
    const cached = withStatementCache(new Database(':memory:'));
    const a = cached.prepare('SELECT 1 AS one');
    expect(cached.prepare('SELECT 1 AS one')).toBe(a);
    expect(cached.prepare('SELECT 2 AS two')).not.toBe(a);
    cached.close();
  });

  it('drops the least recently used statement beyond its capacity', () => {
    const cached = withStatementCache(new Database(':memory:'), 2);
    const one = cached.prepare('SELECT 1');
    const two = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(one); // now the most recent
    cached.prepare('SELECT 3'); // evicts SELECT 2
    expect(cached.prepare('SELECT 1')).toBe(one);
    expect(cached.prepare('SELECT 2')).not.toBe(two);
    cached.close();
  });

  it('never hands out a statement that is still being iterated', () => {
    const connection = new Database(':memory:');
    const cached = withStatementCache(connection);
    const first = cached.prepare('SELECT value FROM json_each(?)') as unknown as ReturnType<typeof connection.prepare>;
    const rows = first.iterate('[1,2,3]');
    rows.next();
    const second = cached.prepare('SELECT value FROM json_each(?)') as unknown as ReturnType<typeof connection.prepare>;
    expect(second).not.toBe(first);
    expect(second.all('[4,5]')).toEqual([{ value: 4 }, { value: 5 }]);
    expect([...rows].map((r) => (r as { value: number }).value)).toEqual([2, 3]);
    cached.close();
  });

  it('answers through Kysely correctly across a schema change', async () => {
    const db = new Kysely<{ t: { a: number; b?: number } }>({ dialect: new SqliteDialect({ database: withStatementCache(new Database(':memory:')) }) });
    await sql`CREATE TABLE t (a INTEGER)`.execute(db);
    await db.insertInto('t').values({ a: 1 }).execute();
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ a: 1 }]);
    await sql`ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 7`.execute(db);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ a: 1, b: 7 }]);
    await db.destroy();
  });
});
