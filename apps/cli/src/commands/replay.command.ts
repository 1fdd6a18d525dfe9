import { loadMeasureEvents, loadScopeEvents, organisationKindMap, type RecordScope } from '@caretrail/projections';
import { computeMeasures, endOfLondonDay, replayMeasures, replayTimeline, timelineToCsv, toLondonDate, type ReplayBasis } from '@caretrail/timeline';
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
    .addOption(new Option('--basis <basis>', 'recorded: what the record showed then; occurred: what had happened by then').choices(['recorded', 'occurred']).default('recorded'));

/** Loads a scope's events after bringing the read models up to the feed's head. */
async function scopeEvents(options: ReplayOptions, forMeasures = false) {
  const side = await openReadSide();
  try {
    await side.host.catchUp();
    // Measures also read the clock settings of the scope's concerns' councils (each concern is judged by its own).
    const load = forMeasures ? loadMeasureEvents : loadScopeEvents;
    const events = await load(side.read.db, scopeOf(options), options.asOf && options.basis === 'recorded' ? { recordedBy: endOfLondonDay(options.asOf) } : {});
    return { events, organisationKinds: await organisationKindMap(side.read.db, events.map((e) => e.actor.organisationId)) };
  } finally {
    await side.close();
  }
}

/** `caretrail timeline` and `caretrail measures`: the same pure functions as the API's live and replay views. */
export function registerReplayCommands(program: Command): void {
  withReplayOptions(program.command('timeline').description('Print a timeline, now or as of a date'))
    .option('--csv', 'CSV instead of JSON')
    .action(async (options: ReplayOptions) => {
      const { events, organisationKinds } = await scopeEvents(options);
      const asOf = options.asOf ?? toLondonDate(new Date());
      const page = replayTimeline(events, { asOf, basis: options.asOf ? options.basis : 'recorded', organisationKinds });
      process.stdout.write(options.csv ? timelineToCsv(page.entries) : `${JSON.stringify({ asOf: options.asOf ?? null, basis: options.asOf ? options.basis : null, ...page }, null, 2)}\n`);
    });

  withReplayOptions(program.command('measures').description('Print the ten responsiveness measures, now or as of a date'))
    .action(async (options: ReplayOptions) => {
      const { events } = await scopeEvents(options, true);
      const measures = options.asOf ? replayMeasures(events, { asOf: options.asOf, basis: options.basis }) : computeMeasures(events, { on: toLondonDate(new Date()) });
      process.stdout.write(`${JSON.stringify(measures, null, 2)}\n`);
    });
}
