import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeSelfContained } from '@caretrail/event-store/sqlite';

/** A refusal of backup or restore: the message says what is wrong and what to do instead. */
export class BackupRestoreError extends Error {
  override readonly name = 'BackupRestoreError';
}

export interface StoreFileState {
  file: string;
  exists: boolean;
  events: number;
  lastPosition: number;
  /** Why the file could not be read as a CareTrail store, when it could not. */
  unreadable?: string;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether a file is a SQLite database (an empty file is one, to SQLite), judged by its first bytes only. */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === 0 || (read === head.length && head.equals(SQLITE_HEADER));
  } finally {
    closeSync(fd);
  }
}

/** What a SQLite event-store file holds now, read without changing it. */
export function inspectStoreFile(file: string): StoreFileState {
  if (!existsSync(file)) return { file, exists: false, events: 0, lastPosition: 0 };
  // Never opened by SQLite when it is something else: SQLite would treat a -wal beside it as its own.
  if (!isSqliteFile(file)) return { file, exists: true, events: 0, lastPosition: 0, unreadable: 'not a SQLite database' };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const hasEvents = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'`).get() !== undefined;
    if (!hasEvents) return { file, exists: true, events: 0, lastPosition: 0 };
    const row = db.prepare('SELECT count(*) AS n, coalesce(max(global_position), 0) AS p FROM events').get() as { n: number; p: number };
    return { file, exists: true, events: row.n, lastPosition: row.p };
  } catch (error) {
    return { file, exists: true, events: 0, lastPosition: 0, unreadable: (error as Error).message };
  } finally {
    db?.close();
  }
}

/** A file name beside `file` (same directory, so a rename onto `file` is atomic) for work in progress. */
export function workFileFor(file: string, purpose: 'partial' | 'restoring'): string {
  return `${file}.${purpose}-${process.pid}`;
}

/** `20250601T101500.123Z`: sorts by time and is safe in file names everywhere. */
export function fileStamp(at = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '');
}

export function fsyncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Renames `from` onto `to` (atomic within one file system) and makes the rename itself durable. */
export function moveIntoPlace(from: string, to: string): void {
  renameSync(from, to);
  fsyncDirectory(dirname(to));
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Folds a SQLite file into one (its WAL checkpointed in, -wal and -shm gone). SQLite allows that only
 * when no other process has the file open, so this refuses a store the service is using. A file that
 * is not a SQLite database is not opened at all.
 */
export function assertNotInUse(file: string): void {
  if (!existsSync(file) || !isSqliteFile(file)) return;
  try {
    makeSelfContained(file);
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (/^SQLITE_(BUSY|LOCKED)/.test(code) || /journal mode wal/i.test((error as Error).message)) {
      throw new BackupRestoreError(
        `${file} is in use by another process (${code || (error as Error).message}): stop the CareTrail service before restoring over it`,
      );
    }
    // Damaged beyond opening: setAside moves it as it is, with any journal files beside it.
  }
}

/** Moves a store file out of the way as `<file>.replaced-<stamp>` (with any journal files), never deleting it. */
export function setAside(file: string, stamp: string): string | null {
  if (!existsSync(file)) return null;
  const aside = `${file}.replaced-${stamp}`;
  if (existsSync(aside)) throw new BackupRestoreError(`${aside} exists already: wait a moment and try again`);
  assertNotInUse(file);
  renameSync(file, aside);
  for (const suffix of SIDE_FILES) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  fsyncDirectory(dirname(file));
  return aside;
}

/** Removes our own work files after a failure (never a store, never a backup). */
export function removeWorkFiles(...files: (string | null)[]): void {
  for (const file of files) {
    if (!file) continue;
    for (const suffix of ['', ...SIDE_FILES]) rmSync(file + suffix, { force: true });
  }
}
