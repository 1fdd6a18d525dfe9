import {
  COMMENT_TOPICS,
  CONCERN_CATEGORIES,
  CONCERN_SOURCES,
  parseDateInput,
  parseInstantInput,
  RAG_SEVERITIES,
  VISIT_TYPES,
  type CareTrailCommand,
} from '@caretrail/domain';
import { startOfLondonDay } from '@caretrail/timeline';
import { v5 as uuidv5 } from 'uuid';

/** The kinds of row an imported history may hold, each one domain command (docs/importing.md). */
export const ROW_KINDS = ['concern_raised', 'concern_notified', 'comment', 'visit', 'plan_requested', 'concern_closed'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** Every column the import knows; a column not here is refused by name (a typo would otherwise be lost). */
export const IMPORT_COLUMNS = [
  'row_kind',
  'concern_ref',
  'occurred_at',
  'recorded_on_in_source',
  'service_id',
  'contract_id',
  'category',
  'severity',
  'source',
  'summary',
  'method',
  'topic',
  'text',
  'visit_type',
  'announced',
  'visitor_role',
  'findings',
  'plan_due_on',
  'update_cadence_days',
  'grace_days',
  'outcome',
  'override_reason',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['row_kind', 'concern_ref', 'occurred_at'];

const KIND_COLUMNS: Record<RowKind, readonly ImportColumn[]> = {
  concern_raised: ['service_id', 'contract_id', 'category', 'severity', 'source', 'summary'],
  concern_notified: ['method'],
  comment: ['topic', 'text'],
  visit: ['visit_type', 'announced', 'visitor_role', 'findings'],
  plan_requested: ['plan_due_on', 'update_cadence_days', 'grace_days'],
  concern_closed: ['outcome'],
};

const NOTIFY_METHODS = ['email', 'letter', 'meeting', 'portal'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The namespace of the import's name-based ids (UUID version 5): the same file and row always give the same id. */
export const IMPORT_NAMESPACE = '5f0c7a52-3c1e-4d59-9a6e-0b8f4f1f2a71';

export interface RowProblem {
  row: number;
  column: string;
  why: string;
}

/** One data row as read: its spreadsheet row number (the header is row 1) and its cells by column. */
export interface SourceRow {
  row: number;
  cells: Partial<Record<ImportColumn, string>>;
}

/** A row turned into the command it records, with what the import marks it with. */
export interface PlannedRow {
  row: number;
  kind: RowKind;
  concernRef: string;
  /** The concern it speaks on: a new one (raised in this file) or an existing one (its id). */
  concernId: string;
  command: CareTrailCommand;
  commandId: string;
  sourceRecordedOn: string | null;
}

/** A concern the file raises: its id, its row, and whether that row was refused. */
export interface RaisedRef {
  concernId: string;
  row: number;
  bad: boolean;
}

/**
 * What the import's ids are made from: the file's SHA-256 and the importing organisation, so the same
 * file imported again by the same organisation (any of its people) meets its own rows, and another
 * organisation's import of the same bytes makes ids of its own (judged afresh by the domain, and told
 * nothing of the first import).
 */
export const importIdSeed = (fileSha256: string, organisationId: string): string => `${fileSha256}:${organisationId}`;

/** A name-based id for something the file creates: the same seed, row and purpose always give the same id. */
export const importId = (seed: string, name: string): string => uuidv5(`${seed}:${name}`, IMPORT_NAMESPACE);

/** A date alone is taken as midday in London on that day; an instant is kept as given (normalised to UTC). */
function occurredAt(text: string): { ok: true; value: string } | { ok: false; problem: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = parseDateInput(text);
    if (!day.ok) return day;
    return { ok: true, value: new Date(Date.parse(startOfLondonDay(day.value)) + 12 * 3_600_000).toISOString() };
  }
  const instant = parseInstantInput(text);
  return instant.ok ? instant : { ok: false, problem: `must be a date (YYYY-MM-DD) or a date and time with a zone: it ${instant.problem}` };
}

/**
 * Checks one row's columns and makes its command, or says what is wrong, column by column. Rules that
 * need the record (who may, in what order) are the domain's: the import runs the command to learn them.
 * `concerns` maps each concern_ref raised earlier in the file to its concern id and raising row.
 */
export function planRow(source: SourceRow, seed: string, concerns: Map<string, RaisedRef>): PlannedRow | RowProblem[] {
  const problems: RowProblem[] = [];
  const { row } = source;
  const cell = (column: ImportColumn) => (source.cells[column] ?? '').trim();
  const problem = (column: string, why: string) => void problems.push({ row, column, why });

  const kindText = cell('row_kind');
  const kind = ROW_KINDS.find((k) => k === kindText);
  if (!kindText) problem('row_kind', `is empty: give one of ${ROW_KINDS.join(', ')}`);
  else if (!kind) problem('row_kind', `"${kindText}" is not one of ${ROW_KINDS.join(', ')}`);

  const concernRef = cell('concern_ref');
  let concernId = '';
  if (!concernRef) problem('concern_ref', 'is empty: name the concern the row belongs to');
  else if (kind === 'concern_raised') {
    const earlier = concerns.get(concernRef);
    if (earlier) problem('concern_ref', `"${concernRef}" was already raised at row ${earlier.row}`);
    else if (UUID.test(concernRef)) problem('concern_ref', 'a concern raised by the file is named by a reference of the file, not an id');
    else concernId = importId(seed, `concern:${concernRef}`);
  } else if (kind) {
    const earlier = concerns.get(concernRef);
    if (earlier?.bad) problem('concern_ref', `"${concernRef}" is raised at row ${earlier.row}, which is bad`);
    else if (earlier) concernId = earlier.concernId;
    else if (UUID.test(concernRef)) concernId = concernRef.toLowerCase();
    else problem('concern_ref', `"${concernRef}" is not raised by an earlier concern_raised row, nor the id of a concern`);
  }

  const when = occurredAt(cell('occurred_at'));
  if (!cell('occurred_at')) problem('occurred_at', 'is empty: give the date it happened (YYYY-MM-DD)');
  else if (!when.ok) problem('occurred_at', when.problem);

  const recordedText = cell('recorded_on_in_source');
  let sourceRecordedOn: string | null = null;
  if (recordedText) {
    const parsed = parseDateInput(recordedText);
    if (parsed.ok) sourceRecordedOn = parsed.value;
    else problem('recorded_on_in_source', parsed.problem);
  }

  if (!kind) return problems;
  for (const column of KIND_COLUMNS[kind]) if (!cell(column)) problem(column, `is needed for a ${kind} row`);
  for (const column of IMPORT_COLUMNS) {
    if (
      cell(column) &&
      !REQUIRED_COLUMNS.includes(column) &&
      column !== 'recorded_on_in_source' &&
      !KIND_COLUMNS[kind].includes(column) &&
      !(kind === 'concern_closed' && column === 'override_reason')
    ) {
      problem(column, `is not used by a ${kind} row: leave it empty`);
    }
  }
  const oneOf = <T extends string>(column: ImportColumn, allowed: readonly T[]): T => {
    const value = cell(column);
    const found = allowed.find((a) => a === value);
    if (value && !found) problem(column, `"${value}" is not one of ${allowed.join(', ')}`);
    return found as T;
  };
  const uuid = (column: ImportColumn): string => {
    const value = cell(column);
    if (value && !UUID.test(value)) problem(column, `"${value}" is not an id (a UUID)`);
    return value.toLowerCase();
  };
  const whole = (column: ImportColumn, min: number, max: number): number => {
    const value = cell(column);
    if (value && (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max))
      problem(column, `"${value}" is not a whole number from ${min} to ${max}`);
    return Number(value);
  };
  const date = (column: ImportColumn): string => {
    const value = cell(column);
    const parsed = parseDateInput(value);
    if (value && !parsed.ok) problem(column, parsed.problem);
    return value;
  };

  const at = when.ok ? when.value : '';
  let command: CareTrailCommand | undefined;
  switch (kind) {
    case 'concern_raised':
      command = {
        kind: 'RaiseConcern',
        concernId,
        serviceId: uuid('service_id'),
        contractId: uuid('contract_id'),
        category: oneOf('category', CONCERN_CATEGORIES),
        severity: oneOf('severity', RAG_SEVERITIES),
        source: oneOf('source', CONCERN_SOURCES),
        summary: cell('summary'),
        occurredAt: at,
      };
      break;
    case 'concern_notified':
      command = { kind: 'NotifyConcernToProvider', concernId, method: oneOf('method', NOTIFY_METHODS), occurredAt: at };
      break;
    case 'comment':
      command = {
        kind: 'RecordConcernComment',
        concernId,
        commentId: importId(seed, `row:${row}:comment`),
        topic: oneOf('topic', COMMENT_TOPICS),
        text: cell('text'),
        occurredAt: at,
      };
      break;
    case 'visit': {
      const announced = cell('announced').toLowerCase();
      if (announced && !['yes', 'no'].includes(announced)) problem('announced', `"${cell('announced')}" is not yes or no`);
      command = {
        kind: 'RecordConcernVisit',
        concernId,
        visitId: importId(seed, `row:${row}:visit`),
        visitType: oneOf('visit_type', VISIT_TYPES),
        announced: announced === 'yes',
        visitedOn: cell('occurred_at').slice(0, 10),
        visitorRole: cell('visitor_role'),
        findings: cell('findings'),
        occurredAt: at,
      };
      break;
    }
    case 'plan_requested':
      command = {
        kind: 'RequestActionPlan',
        concernId,
        dueOn: date('plan_due_on'),
        updateCadenceDays: whole('update_cadence_days', 1, 366),
        graceDays: whole('grace_days', 0, 366),
        occurredAt: at,
      };
      break;
    case 'concern_closed':
      command = { kind: 'CloseConcern', concernId, outcome: cell('outcome'), overrideReason: cell('override_reason') || null, occurredAt: at };
      break;
  }
  if (kind === 'concern_raised' && concernId) concerns.set(concernRef, { concernId, row, bad: problems.length > 0 });
  if (problems.length > 0 || !command) return problems;
  return { row, kind, concernRef, concernId, command, commandId: importId(seed, `row:${row}`), sourceRecordedOn };
}
