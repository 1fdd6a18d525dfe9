#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '@caretrail/config';
import { Command } from 'commander';
import { registerSeedCommand } from './commands/seed.command';
import { registerVerifyStoreCommand } from './commands/verify-store.command';
import { registerExportBundleCommand } from './commands/export-bundle.command';
import { registerVerifyBundleCommand } from './commands/verify-bundle.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerReplayCommands } from './commands/replay.command';
import { registerMigrateStoreCommand } from './commands/migrate-store.command';
import { registerBackupCommand } from './commands/backup.command';
import { registerRestoreCommand } from './commands/restore.command';
import { registerReportCommand } from './commands/report.command';
import { registerImportCommand } from './commands/import.command';

const program = new Command()
  .name('caretrail')
  .description('CareTrail command line: seed demo data, verify the store, replay, export and verify evidence')
  .showHelpAfterError();

registerSeedCommand(program);
registerVerifyStoreCommand(program);
registerExportBundleCommand(program);
registerVerifyBundleCommand(program);
registerReplayCommands(program);
registerRebuildCommand(program);
registerMigrateStoreCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);
registerReportCommand(program);
registerImportCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
