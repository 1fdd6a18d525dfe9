import { readPointFields, readPointOf, scopeMeasures, scopeTimeline } from '@caretrail/application';
import type { RecordScope } from '@caretrail/projections';
import { timelineToCsv, toLondonDate, type ReplayBasis } from '@caretrail/timeline';
import { parseAsOfInput } from '@caretrail/domain';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openReadSide } from './read-side';

interface ReplayOptions {
  scope: 'concern' | 'service' | 'provider' | 'council';
  id: string;
  asOf?: string;
  basis: ReplayBasis;
  csv?: boolean;
}

const scopeOf = ({ scope, id }: ReplayOptions): RecordScope => {
  switch (scope) {
    case 'concern':
      return { kind: 'concern', concernId: id };
    case 'service':
      return { kind: 'service', serviceId: id };
    case 'provider':
      return { kind: 'provider', providerId: id };
    case 'council':
      return { kind: 'council', councilId: id };
  }
};

/** The same rule as the API's asOf (docs/dates-and-times.md): a real day written YYYY-MM-DD, 2000-01-01 to tomorrow. */
const localDate = (value: string) => {
  const parsed = parseAsOfInput(value);
  if (!parsed.ok) throw new InvalidArgumentError(`a day written YYYY-MM-DD: ${parsed.problem}`);
  return parsed.value;
};

const withReplayOptions = (command: Command) =>
  command
    .addOption(new Option('--scope <scope>', 'what to read').choices(['concern', 'service', 'provider', 'council']).makeOptionMandatory())
    .requiredOption('--id <id>', "the record's id")
    .option('--as-of <date>', 'as it stood at the end of this day (Europe/London)', localDate)
    .addOption(
      new Option('--basis <basis>', 'recorded: what the record showed then; occurred: what had happened by then')
        .choices(['recorded', 'occurred'])
        .default('recorded'),
    );

/**
 * Runs a read over the configured store's read models after bringing them up to the feed's head. The
 * CLI has no Nest app and reads as an operator (no reader's scope to keep to): it calls the same plain
 * functions as the API's query handlers (`@caretrail/application`'s reads).
 */
async function withReadModels<T>(read: (db: Parameters<typeof scopeTimeline>[0]) => Promise<T>): Promise<T> {
  const side = await openReadSide();
  try {
    await side.host.catchUp();
    return await read(side.read.db);
  } finally {
    await side.close();
  }
}

/** `caretrail timeline` and `caretrail measures`: the same code as the API's live and replay views. */
export function registerReplayCommands(program: Command): void {
  withReplayOptions(program.command('timeline').description('Print a timeline, now or as of a date'))
    .option('--csv', 'CSV instead of JSON')
    .action(async (options: ReplayOptions) => {
      const point = readPointOf(options);
      // Every entry (no page): live, the replay to the end of today, as before.
      const page = await withReadModels((db) => scopeTimeline(db, scopeOf(options), {}, point ?? { asOf: toLondonDate(new Date()), basis: 'recorded' }));
      process.stdout.write(options.csv ? timelineToCsv(page.entries) : `${JSON.stringify({ ...readPointFields(point), ...page }, null, 2)}\n`);
    });

  withReplayOptions(program.command('measures').description('Print the ten responsiveness measures, now or as of a date')).action(
    async (options: ReplayOptions) => {
      const measures = await withReadModels((db) => scopeMeasures(db, scopeOf(options), readPointOf(options)));
      process.stdout.write(`${JSON.stringify(measures, null, 2)}\n`);
    },
  );
}
