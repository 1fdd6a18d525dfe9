import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import request from 'supertest';
import { createEventStore } from '@caretrail/config';
import { DEMO_IDS, demoIdentityByToken } from '@caretrail/demo';
import { concernStream } from '@caretrail/domain';
import { verifyChain, type RecordedEvent } from '@caretrail/event-store';
import { registerImportCommand, runImport } from '../../apps/cli/src/commands/import.command';
import { fileSha256, importId, importIdSeed, importMarkerOf } from '@caretrail/application';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const EXAMPLE = join(__dirname, '../../docs/examples/history-import.csv');
const HEADER = readFileSync(EXAMPLE, 'utf8').split('\n')[0];
const COLUMNS = HEADER.split(',');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A CSV line from named cells, in the example's column order. */
const line = (cells: Record<string, string>) => COLUMNS.map((c) => ((cells[c] ?? '').includes(',') ? `"${cells[c]}"` : (cells[c] ?? ''))).join(',');

describe.each(storesUnderTest())('caretrail import (a history from a spreadsheet) on %s', (store) => {
  let t: TestApp;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const messages: string[] = [];
  const io = { out: (text: string) => void messages.push(text), err: (text: string) => void messages.push(text) };
  const said = () => messages.splice(0).join('');

  /** A stream's events as stored, read through a store of its own (closed again). */
  const streamEvents = async (streamId: string): Promise<RecordedEvent[]> => {
    const s = await createEventStore(t.config);
    try {
      return await s.readStream(streamId);
    } finally {
      await s.close();
    }
  };
  /**
   * The number of events in the streams a file could touch: the concerns its references would raise and
   * the demo's concerns (not the store's head position: on a shared PostgreSQL cluster the gap-safe head
   * also moves with other schemas' open transactions).
   */
  const counts = async (path: string, refs: string[], organisationId: string = DEMO_IDS.council) => {
    const sha = fileSha256(readFileSync(path));
    const streams = [
      ...refs.map((ref) => concernStream(importId(importIdSeed(sha, organisationId), `concern:${ref}`))),
      concernStream(DEMO_IDS.documentationConcern),
      concernStream(DEMO_IDS.missedCallsConcern),
    ];
    return Promise.all(streams.map(async (id) => (await streamEvents(id)).length));
  };
  const file = (name: string, ...lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
    return path;
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    await seedDemoStory(t);
    dir = mkdtempSync(join(tmpdir(), 'caretrail-import-'));
    const c = t.config;
    env = {
      NODE_ENV: 'test',
      CARETRAIL_SEED_DEMO: 'false',
      CARETRAIL_STORE: c.CARETRAIL_STORE,
      ...(c.CARETRAIL_STORE === 'sqlite'
        ? { CARETRAIL_SQLITE_FILE: c.CARETRAIL_SQLITE_FILE }
        : { CARETRAIL_PG_URL: c.CARETRAIL_PG_URL!, CARETRAIL_PG_SCHEMA: c.CARETRAIL_PG_SCHEMA! }),
    };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('a dry run lists every bad row (row, column, why), records nothing and fails', async () => {
    const path = file(
      'bad.csv',
      line({
        row_kind: 'concern_raised',
        concern_ref: 'A',
        occurred_at: '2024-07-02',
        service_id: DEMO_IDS.mapleCourt,
        contract_id: DEMO_IDS.contract,
        category: 'medication',
        severity: 'purple',
        source: 'complaint',
        summary: 'MAR charts',
      }),
      line({
        row_kind: 'concern_raised',
        concern_ref: 'B',
        occurred_at: '2024-02-30',
        service_id: DEMO_IDS.mapleCourt,
        contract_id: DEMO_IDS.contract,
        category: 'medication',
        severity: 'red',
        source: 'complaint',
      }),
      line({ row_kind: 'comment', concern_ref: 'A', occurred_at: '2024-07-03', topic: 'progress', text: 'Noted' }),
      line({ row_kind: 'visited', concern_ref: 'C', occurred_at: '2024-07-03' }),
      '',
      line({
        row_kind: 'concern_raised',
        concern_ref: 'D',
        occurred_at: '2024-07-02',
        recorded_on_in_source: '3/7/2024',
        service_id: DEMO_IDS.mapleCourt,
        contract_id: DEMO_IDS.contract,
        category: 'medication',
        severity: 'red',
        source: 'complaint',
        summary: 'Falls',
      }),
      line({ row_kind: 'comment', concern_ref: 'D', occurred_at: '2024-06-01', topic: 'progress', text: 'Before the concern was raised' }),
      line({
        row_kind: 'plan_requested',
        concern_ref: 'E',
        occurred_at: '2024-07-03',
        plan_due_on: '2024-07-20',
        update_cadence_days: 'weekly',
        grace_days: '2',
        method: 'email',
      }),
      'comment,A,2024-07-04',
    );
    const before = await counts(path, ['A', 'B', 'D']);
    const { exitCode, report } = await runImport(path, { as: 'demo-council-officer', dryRun: true }, io, env);
    expect(exitCode).toBe(1);
    expect(said().split('\n')).toEqual([
      'row 2, column severity: "purple" is not one of red, amber, green',
      'row 3, column occurred_at: must be a real calendar date (2024-02-30 does not exist)',
      'row 3, column summary: is needed for a concern_raised row',
      'row 4, column concern_ref: "A" is raised at row 2, which is bad',
      'row 5, column row_kind: "visited" is not one of concern_raised, concern_notified, comment, visit, plan_requested, concern_closed',
      'row 7, column recorded_on_in_source: must be a date written YYYY-MM-DD, e.g. 2025-03-14',
      'row 8, column concern_ref: "D" is raised at row 7, which is bad',
      'row 9, column concern_ref: "E" is not raised by an earlier concern_raised row, nor the id of a concern',
      'row 9, column method: is not used by a plan_requested row: leave it empty',
      'row 9, column update_cadence_days: "weekly" is not a whole number from 1 to 366',
      `row 10, column (the row): has 3 cells where the header has ${COLUMNS.length}`,
      `File sha256:${fileSha256(readFileSync(path))}, 8 rows: 11 problems; nothing recorded. Correct the file and run it again.`,
      '',
    ]);
    expect(report.problems).toHaveLength(11);
    expect(await counts(path, ['A', 'B', 'D'])).toEqual(before);
    expect(before.slice(0, 3)).toEqual([0, 0, 0]);
  });

  it("a good file's dry run finds a domain rule broken (a comment dated before its concern) and names the row", async () => {
    const path = file(
      'early-comment.csv',
      line({
        row_kind: 'concern_raised',
        concern_ref: 'F',
        occurred_at: '2024-07-02',
        service_id: DEMO_IDS.mapleCourt,
        contract_id: DEMO_IDS.contract,
        category: 'medication',
        severity: 'red',
        source: 'complaint',
        summary: 'Falls',
      }),
      line({ row_kind: 'comment', concern_ref: 'F', occurred_at: '2024-06-01', topic: 'progress', text: 'Before the concern was raised' }),
    );
    const { exitCode, report } = await runImport(path, { as: 'demo-council-officer', dryRun: true }, io, env);
    expect(exitCode).toBe(1);
    expect(report.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['3 row_kind']);
    expect(said()).toMatch(/^row 3, column row_kind: refused by CareTrail's rules \([a-z-]+\): /);
    expect((await counts(path, ['F']))[0]).toBe(0);
  });

  it("imports the example as the importing person, readable through the API; each event marked with the file's SHA-256, its row and the source's date", async () => {
    const sha = fileSha256(readFileSync(EXAMPLE));
    const concernId = importId(importIdSeed(sha, DEMO_IDS.council), 'concern:MC-2024-07');

    const startedAt = new Date().toISOString();
    const dry = await runImport(EXAMPLE, { as: 'demo-council-officer', dryRun: true }, io, env);
    expect(dry.exitCode).toBe(0);
    expect(said()).toBe(`File sha256:${sha}, 6 rows: dry run, every row is good; 6 would be recorded, 0 already recorded. Nothing recorded.\n`);

    // As a command, the way a terminal runs it.
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => lines.push(String(text)) > 0);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const program = new Command().name('caretrail').exitOverride();
      registerImportCommand(program);
      await program.parseAsync(['node', 'caretrail', 'import', EXAMPLE, '--as', 'demo-council-officer']);
      expect(process.exitCode ?? 0).toBe(0);
    } finally {
      process.env = saved;
      process.exitCode = undefined;
      write.mockRestore();
    }
    expect(lines.join('')).toBe(`File sha256:${sha}, 6 rows: 6 recorded, 0 already recorded by an earlier run.\n`);

    const stored = await streamEvents(concernStream(concernId));
    verifyChain(stored);
    expect(stored.map((e) => e.type)).toEqual([
      'ConcernRaised',
      'ConcernNotifiedToProvider',
      'VisitConducted',
      'ActionPlanRequested',
      'CommentRecorded',
      'ConcernClosed',
    ]);
    const officer = demoIdentityByToken('demo-council-officer')!;
    expect(
      stored.map((e) => ({ marker: importMarkerOf(e), user: e.actor.userId, recordedNow: e.recordedAt >= startedAt, occurredOn: e.occurredAt.slice(0, 10) })),
    ).toEqual([
      { marker: { fileSha256: sha, row: 2, sourceRecordedOn: '2024-07-03' }, user: officer.userId, recordedNow: true, occurredOn: '2024-07-02' },
      { marker: { fileSha256: sha, row: 3, sourceRecordedOn: '2024-07-03' }, user: officer.userId, recordedNow: true, occurredOn: '2024-07-03' },
      { marker: { fileSha256: sha, row: 4, sourceRecordedOn: '2024-07-12' }, user: officer.userId, recordedNow: true, occurredOn: '2024-07-10' },
      { marker: { fileSha256: sha, row: 5, sourceRecordedOn: null }, user: officer.userId, recordedNow: true, occurredOn: '2024-07-11' },
      { marker: { fileSha256: sha, row: 6, sourceRecordedOn: '2024-08-01' }, user: officer.userId, recordedNow: true, occurredOn: '2024-07-30' },
      { marker: { fileSha256: sha, row: 7, sourceRecordedOn: '2024-09-05' }, user: officer.userId, recordedNow: true, occurredOn: '2024-09-05' },
    ]);
    expect(new Set(stored.map((e) => e.correlationId))).toEqual(new Set([`import:sha256:${sha}`]));
    const position = Math.max(...stored.map((e) => e.globalPosition));

    // Read back through the API, as the council and as the provider.
    const concern = await request(t.server as never)
      .get(`/concerns/${concernId}?minPosition=${position}`)
      .set(auth('demo-council-officer'))
      .expect(200);
    expect(concern.body).toMatchObject({ status: 'closed', summary: 'Evening MAR charts unsigned, raised by a relative' });
    const timeline = await request(t.server as never)
      .get(`/timelines/concerns/${concernId}?minPosition=${position}&limit=100`)
      .set(auth('demo-provider-manager'))
      .expect(200);
    // The timeline shows each step on the day it happened, recorded now by the server's clock (so flagged as recorded late).
    expect(
      timeline.body.entries.map((e: { occurredOn: string; recordedAt: string; summary: string; flags: { recordedLate: boolean } }) => [
        e.occurredOn,
        e.recordedAt >= startedAt,
        e.flags.recordedLate,
        e.summary,
      ]),
    ).toEqual([
      ['2024-07-02', true, true, 'Concern raised: medication (amber) — Evening MAR charts unsigned, raised by a relative'],
      ['2024-07-03', true, true, 'Concern notified to provider by email'],
      ['2024-07-10', true, true, 'Council monitoring visit on 10 Jul 2024 (unannounced) by Quality-assurance officer'],
      ['2024-07-11', true, true, "Action plan requested, due 25 Jul 2024; weekly updates, 2 days' grace"],
      ['2024-07-30', true, true, 'Comment (progress) by council'],
      ['2024-09-05', true, true, 'Concern closed — Charts audited for four weeks with no gaps'],
    ]);

    // The parties' evidence bundle carries each event's envelope: the marker and the source's date with it.
    const bundle = await request(t.server as never)
      .get(`/evidence/concerns/${concernId}`)
      .set(auth('demo-provider-manager'))
      .expect(200);
    const causations = (bundle.body.events as { causationId: string }[]).map((e) => e.causationId);
    expect(causations).toEqual(expect.arrayContaining([`import:sha256:${sha}:row:2:recorded-on:2024-07-03`, `import:sha256:${sha}:row:5`]));

    // The same file again records nothing new.
    const again = await runImport(EXAMPLE, { as: 'demo-council-officer' }, io, env);
    expect(again.exitCode).toBe(0);
    expect(said()).toBe(`File sha256:${sha}, 6 rows: 0 recorded, 6 already recorded by an earlier run.\n`);
    expect(await streamEvents(concernStream(concernId))).toHaveLength(6);
  });

  it('two runs of the same file at once record each row once', async () => {
    const path = file(
      'twice.csv',
      line({
        row_kind: 'concern_raised',
        concern_ref: 'T',
        occurred_at: '2024-10-01',
        service_id: DEMO_IDS.mapleCourt,
        contract_id: DEMO_IDS.contract,
        category: 'staffing',
        severity: 'green',
        source: 'complaint',
        summary: 'Rota gaps',
      }),
      ...['one', 'two', 'three'].map((text) => line({ row_kind: 'comment', concern_ref: 'T', occurred_at: '2024-10-02', topic: 'general', text })),
    );
    const runs = await Promise.all([runImport(path, { as: 'demo-council-officer' }, io, env), runImport(path, { as: 'demo-council-officer' }, io, env)]);
    said();
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
    const recorded = runs.flatMap((r) => r.report.outcomes.filter((o) => o.outcome === 'recorded').map((o) => o.row));
    expect(recorded.sort()).toEqual([2, 3, 4, 5]);
    const stored = await streamEvents(concernStream(importId(importIdSeed(fileSha256(readFileSync(path)), DEMO_IDS.council), 'concern:T')));
    expect(stored.map((e) => importMarkerOf(e)?.row)).toEqual([2, 3, 4, 5]);
  });

  it("an outsider cannot import into another council's concern or raise one under its contract: refused rows, nothing recorded", async () => {
    const demoBefore = (await streamEvents(concernStream(DEMO_IDS.documentationConcern))).length;
    const path = file(
      'outsider.csv',
      line({ row_kind: 'comment', concern_ref: DEMO_IDS.documentationConcern, occurred_at: '2025-03-01', topic: 'general', text: 'Eastvale was here' }),
      line({
        row_kind: 'concern_raised',
        concern_ref: 'X',
        occurred_at: '2025-03-01',
        service_id: DEMO_IDS.mapleCourt,
        contract_id: DEMO_IDS.contract,
        category: 'medication',
        severity: 'red',
        source: 'complaint',
        summary: 'Not ours to raise',
      }),
    );
    const { exitCode, report } = await runImport(path, { as: 'demo-other-council' }, io, env);
    expect(exitCode).toBe(1);
    expect(report.problems.map((p) => `row ${p.row}, column ${p.column}`)).toEqual(['row 2, column concern_ref', 'row 3, column concern_ref']);
    expect(said()).toMatch(/^row 2, column concern_ref: refused: .+\nrow 3, column concern_ref: refused: .+\n/);
    expect((await counts(path, ['X'], DEMO_IDS.otherCouncil))[0]).toBe(0);
    expect(await streamEvents(concernStream(DEMO_IDS.documentationConcern))).toHaveLength(demoBefore);

    // The council's own file, imported by it already, is not "already recorded" for another council:
    // its ids are the importing organisation's, and the domain refuses the raise under another's contract.
    const theirs = await runImport(EXAMPLE, { as: 'demo-other-council' }, io, env);
    expect(theirs.exitCode).toBe(1);
    expect(theirs.report.outcomes.filter((o) => o.outcome === 'already')).toEqual([]);
    expect(said()).toMatch(/^row 2, column concern_ref: refused: .+\nrow 3, column concern_ref: "MC-2024-07" is raised at row 2, which is bad\n/);
  });

  it('names the importing person it cannot accept', async () => {
    await expect(runImport(EXAMPLE, { as: 'nobody' }, io, env)).rejects.toThrow(
      '--as nobody is not a demo identity: name the person with --as <user id> --organisation <id> --role <role>',
    );
    await expect(runImport(EXAMPLE, { as: 'u-1', organisation: DEMO_IDS.council, role: 'mayor' }, io, env)).rejects.toThrow(
      /^--role mayor is not one of qa_officer/,
    );
    await expect(runImport(EXAMPLE, { as: 'u-1', organisation: '01900000-0000-7000-8000-00000000ffff', role: 'qa_officer' }, io, env)).rejects.toThrow(
      '--organisation 01900000-0000-7000-8000-00000000ffff: no organisation with that id is registered',
    );
  });
});
