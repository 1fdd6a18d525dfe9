import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';

/**
 * SQLite-only file operations for `caretrail backup` and `restore`. They work on any SQLite file (the
 * event store and its read-model file alike) and stay outside the EventStore port on purpose.
 */

export interface SqliteCopy {
  /** Database pages copied, and the copy's size in bytes once it is one self-contained file. */
  pages: number;
  bytes: number;
}

/** Every page in one step: the most sqlite3_backup_step takes (better-sqlite3 clamps to 2^31 - 1). */
const ALL_REMAINING_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database with the online backup API, on a connection of its own, while other
 * connections (other processes included) keep writing. The pages are taken in one backup step, which
 * holds one read transaction: in WAL mode that is a consistent snapshot of the last commit before it,
 * and writers are not blocked meanwhile. (Copying in several steps would restart from the first page
 * whenever another connection commits between two steps, and could never finish under steady writes.)
 *
 * `target` must not exist. The copy is left in rollback-journal mode, one file without -wal or -shm,
 * fsynced, so it can be moved, archived or opened read-only as it is.
 */
export async function backupSqliteDatabase(source: string, target: string): Promise<SqliteCopy> {
  // Not readonly: a read-only connection to a WAL database cannot remove the -wal and -shm files it
  // creates when it is the last to close. This one only reads (and, last to close, checkpoints).
  const db = new Database(source, { fileMustExist: true });
  let pages: number;
  try {
    const result = await db.backup(target, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        return ALL_REMAINING_PAGES;
      },
    });
    pages = result.totalPages;
  } finally {
    db.close();
  }
  makeSelfContained(target);
  fsyncFile(target);
  return { pages, bytes: statSync(target).size };
}

/**
 * Switches a database to rollback-journal mode, which folds its WAL into the main file and removes
 * -wal and -shm. SQLite allows that only to the one connection that has the file open, so it fails
 * (SQLITE_BUSY) while any other process uses it: callers use that to refuse touching a live store.
 */
export function makeSelfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (String(mode).toLowerCase() !== 'delete') throw new Error(`${file} stayed in journal mode ${String(mode)}`);
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check`: empty when the file is sound, otherwise SQLite's own descriptions. */
export function sqliteIntegrityProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } finally {
    db.close();
  }
}

/** Forces a file's contents to disk, so a rename that follows never exposes a half-written file after a crash. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
