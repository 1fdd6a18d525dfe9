import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { assertSqliteStoreExists, loadConfig, sqliteReadDatabaseFile, type AppConfig } from '@caretrail/config';
import { backupSqliteDatabase } from '@caretrail/event-store/sqlite';
import type { Command } from 'commander';
import { checkSqliteBackup, describeCheck, eventProblems, type SqliteBackupCheck } from './sqlite-backup.check';
import { BackupRestoreError, moveIntoPlace, removeWorkFiles, workFileFor } from './sqlite-store-files';

export const PG_BACKUP_HINT = 'see docs/operations.md, "Backup and restore"';

export interface BackupOptions {
  /** The live event-store file; its read models are the `-read.db` file beside it, when there is one. */
  source: string;
  /** The backup's events file; its read models go beside it as `<name>-read.db`. */
  target: string;
  /** Replace existing backup files of that name. */
  force?: boolean;
}

export interface BackupSummary {
  source: string;
  target: string;
  readTarget: string | null;
  check: SqliteBackupCheck;
  bytes: { events: number; readModels: number };
  seconds: number;
}

/** Says why `backup` or `restore` cannot work on this deployment's store, or returns its SQLite file. */
export function configuredSqliteFile(config: AppConfig, command: 'backup' | 'restore'): string {
  switch (config.CARETRAIL_STORE) {
    case 'sqlite':
      return config.CARETRAIL_SQLITE_FILE;
    case 'postgres':
      throw new BackupRestoreError(
        `caretrail ${command} works on the SQLite store, and this deployment uses CARETRAIL_STORE=postgres: ` +
          `${command === 'backup' ? 'back it up with pg_dump -Fc' : 'restore it with pg_restore'} (schemas ${config.CARETRAIL_PG_SCHEMA ?? 'caretrail'} and ${config.CARETRAIL_PG_SCHEMA ?? 'caretrail'}_read), then run caretrail verify-store; ${PG_BACKUP_HINT}`,
      );
    case 'eventstoredb':
      throw new BackupRestoreError(
        `caretrail ${command} works on the SQLite store, and this deployment uses CARETRAIL_STORE=eventstoredb: ` +
          `use EventStoreDB's own backup for the events and pg_dump -Fc for the read models in PostgreSQL; ${PG_BACKUP_HINT}`,
      );
  }
}

/**
 * An online backup of the SQLite store and its read models while the service keeps writing. The read
 * models are copied first, then the events: every event the projections had applied was committed
 * before that, so the copy's read models never run ahead of its events (they catch up after a restore).
 * Each copy is written beside its target and renamed onto it only once it has passed every check.
 */
export async function backupSqliteStore(options: BackupOptions): Promise<BackupSummary> {
  const started = performance.now();
  const source = resolve(options.source);
  const target = resolve(options.target);
  const readSource = sqliteReadDatabaseFile(source);
  const readTarget = sqliteReadDatabaseFile(target);
  if (!existsSync(source)) throw new BackupRestoreError(`There is no SQLite store at ${source} (CARETRAIL_SQLITE_FILE): nothing to back up`);
  assertSqliteStoreExists(source, 'CARETRAIL_SQLITE_FILE'); // a file that is there but holds no CareTrail store
  if ([source, readSource].includes(target) || [source, readSource].includes(readTarget)) {
    throw new BackupRestoreError(`--to ${options.target} would write over the store itself: choose a file elsewhere`);
  }
  const hasReadModels = existsSync(readSource);
  for (const file of [target, readTarget]) {
    if (existsSync(file) && !options.force) throw new BackupRestoreError(`${file} exists already: choose another name, or pass --force to replace that backup`);
  }
  mkdirSync(dirname(target), { recursive: true });

  const work = workFileFor(target, 'partial');
  const readWork = hasReadModels ? workFileFor(readTarget, 'partial') : null;
  removeWorkFiles(work, readWork); // left by a run that was killed
  try {
    const readCopy = readWork ? await backupSqliteDatabase(readSource, readWork) : { bytes: 0 };
    const copy = await backupSqliteDatabase(source, work);
    const check = await checkSqliteBackup(work, readWork);
    const problems = [...eventProblems(check), ...(check.readModels?.problems ?? [])];
    if (problems.length > 0) {
      throw new BackupRestoreError(
        `The copy of ${source} fails its checks, so no backup was written (run caretrail verify-store on the live store):\n  ${problems.join('\n  ')}`,
      );
    }
    if (readWork) moveIntoPlace(readWork, readTarget);
    // The replaced backup's read models must not pass for this one's.
    else rmSync(readTarget, { force: true });
    // The events file last: where it exists, the whole backup does (a crash while replacing one with
    // --force can leave new read models beside old events, which restore's check refuses).
    moveIntoPlace(work, target);
    return {
      source,
      target,
      readTarget: readWork ? readTarget : null,
      // Described under the names the files have now.
      check: {
        ...check,
        eventsFile: target,
        integrity: check.integrity.map((i) => ({ ...i, file: i.file === work ? target : readTarget })),
        readModels: check.readModels && { ...check.readModels, file: readTarget },
      },
      bytes: { events: copy.bytes, readModels: readCopy.bytes },
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    removeWorkFiles(work, readWork);
    throw error;
  }
}

export function describeBackup(summary: BackupSummary): string[] {
  const { events, streams, lastPosition } = summary.check.chains;
  const read = summary.check.readModels;
  return [
    `Backed up ${summary.source} to ${summary.target}`,
    `  events:      ${events} in ${streams} streams, last global position ${lastPosition}, ${summary.bytes.events} bytes`,
    read
      ? `  read models: ${summary.readTarget}, ${read.checkpoints.map((c) => `${c.name} at ${c.position}`).join(', ')}; ${read.readAuditRows} read-audit rows; ${summary.bytes.readModels} bytes`
      : '  read models: none beside the store (restore builds them from the events)',
    `  checked:     ${describeCheck(summary.check)}`,
    `  took ${summary.seconds.toFixed(2)} s`,
  ];
}

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Copy the SQLite store and its read models, online and consistent, while the service runs; then check the copy')
    .requiredOption('--to <file>', 'the backup file to write (its read models go beside it as <name>-read.db)')
    .option('--force', 'replace an existing backup of that name')
    .action(async (options: { to: string; force?: boolean }) => {
      const source = configuredSqliteFile(loadConfig(), 'backup');
      const summary = await backupSqliteStore({ source, target: options.to, force: options.force });
      for (const line of describeBackup(summary)) console.log(line);
    });
}
