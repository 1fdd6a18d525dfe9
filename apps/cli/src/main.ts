#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '@caretrail/config';
import { Command } from 'commander';

type Registrar = (program: Command) => void;

/**
 * Each command's module, loaded only when it is the command asked for (all of them for help or an
 * unknown command, so that commander can list them): `caretrail verify` loads no database driver,
 * and a command loads only what it uses.
 */
const COMMANDS: { names: string[]; load: () => Promise<Registrar> }[] = [
  { names: ['seed'], load: async () => (await import('./commands/seed.command.js')).registerSeedCommand },
  { names: ['verify-store'], load: async () => (await import('./commands/verify-store.command.js')).registerVerifyStoreCommand },
  { names: ['export'], load: async () => (await import('./commands/export-bundle.command.js')).registerExportBundleCommand },
  { names: ['verify'], load: async () => (await import('./commands/verify-bundle.command.js')).registerVerifyBundleCommand },
  { names: ['timeline', 'measures'], load: async () => (await import('./commands/replay.command.js')).registerReplayCommands },
  { names: ['rebuild'], load: async () => (await import('./commands/rebuild.command.js')).registerRebuildCommand },
  { names: ['migrate-store'], load: async () => (await import('./commands/migrate-store.command.js')).registerMigrateStoreCommand },
  { names: ['backup'], load: async () => (await import('./commands/backup.command.js')).registerBackupCommand },
  { names: ['restore'], load: async () => (await import('./commands/restore.command.js')).registerRestoreCommand },
  { names: ['report'], load: async () => (await import('./commands/report.command.js')).registerReportCommand },
  { names: ['import'], load: async () => (await import('./commands/import.command.js')).registerImportCommand },
];

const program = new Command()
  .name('caretrail')
  .description('CareTrail command line: seed demo data, verify the store, replay, export and verify evidence')
  .showHelpAfterError();

async function main(): Promise<void> {
  const asked = process.argv[2];
  const chosen = COMMANDS.filter((c) => c.names.includes(asked ?? ''));
  for (const command of chosen.length > 0 ? chosen : COMMANDS) (await command.load())(program);
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
