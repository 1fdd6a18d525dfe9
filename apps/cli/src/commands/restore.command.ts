import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, sqliteReadDatabaseFile } from '@caretrail/config';
import { backupSqliteDatabase, SqliteEventStore, sqliteIntegrityProblems } from '@caretrail/event-store/sqlite';
import { openReadDatabase } from '@caretrail/read-store';
import { careTrailProjections } from '@caretrail/projections';
import type { Command } from 'commander';
import { configuredSqliteFile } from './backup.command';
import { openReadSide } from './read-side';
import { checkSqliteBackup, describeCheck, eventProblems, type SqliteBackupCheck } from './sqlite-backup.check';
import { assertNotInUse, BackupRestoreError, fileStamp, inspectStoreFile, moveIntoPlace, removeWorkFiles, setAside, workFileFor } from './sqlite-store-files';

export interface RestoreOptions {
  /** The backup's events file; its read models, when it has them, are `<name>-read.db` beside it. */
  from: string;
  /** The store file to restore into; its read models go beside it as the service expects them. */
  to: string;
  /** Restore over a store that holds events (it is kept as `<file>.replaced-<time>`). */
  force?: boolean;
  /** Build the read models again from the events instead of using the backup's (its read audit is kept). */
  rebuildReadModels?: boolean;
  now?: () => Date;
}

export interface RestoreSummary {
  from: string;
  to: string;
  readTo: string;
  check: SqliteBackupCheck;
  /** Where the files that were in the way now are. */
  replaced: { events: string | null; readModels: string | null };
  /** restored: the backup's, caught up; built: none in the backup, built from the events; rebuilt: --rebuild-read-models. */
  readModels: 'restored' | 'built' | 'rebuilt';
  checkpoints: { name: string; position: number }[];
  seconds: number;
}

/**
 * Restores a backup made by `caretrail backup` (or any SQLite copy of a CareTrail store): checks it
 * first and refuses one that fails, copies it beside the target and renames it into place, keeps any
 * store it replaces, and brings the read models up to the restored events before returning.
 */
export async function restoreSqliteStore(options: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now();
  const from = resolve(options.from);
  const readFrom = sqliteReadDatabaseFile(from);
  const to = resolve(options.to);
  const readTo = sqliteReadDatabaseFile(to);
  if (!existsSync(from)) throw new BackupRestoreError(`There is no backup at ${from}`);
  if ([from, readFrom].includes(to) || [from, readFrom].includes(readTo))
    throw new BackupRestoreError(`--to ${options.to} is the backup itself: restore into another file`);
  const hasReadModels = existsSync(readFrom);

  // 1. The backup as it is, read-only.
  const check = await checkSqliteBackup(from, hasReadModels ? readFrom : null);
  const broken = eventProblems(check);
  if (broken.length > 0) {
    throw new BackupRestoreError(`Refusing to restore ${from}: it fails verification, nothing was changed\n  ${broken.join('\n  ')}`);
  }
  const readProblems = check.readModels?.problems ?? [];
  if (readProblems.length > 0 && !options.rebuildReadModels) {
    throw new BackupRestoreError(
      `Refusing to restore ${from}: its read models (${readFrom}) do not match its events, nothing was changed\n  ${readProblems.join('\n  ')}\n` +
        'Pass --rebuild-read-models to build them again from the events (the read audit in that file is kept).',
    );
  }

  // 2. What is in the way: never replaced unasked, never deleted.
  const current = inspectStoreFile(to);
  if (current.unreadable && !options.force) {
    throw new BackupRestoreError(
      `${to} exists and is not a CareTrail store (${current.unreadable}): pass --force to set it aside as ${to}.replaced-<time> and restore there`,
    );
  }
  if (current.events > 0 && !options.force) {
    throw new BackupRestoreError(
      `${to} already holds ${current.events} events (last position ${current.lastPosition}): restore never replaces a store unasked; ` +
        `pass --force to keep it as ${to}.replaced-<time> and restore in its place`,
    );
  }

  // 3. A copy beside the target, checked again, renamed into place.
  mkdirSync(dirname(to), { recursive: true });
  const work = workFileFor(to, 'restoring');
  const readWork = hasReadModels ? workFileFor(readTo, 'restoring') : null;
  removeWorkFiles(work, readWork); // left by a run that was killed
  let replaced: RestoreSummary['replaced'];
  try {
    await backupSqliteDatabase(from, work);
    if (readWork) await backupSqliteDatabase(readFrom, readWork);
    const copied = inspectStoreFile(work);
    const copyProblems = [work, readWork].flatMap((file) => (file ? sqliteIntegrityProblems(file).map((p) => `${file}: ${p}`) : []));
    if (copied.events !== check.chains.events || copied.lastPosition !== check.chains.lastPosition) {
      copyProblems.push(
        `the copy holds ${copied.events} events up to ${copied.lastPosition}, the backup ${check.chains.events} up to ${check.chains.lastPosition}`,
      );
    }
    if (copyProblems.length > 0) throw new BackupRestoreError(`The copy of ${from} differs from it, nothing was replaced:\n  ${copyProblems.join('\n  ')}`);
    if (readWork && options.rebuildReadModels) await dropProjectionRows(readWork, work);

    assertNotInUse(readTo);
    assertNotInUse(to);
    const stamp = fileStamp(options.now?.() ?? new Date());
    // Read models aside first and the events in first: a crash in between leaves events without read
    // models (rebuilt at start), never read models without their events.
    replaced = { readModels: setAside(readTo, stamp), events: setAside(to, stamp) };
    moveIntoPlace(work, to);
    if (readWork) moveIntoPlace(readWork, readTo);
  } catch (error) {
    removeWorkFiles(work, readWork);
    throw error;
  }

  // 4. Read models up to the restored events, through the same wiring as the service.
  const readModels: RestoreSummary['readModels'] = !hasReadModels ? 'built' : options.rebuildReadModels ? 'rebuilt' : 'restored';
  const side = await openReadSide(loadConfig({ CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: to }));
  let checkpoints: RestoreSummary['checkpoints'];
  try {
    await side.host.catchUp();
    checkpoints = (await side.host.status()).map((s) => ({ name: s.name, position: s.position }));
  } finally {
    await side.close();
  }
  return { from, to, readTo, check, replaced, readModels, checkpoints, seconds: (performance.now() - started) / 1000 };
}

/**
 * Empties every read model of a read-model file and their checkpoints (the read audit and idempotency
 * records stay), so that the catch-up after the restore builds them from position zero. Nothing serves
 * this work file yet, so there is no need for a rebuild beside the old rows.
 */
async function dropProjectionRows(readFile: string, eventsFile: string): Promise<void> {
  const store = new SqliteEventStore({ filename: eventsFile, readonly: true });
  await store.init();
  const read = await openReadDatabase({ kind: 'sqlite', filename: readFile });
  try {
    const tables = new Set(careTrailProjections(store).flatMap((p) => p.tables));
    await read.db.transaction().execute(async (trx) => {
      for (const table of tables) await trx.deleteFrom(table).execute();
      await trx.deleteFrom('projection_checkpoints').execute();
    });
  } finally {
    await read.close();
    await store.close();
  }
}

export function describeRestore(summary: RestoreSummary): string[] {
  const { events, lastPosition } = summary.check.chains;
  const how = { restored: "the backup's, caught up", built: 'built from the events (none in the backup)', rebuilt: 'rebuilt from the events' }[
    summary.readModels
  ];
  return [
    `Checked ${summary.from}: ${describeCheck(summary.check)}`,
    ...(summary.replaced.events ? [`Kept the store that was there as ${summary.replaced.events}`] : []),
    ...(summary.replaced.readModels ? [`Kept its read models as ${summary.replaced.readModels}`] : []),
    `Restored ${events} events (last global position ${lastPosition}) to ${summary.to}`,
    `  read models: ${summary.readTo}, ${how}: ${summary.checkpoints.map((c) => `${c.name} at ${c.position}`).join(', ')}`,
    `  took ${summary.seconds.toFixed(2)} s`,
  ];
}

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('Check a backup and restore it as the SQLite store (default: CARETRAIL_SQLITE_FILE), keeping any store it replaces')
    .requiredOption('--from <backup>', 'a backup written by caretrail backup (its <name>-read.db beside it is restored too)')
    .option('--to <file>', 'the store file to restore into (default: the configured CARETRAIL_SQLITE_FILE)')
    .option('--force', 'restore over a store that holds events; it is kept as <file>.replaced-<time>')
    .option('--rebuild-read-models', "build the read models from the events instead of using the backup's")
    .action(async (options: { from: string; to?: string; force?: boolean; rebuildReadModels?: boolean }) => {
      const to = options.to ?? configuredSqliteFile(loadConfig(), 'restore');
      const summary = await restoreSqliteStore({ from: options.from, to, force: options.force, rebuildReadModels: options.rebuildReadModels });
      for (const line of describeRestore(summary)) console.log(line);
    });
}
