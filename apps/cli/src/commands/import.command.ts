import { readFileSync } from 'node:fs';
import { assertConfiguredStoreExists, createEventStore, loadConfig, type AppConfig } from '@caretrail/config';
import { demoIdentityByToken } from '@caretrail/demo';
import { organisationDecider, organisationStream, ROLES, type DomainActor, type Role } from '@caretrail/domain';
import type { EventStore } from '@caretrail/event-store';
import type { Command } from 'commander';
import { plural } from '@caretrail/timeline';
import { CommandExecutor, importHistory, type ImportReport } from '@caretrail/application';
import { processOutput, type CliOutput } from './export-bundle.command';

export interface ImportCliOptions {
  /** A demo token (CARETRAIL_AUTH=demo only), or a user id with --organisation and --role. */
  as: string;
  organisation?: string;
  role?: string;
  dryRun?: boolean;
}

/**
 * Who the import is recorded as: a demo identity by its token where demo sign-in is on, else the person
 * named with their organisation (which must be registered: its kind comes from its record) and role.
 */
export async function importingActor(options: ImportCliOptions, store: EventStore, config: AppConfig): Promise<DomainActor> {
  if (!options.organisation && !options.role) {
    const demo = config.CARETRAIL_AUTH === 'demo' ? demoIdentityByToken(options.as) : undefined;
    if (!demo)
      throw new Error(
        `--as ${options.as} is not a demo identity${config.CARETRAIL_AUTH === 'demo' ? '' : ' (demo sign-in is off)'}: name the person with --as <user id> --organisation <id> --role <role>`,
      );
    return { userId: demo.userId, organisationId: demo.organisationId, organisationKind: demo.organisationKind, role: demo.role };
  }
  if (!options.organisation || !options.role) throw new Error('--organisation and --role go together: name both');
  const role = ROLES.find((r) => r === options.role) as Role | undefined;
  if (!role) throw new Error(`--role ${options.role} is not one of ${ROLES.join(', ')}`);
  const organisation = await new CommandExecutor(store).loadState(organisationStream(options.organisation), organisationDecider);
  if (!organisation.state.exists || !organisation.state.kind)
    throw new Error(`--organisation ${options.organisation}: no organisation with that id is registered`);
  return { userId: options.as, organisationId: options.organisation, organisationKind: organisation.state.kind, role };
}

/** The report as the terminal shows it: every bad row as `row N, column X: why`, then the totals. */
export function describeImport(report: ImportReport): string[] {
  const lines = report.problems.map((p) => `row ${p.row}, column ${p.column}: ${p.why}`);
  const count = (outcome: string) => report.outcomes.filter((o) => o.outcome === outcome).length;
  const file = `File sha256:${report.fileSha256}, ${plural(report.rows, 'row')}`;
  if (report.problems.length > 0) {
    lines.push(`${file}: ${plural(report.problems.length, 'problem')}; nothing recorded. Correct the file and run it again.`);
  } else if (report.dryRun) {
    lines.push(`${file}: dry run, every row is good; ${count('checked')} would be recorded, ${count('already')} already recorded. Nothing recorded.`);
  } else {
    lines.push(`${file}: ${count('recorded')} recorded, ${count('already')} already recorded by an earlier run.`);
  }
  return lines;
}

/** `caretrail import`: the exit code is 0 when the file was good (and, without --dry-run, recorded), 1 otherwise. */
export async function runImport(
  file: string,
  options: ImportCliOptions,
  io: CliOutput = processOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ exitCode: number; report: ImportReport }> {
  const config = loadConfig(env);
  const bytes = readFileSync(file);
  await assertConfiguredStoreExists(config);
  const store = await createEventStore(config);
  try {
    const actor = await importingActor(options, store, config);
    const report = await importHistory({ bytes, actor, store, dryRun: options.dryRun === true });
    for (const line of describeImport(report)) (report.problems.length > 0 ? io.err : io.out)(`${line}\n`);
    return { exitCode: report.problems.length > 0 ? 1 : 0, report };
  } finally {
    await store.close();
  }
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      "Import an existing history from a CSV file (docs/importing.md): each row recorded as its command, as the importing person, marked with the file's SHA-256 and row",
    )
    .argument('<file>', 'the CSV file')
    .requiredOption('--as <who>', 'the importing person: a demo token (demo sign-in only), or a user id with --organisation and --role')
    .option('--organisation <id>', "the importing person's organisation (registered)")
    .option('--role <role>', "the importing person's role")
    .option('--dry-run', 'check every row and list the bad ones; record nothing')
    .action(async (file: string, options: ImportCliOptions) => {
      const { exitCode } = await runImport(file, options);
      process.exitCode = exitCode;
    });
}
