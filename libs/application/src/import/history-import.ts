import { createHash } from 'node:crypto';
import { parseString } from '@fast-csv/parse';
import { CommandExecutor, StaleRecordError, type Clock } from '../command-executor';
import { commandSpecFor, DomainRuleError, RecordNotFoundError, WrongPartyError, type DomainActor } from '@caretrail/domain';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { DryRunStore } from './dry-run-store';
import {
  IMPORT_COLUMNS,
  importIdSeed,
  planRow,
  REQUIRED_COLUMNS,
  type ImportColumn,
  type PlannedRow,
  type RaisedRef,
  type RowProblem,
  type SourceRow,
} from './history-rows';

/** What an imported event carries, in its hashed envelope (docs/importing.md, "How an imported row is marked"). */
export interface ImportMarker {
  fileSha256: string;
  row: number;
  /** The day the source says the step was recorded: a claim kept beside CareTrail's own recordedAt. */
  sourceRecordedOn: string | null;
}

const MARKER = /^import:sha256:([0-9a-f]{64}):row:(\d+)(?::recorded-on:(\d{4}-\d{2}-\d{2}))?$/;

/** The correlation id of every event one file records: the file's SHA-256. */
export const importCorrelationId = (fileSha256: string): string => `import:sha256:${fileSha256}`;

/** The causation id of a row's events: the file, the row, and the day the source says it was recorded. */
export const importCausationId = (m: ImportMarker): string =>
  `import:sha256:${m.fileSha256}:row:${m.row}${m.sourceRecordedOn ? `:recorded-on:${m.sourceRecordedOn}` : ''}`;

/** The import marker of a stored event, or null for an event not recorded by an import. */
export function importMarkerOf(event: Pick<RecordedEvent, 'causationId'>): ImportMarker | null {
  const match = event.causationId ? MARKER.exec(event.causationId) : null;
  return match ? { fileSha256: match[1], row: Number(match[2]), sourceRecordedOn: match[3] ?? null } : null;
}

export interface RowOutcome {
  row: number;
  kind: string;
  concernId: string;
  /** recorded: by this run; already: by an earlier run of the same file; checked: a dry run found it good. */
  outcome: 'recorded' | 'already' | 'checked';
  events: number;
}

export interface ImportReport {
  fileSha256: string;
  dryRun: boolean;
  rows: number;
  problems: RowProblem[];
  outcomes: RowOutcome[];
  /** Global position of the last event recorded (0 when nothing was). */
  position: number;
}

export const fileSha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The file's data rows (the header is row 1, the first data row row 2, as a spreadsheet numbers them), or what is wrong with its shape. */
export async function readHistoryCsv(text: string): Promise<{ rows: SourceRow[]; dataRows: number; problems: RowProblem[] }> {
  const records: string[][] = [];
  await new Promise<void>((resolve, reject) => {
    parseString<string[], string[]>(text, { headers: false, ignoreEmpty: false })
      .on('error', reject)
      .on('data', (record: string[]) => void records.push(record))
      .on('end', () => resolve());
  });
  const problems: RowProblem[] = [];
  const header = (records[0] ?? []).map((h) => h.trim().replace(/^\uFEFF/, ''));
  header.forEach((name, i) => {
    if (!IMPORT_COLUMNS.includes(name as ImportColumn))
      problems.push({ row: 1, column: name || `column ${i + 1}`, why: 'is not a column the import knows (see docs/importing.md)' });
    else if (header.indexOf(name) !== i) problems.push({ row: 1, column: name, why: 'appears twice in the header' });
  });
  for (const column of REQUIRED_COLUMNS) if (!header.includes(column)) problems.push({ row: 1, column, why: 'is missing from the header' });
  if (problems.length > 0) return { rows: [], dataRows: records.slice(1).filter((r) => r.some((c) => c.trim() !== '')).length, problems };
  const rows: SourceRow[] = [];
  let dataRows = 0;
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.every((c) => c.trim() === '')) return;
    dataRows++;
    if (record.length !== header.length) {
      problems.push({ row, column: '(the row)', why: `has ${record.length} cells where the header has ${header.length}` });
      return;
    }
    rows.push({ row, cells: Object.fromEntries(header.map((name, j) => [name, record[j]])) });
  });
  return { rows, dataRows, problems };
}

function problemOf(row: PlannedRow, error: unknown): RowProblem {
  if (error instanceof RecordNotFoundError) {
    const column = error.recordType === 'service' ? 'service_id' : error.recordType === 'contract' ? 'contract_id' : 'concern_ref';
    return { row: row.row, column, why: error.message };
  }
  if (error instanceof WrongPartyError) return { row: row.row, column: 'concern_ref', why: `refused: ${error.message}` };
  if (error instanceof DomainRuleError) return { row: row.row, column: 'row_kind', why: `refused by CareTrail's rules (${error.rule}): ${error.message}` };
  throw error;
}

/**
 * Imports a history file as `actor`: every row checked first, against the columns and then against the
 * domain's rules on a dry-run copy of the store; if any row is bad nothing is recorded and every bad row
 * is reported. Otherwise each row is recorded as its command through the CommandExecutor, in file order,
 * under a command id made from the file's SHA-256 and the row number: a row whose command id the record
 * already holds is not recorded again, so re-running the same file records nothing new.
 */
export async function importHistory(options: { bytes: Buffer; actor: DomainActor; store: EventStore; dryRun: boolean; clock?: Clock }): Promise<ImportReport> {
  const sha = fileSha256(options.bytes);
  const clock = options.clock ?? (() => new Date());
  const { rows, dataRows, problems } = await readHistoryCsv(options.bytes.toString('utf8'));
  const concerns = new Map<string, RaisedRef>();
  const planned: PlannedRow[] = [];
  for (const source of rows) {
    const result = planRow(source, importIdSeed(sha, options.actor.organisationId), concerns);
    if (Array.isArray(result)) problems.push(...result);
    else planned.push(result);
  }

  // Which rows an earlier run of this file recorded: their command ids, in their concerns' streams.
  const recordedIds = new Map<string, Set<string>>();
  const alreadyRecorded = async (row: PlannedRow): Promise<number> => {
    const streamId = commandSpecFor(row.command.kind)!.stream(row.command);
    let ids = recordedIds.get(streamId);
    if (!ids) {
      ids = new Set((await options.store.readStream(streamId)).map((e) => e.commandId ?? ''));
      recordedIds.set(streamId, ids);
    }
    return ids.has(row.commandId) ? 1 : 0;
  };
  const meta = (row: PlannedRow) => ({
    actor: options.actor,
    commandId: row.commandId,
    correlationId: importCorrelationId(sha),
    causationId: importCausationId({ fileSha256: sha, row: row.row, sourceRecordedOn: row.sourceRecordedOn }),
  });

  const dry = new CommandExecutor(new DryRunStore(options.store, clock), clock);
  const outcomes: RowOutcome[] = [];
  const badConcerns = new Map<string, number>();
  for (const row of planned) {
    const outcome: RowOutcome = { row: row.row, kind: row.kind, concernId: row.concernId, outcome: 'checked', events: 0 };
    if (await alreadyRecorded(row)) {
      outcomes.push({ ...outcome, outcome: 'already' });
      continue;
    }
    const badAt = badConcerns.get(row.concernId);
    if (badAt !== undefined) {
      problems.push({ row: row.row, column: 'concern_ref', why: `"${row.concernRef}" is raised at row ${badAt}, which is bad` });
      continue;
    }
    try {
      outcome.events = (await dry.execute(row.command, meta(row))).events.length;
      outcomes.push(outcome);
    } catch (error) {
      problems.push(problemOf(row, error));
      if (row.kind === 'concern_raised') badConcerns.set(row.concernId, row.row);
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const report: ImportReport = { fileSha256: sha, dryRun: options.dryRun, rows: dataRows, problems, outcomes, position: 0 };
  if (options.dryRun || problems.length > 0) return report;

  // For real: each row checked again against its stream and recorded at the version it was checked at,
  // so a second run of the same file at the same time cannot record a row twice (it is told the record
  // moved, looks again, and finds the row there).
  const executor = new CommandExecutor(options.store, clock);
  const byRow = new Map(planned.map((p) => [p.row, p]));
  for (const outcome of outcomes) {
    if (outcome.outcome === 'already') continue;
    const row = byRow.get(outcome.row)!;
    const streamId = commandSpecFor(row.command.kind)!.stream(row.command);
    for (let attempt = 1; ; attempt++) {
      const stored = await options.store.readStream(streamId);
      if (stored.some((e) => e.commandId === row.commandId)) {
        outcome.outcome = 'already';
        break;
      }
      try {
        const result = await executor.execute(row.command, {
          ...meta(row),
          expectedVersion: stored.length === 0 ? 0 : stored[stored.length - 1].streamVersion,
        });
        outcome.outcome = 'recorded';
        outcome.events = result.events.length;
        report.position = result.position;
        break;
      } catch (error) {
        if (!(error instanceof StaleRecordError || error instanceof WrongExpectedVersionError) || attempt >= 8) throw error;
      }
    }
  }
  return report;
}
