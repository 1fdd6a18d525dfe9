import { writeFileSync } from 'node:fs';
import { readPointFields, readPointOf } from '@caretrail/application';
import { loadConfig, type AppConfig } from '@caretrail/config';
import { parseAsOfInput } from '@caretrail/domain';
import { loadSigningKey, MissingSigningKeyError, SigningKeyError } from '@caretrail/evidence';
import { listOrganisations, loadScopeEvents } from '@caretrail/projections';
import {
  buildReportBundle,
  computeCouncilReport,
  parseReportPeriod,
  publicSummary,
  renderReportHtml,
  reportCsv,
  reportXlsx,
  ReportPeriodError,
  serializeReportBundle,
  yearOf,
  type CouncilReport,
} from '@caretrail/reports';
import { toLondonDate, type ReplayBasis } from '@caretrail/timeline';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { processOutput, type CliOutput } from './export-bundle.command';
import { openReadSide } from './read-side';

export const REPORT_CLI_FORMATS = ['json', 'csv', 'xlsx', 'html', 'public', 'public-json', 'bundle'] as const;
export type ReportCliFormat = (typeof REPORT_CLI_FORMATS)[number];

export interface ReportCliOptions {
  council: string;
  period?: string;
  asOf?: string;
  basis?: ReplayBasis;
  format: ReportCliFormat;
  out?: string;
  generatedBy?: string;
  createKey?: boolean;
}

const localDate = (value: string) => {
  const parsed = parseAsOfInput(value);
  if (!parsed.ok) throw new InvalidArgumentError(`a day written YYYY-MM-DD: ${parsed.problem}`);
  return parsed.value;
};

const period = (value: string) => {
  try {
    return parseReportPeriod(value).label;
  } catch (error) {
    throw new InvalidArgumentError(error instanceof ReportPeriodError ? error.message : String(error));
  }
};

/**
 * A council's report from the configured store, through the same read models and pure functions as
 * the API: written to --out (required for the spreadsheet), else to standard output. Messages go to
 * stderr so that stdout can be piped.
 */
export async function runReport(
  options: ReportCliOptions,
  io: CliOutput = processOutput,
  env: NodeJS.ProcessEnv = process.env,
  config: AppConfig = loadConfig(env),
): Promise<CouncilReport> {
  if (options.basis && !options.asOf) throw new Error('--basis needs --as-of');
  if (options.format === 'xlsx' && !options.out) throw new Error('--format xlsx needs --out <file>: a spreadsheet is not written to a terminal');
  const side = await openReadSide(config);
  let events;
  let organisations;
  try {
    await side.host.catchUp();
    organisations = await listOrganisations(side.read.db);
    if (!organisations.some((o) => o.organisationId === options.council && o.kind === 'council'))
      throw new Error(`No council ${options.council} in this store`);
    events = await loadScopeEvents(side.read.db, { kind: 'council', councilId: options.council, readableConcerns: { councilId: options.council } });
  } finally {
    await side.close();
  }
  const today = toLondonDate(new Date());
  const input = {
    councilId: options.council,
    events,
    period: options.period ? parseReportPeriod(options.period) : yearOf(options.asOf ?? today),
    ...readPointFields(readPointOf(options)),
    today,
    organisationNames: Object.fromEntries(organisations.map((o) => [o.organisationId, o.name])),
  };
  const report = computeCouncilReport(input);
  let output: string | Buffer;
  switch (options.format) {
    case 'csv':
      output = reportCsv(report);
      break;
    case 'xlsx':
      output = await reportXlsx(report);
      break;
    case 'html':
      output = renderReportHtml(report, { generatedAt: new Date().toISOString() });
      break;
    case 'public':
      output = renderReportHtml(report, { publicSummary: true });
      break;
    case 'public-json':
      output = `${JSON.stringify(publicSummary(report), null, 2)}\n`;
      break;
    case 'bundle': {
      let key;
      try {
        key = loadSigningKey({ env, create: options.createKey === true });
      } catch (error) {
        if (!(error instanceof MissingSigningKeyError)) throw error;
        throw new SigningKeyError(`${error.message}; or pass --create-key to make a new key there`);
      }
      for (const warning of key.warnings) io.err(`Warning: ${warning}\n`);
      output = serializeReportBundle(
        buildReportBundle({
          ...input,
          generatedAt: new Date().toISOString(),
          generatedBy: options.generatedBy ?? 'caretrail report (command line)',
          signer: key,
        }),
      );
      break;
    }
    default:
      output = `${JSON.stringify(report, null, 2)}\n`;
  }
  if (options.out) writeFileSync(options.out, output);
  else io.out(typeof output === 'string' ? output : output.toString('base64'));
  io.err(
    `Report of ${report.councilName} for ${report.period.label}${report.asOf ? ` as of ${report.asOf} (${report.basis})` : ''}: ` +
      `${report.current.contracts.services.value} services under contract, ${report.current.concerns.raised.value} concerns raised` +
      `${options.out ? `; ${options.format} in ${options.out}` : ''}\n`,
  );
  return report;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("A council's report on its commissioned services for a period: JSON, CSV, spreadsheet, printable HTML, public summary or a signed bundle")
    .requiredOption('--council <id>', "the council's organisation id")
    .option(
      '--period <period>',
      'a year (2025), a quarter (2025-Q2), a financial year (2025-26) or two dates (2025-01-01..2025-06-30); default the calendar year',
      period,
    )
    .option('--as-of <date>', 'as of the end of this day (Europe/London)', localDate)
    .addOption(
      new Option('--basis <basis>', "with --as-of: 'recorded' (what the record showed) or 'occurred' (what had happened)").choices(['recorded', 'occurred']),
    )
    .addOption(new Option('--format <format>', 'what to write').choices([...REPORT_CLI_FORMATS]).default('json'))
    .option('--out <file>', 'write here (required for xlsx; default standard output)')
    .option('--generated-by <text>', 'who made a signed bundle, as its manifest records')
    .option('--create-key', "with --format bundle: make the deployment's signing key where CARETRAIL_SIGNING_KEY_FILE points when there is none")
    .action(async (options: ReportCliOptions) => {
      await runReport(options);
    });
}
