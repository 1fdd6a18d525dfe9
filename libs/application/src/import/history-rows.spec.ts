import { VISIT_TYPES } from '@caretrail/domain';
import { importCausationId, importMarkerOf, readHistoryCsv } from './history-import';
import { importId, planRow, type PlannedRow, type RaisedRef } from './history-rows';

const SERVICE = '01900000-0000-7000-8000-000000000011';
const CONTRACT = '01900000-0000-7000-8000-000000000021';
const SHA = 'a'.repeat(64);

describe('reading a history file', () => {
  it('numbers rows as a spreadsheet does, keeps quoted commas and line breaks, skips blank rows and reads a BOM', async () => {
    const text =
      '\uFEFFrow_kind,concern_ref,occurred_at,text,topic\ncomment,A,2024-07-02,"Two lines,\nwith a comma",general\n\ncomment,A,2024-07-03,"He said ""no""",general\n';
    const { rows, dataRows, problems } = await readHistoryCsv(text);
    expect(problems).toEqual([]);
    expect(dataRows).toBe(2);
    expect(rows).toEqual([
      { row: 2, cells: { row_kind: 'comment', concern_ref: 'A', occurred_at: '2024-07-02', text: 'Two lines,\nwith a comma', topic: 'general' } },
      { row: 4, cells: { row_kind: 'comment', concern_ref: 'A', occurred_at: '2024-07-03', text: 'He said "no"', topic: 'general' } },
    ]);
  });

  it('refuses a header with an unknown, repeated or missing column, naming it', async () => {
    const { problems } = await readHistoryCsv('row_kind,ocurred_at,row_kind\ncomment,2024-07-02,comment\n');
    expect(problems).toEqual([
      { row: 1, column: 'ocurred_at', why: 'is not a column the import knows (see docs/importing.md)' },
      { row: 1, column: 'row_kind', why: 'appears twice in the header' },
      { row: 1, column: 'concern_ref', why: 'is missing from the header' },
      { row: 1, column: 'occurred_at', why: 'is missing from the header' },
    ]);
  });
});

describe('a row as its command', () => {
  const plan = (cells: Record<string, string>, concerns = new Map<string, RaisedRef>()) => planRow({ row: 2, cells }, SHA, concerns);

  it('a date alone is midday in London (in summer 12:00 BST, 11:00 UTC); an instant is kept, in UTC', () => {
    const raised = plan({
      row_kind: 'concern_raised',
      concern_ref: 'A',
      occurred_at: '2024-07-02',
      service_id: SERVICE,
      contract_id: CONTRACT,
      category: 'medication',
      severity: 'red',
      source: 'complaint',
      summary: 'S',
    }) as PlannedRow;
    expect(raised.command).toMatchObject({ kind: 'RaiseConcern', concernId: importId(SHA, 'concern:A'), occurredAt: '2024-07-02T11:00:00.000Z' });
    const winter = plan({ row_kind: 'comment', concern_ref: SERVICE, occurred_at: '2024-12-02', topic: 'general', text: 'T' }) as PlannedRow;
    expect(winter.command.occurredAt).toBe('2024-12-02T12:00:00.000Z');
    const instant = plan({ row_kind: 'comment', concern_ref: SERVICE, occurred_at: '2024-07-02T09:15+01:00', topic: 'general', text: 'T' }) as PlannedRow;
    expect(instant.command.occurredAt).toBe('2024-07-02T08:15:00.000Z');
  });

  it('the same file, organisation and row always give the same ids; another row another', () => {
    const cells = { row_kind: 'comment', concern_ref: SERVICE, occurred_at: '2024-07-02', topic: 'general', text: 'T' };
    const first = plan(cells) as PlannedRow;
    expect(plan(cells)).toEqual(first);
    expect((planRow({ row: 3, cells }, SHA, new Map()) as PlannedRow).commandId).not.toBe(first.commandId);
  });

  it('names each wrong column of a row', () => {
    expect(
      plan({
        row_kind: 'visit',
        concern_ref: SERVICE,
        occurred_at: '02/07/2024',
        visit_type: 'drive_by',
        announced: 'maybe',
        visitor_role: 'Officer',
        summary: 'x',
      }),
    ).toEqual([
      { row: 2, column: 'occurred_at', why: expect.stringMatching(/^must be a date \(YYYY-MM-DD\) or a date and time with a zone/) },
      { row: 2, column: 'findings', why: 'is needed for a visit row' },
      { row: 2, column: 'summary', why: 'is not used by a visit row: leave it empty' },
      { row: 2, column: 'announced', why: '"maybe" is not yes or no' },
      { row: 2, column: 'visit_type', why: `"drive_by" is not one of ${VISIT_TYPES.join(', ')}` },
    ]);
  });
});

describe('the import marker', () => {
  it('is read back from the causation id, with or without the source date, and is null for other events', () => {
    const marker = { fileSha256: SHA, row: 12, sourceRecordedOn: '2024-07-03' };
    expect(importMarkerOf({ causationId: importCausationId(marker) })).toEqual(marker);
    expect(importMarkerOf({ causationId: importCausationId({ ...marker, sourceRecordedOn: null }) })).toEqual({ ...marker, sourceRecordedOn: null });
    expect(importMarkerOf({ causationId: null })).toBeNull();
    expect(importMarkerOf({ causationId: '01900000-0000-7000-8000-000000000011' })).toBeNull();
  });
});
