import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSqliteDatabase, makeSelfContained, sqliteIntegrityProblems } from './sqlite-backup';

describe('SQLite backup helpers', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caretrail-sqlite-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A WAL database whose last commits are still in its -wal file, held open as a service would. */
  function liveDatabase(): Database.Database {
    const db = new Database(join(dir, 'live.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (text) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    })();
    return db;
  }

  it('copies a live WAL database, commits still in the WAL included, into one self-contained file', async () => {
    const live = liveDatabase();
    try {
      expect(statSync(join(dir, 'live.db-wal')).size).toBeGreaterThan(0);
      const copy = await backupSqliteDatabase(join(dir, 'live.db'), join(dir, 'copy.db'));
      expect(copy.pages).toBeGreaterThan(10);
      expect(copy.bytes).toBe(statSync(join(dir, 'copy.db')).size);
      expect(readdirSync(dir).filter((f) => f.startsWith('copy'))).toEqual(['copy.db']);

      const db = new Database(join(dir, 'copy.db'), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.prepare('SELECT count(*) AS n, max(text) AS last FROM t').get()).toEqual(live.prepare('SELECT count(*) AS n, max(text) AS last FROM t').get());
      db.close();
      expect(sqliteIntegrityProblems(join(dir, 'copy.db'))).toEqual([]);
    } finally {
      live.close();
    }
  });

  it('refuses to fold a database another connection has open (the service is using it)', () => {
    const live = liveDatabase();
    try {
      expect(() => makeSelfContained(join(dir, 'live.db'))).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      expect(existsSync(join(dir, 'live.db-wal'))).toBe(true);
    } finally {
      live.close();
    }
    makeSelfContained(join(dir, 'live.db'));
    expect(existsSync(join(dir, 'live.db-wal'))).toBe(false);
  });

  it("reports integrity_check's findings: an index entry that no longer matches its row", () => {
    const file = join(dir, 'broken.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX t_a ON t (a); INSERT INTO t VALUES (101, 10), (102, 20), (103, 30);');
    const { rootpage } = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 't_a'`).get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    expect(sqliteIntegrityProblems(file)).toEqual([]);
    // One byte of the index's page changed on disk: the entry for 103 now says 99.
    const bytes = readFileSync(file);
    const page = bytes.subarray((rootpage - 1) * pageSize, rootpage * pageSize);
    page[page.lastIndexOf(103)] = 99;
    writeFileSync(file, bytes);
    expect(sqliteIntegrityProblems(file)).toEqual(['row 3 missing from index t_a']);
  });
});
