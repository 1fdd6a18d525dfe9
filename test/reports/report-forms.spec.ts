import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  buildReportBundle,
  computeCouncilReport,
  parseReportPeriod,
  publicSummary,
  renderReportHtml,
  reportCsv,
  reportFigures,
  reportTables,
  reportXlsx,
  serializeReportBundle,
  verifyReportBundleText,
} from '@caretrail/reports';
import { testSigner, withRealHashes } from '../../libs/evidence/src/testing/hashed-history';
import { verifyBundleFile } from '../../apps/cli/src/commands/verify-bundle.command';
import { IDS, INTERIM_MANAGER_NAME, NAMES, northshireScope, smallPortfolio } from './support/small-portfolio';

const silent = { out: () => undefined, err: () => undefined };

describe('council report forms: spreadsheet, CSV, printable, public summary, signed bundle', () => {
  const { events } = smallPortfolio();
  const hashed = withRealHashes(northshireScope(events));
  const input = {
    councilId: IDS.council,
    events: hashed,
    period: parseReportPeriod('2025'),
    asOf: null,
    basis: null,
    today: '2026-01-20',
    organisationNames: NAMES,
  };
  const report = computeCouncilReport(input);
  const tables = reportTables(report);
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'caretrail-report-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a spreadsheet that reads back with every table, every cell and every figure's events", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(report, tables)) as never);
    const names = book.worksheets.map((s) => s.name);
    expect(names[0]).toBe('Report');
    expect(names.at(-1)).toBe('Sources');
    expect(names.length).toBe(tables.length + 2);
    tables.forEach((table, t) => {
      const sheet = book.worksheets[t + 1];
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.head);
      expect(sheet.rowCount).toBe(table.rows.length + 1);
      table.rows.forEach((row, r) => {
        const cells = (sheet.getRow(r + 2).values as unknown[]).slice(1);
        expect(cells).toEqual(row.map((cell) => (typeof cell.value === 'number' ? cell.value : cell.text)));
      });
    });
    const sheet = book.getWorksheet('Changes against 2024')!;
    const services = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(1).value === 'Services under contract')!;
    expect([services.getCell(2).value, services.getCell(3).value, services.getCell(4).value]).toEqual([3, 4, 1]);
    const sources = book.getWorksheet('Sources')!;
    const figures = reportFigures(report);
    expect(sources.rowCount).toBe(figures.length + 1);
    expect(sources.getRow(2).getCell(3).value ?? '').toBe(figures[0].eventIds.join(' '));
  });

  it('writes a CSV with one line per figure cell, its events beside it', () => {
    const csv = reportCsv(report, tables).split('\r\n');
    expect(csv[0]).toBe('table,row,column,value,shown as,figure,event ids');
    const raised = csv.find((line) => line.startsWith('Concerns by category,All,Raised,'))!;
    expect(raised).toBe(`Concerns by category,All,Raised,2,2,current.concerns.raised,${report.current.concerns.raised.eventIds.join(' ')}`);
    expect(csv.some((line) => line.includes('0.3333') && line.includes('33.33%'))).toBe(true);
  });

  it('prints a committee version with its own print stylesheet, the chart and its table alternative', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('Northshire Council: report on commissioned services, 2025');
    expect(html).toMatch(/@media print\{[^]*@page\{size:A4/);
    expect(html.match(/<svg /g)?.length).toBe(2); // the ratings trend, and escalation levels against the previous period
    expect(html).toContain('Level 2: placements suspended: 0 in 2024, 1 in 2025');
    expect(html).toContain('Ratings at the end of each period');
    expect(html).toContain(INTERIM_MANAGER_NAME);
    expect(html).not.toContain('<script');
  });

  it('gives a public summary without staff names, free text or ids', () => {
    const summary = JSON.stringify(publicSummary(report)) + renderReportHtml(report, { publicSummary: true });
    expect(summary).toContain('Services under contract');
    expect(summary).toContain('Good or Outstanding');
    for (const hidden of [INTERIM_MANAGER_NAME, 'Pat Permanent', 'Manager of', 'Concern q1', 'Medication failures', 'q1', 'e0'])
      expect(summary).not.toContain(hidden);
  });

  it('signs the report as a bundle that verifies offline, with the CLI too, and refuses a tampered one', () => {
    const signer = testSigner();
    const bundle = buildReportBundle({ ...input, generatedAt: '2026-01-20T10:00:00.000Z', generatedBy: 'test', signer });
    const text = serializeReportBundle(bundle);
    const ok = verifyReportBundleText(text, { publicKey: signer.publicKeyPem });
    expect(ok.problems).toEqual([]);
    expect(ok.ok && ok.signerTrusted).toBe(true);
    expect(bundle.report).toEqual(JSON.parse(JSON.stringify(report)));

    const good = join(dir, 'report.json');
    writeFileSync(good, text);
    expect(verifyBundleFile(good, {}, silent).exitCode).toBe(0);

    // A figure changed by hand: the signature fails and the recomputation names the figure.
    const altered = JSON.parse(text);
    altered.report.current.concerns.raised.value = 1;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, serializeReportBundle(altered));
    let printed = '';
    const result = verifyBundleFile(tampered, {}, { out: (t) => (printed += t), err: () => undefined });
    expect(result.exitCode).toBe(1);
    expect(printed).toMatch(/Report bundle .*FAILED/);
    expect(result.report.problems.map((p) => p.where)).toEqual(expect.arrayContaining(['signature', 'report.current.concerns.raised.value']));

    // An event's data changed and re-signed with another key: the event's hash and the trusted key both catch it.
    const forged = JSON.parse(text);
    const closure = forged.events.find((e: { type: string }) => e.type === 'ConcernClosed');
    closure.occurredAt = '2026-03-01T11:00:00.000Z';
    const resigned = buildReportBundle({ ...input, events: forged.events, generatedAt: '2026-01-20T10:00:00.000Z', generatedBy: 'test', signer: testSigner() });
    const forgedReport = verifyReportBundleText(serializeReportBundle(resigned), { publicKey: signer.publicKeyPem });
    expect(forgedReport.ok).toBe(false);
    expect(forgedReport.problems.map((p) => p.problem).join('\n')).toMatch(
      /does not match its content[^]*not the trusted key|not the trusted key[^]*does not match its content/,
    );

    // Whitespace alone is a changed byte.
    expect(verifyReportBundleText(text.replace('\n', '\n ')).ok).toBe(false);
    expect(readFileSync(good, 'utf8')).toBe(text);
  });

  it('still verifies a bundle signed before the report had byTag (format version 1), and catches a byTag smuggled into one', () => {
    const signer = testSigner();
    const older = buildReportBundle({ ...input, generatedAt: '2026-01-20T10:00:00.000Z', generatedBy: 'test', signer, formatVersion: 1 });
    expect(older.formatVersion).toBe(1);
    expect(Object.keys(older.report)).not.toContain('byTag');
    const verified = verifyReportBundleText(serializeReportBundle(older), { publicKey: signer.publicKeyPem });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    // The current format carries byTag and says so.
    const current = buildReportBundle({ ...input, generatedAt: '2026-01-20T10:00:00.000Z', generatedBy: 'test', signer });
    expect(current.formatVersion).toBe(2);
    expect(Object.keys(current.report)).toContain('byTag');
    // A version 1 bundle whose report gained a section is caught by the recomputation (and the signature).
    const altered = JSON.parse(serializeReportBundle(older));
    altered.report.byTag = current.report.byTag;
    const caught = verifyReportBundleText(serializeReportBundle(altered), { publicKey: signer.publicKeyPem });
    expect(caught.ok).toBe(false);
    expect(caught.problems.map((p) => p.where)).toEqual(expect.arrayContaining(['signature', 'manifest.sectionDigests.report', 'report']));
    // An unknown version is named.
    const future = JSON.parse(serializeReportBundle(current));
    future.formatVersion = 3;
    expect(verifyReportBundleText(serializeReportBundle(future)).problems.map((p) => p.where)).toContain('formatVersion');
  });

  it('replays in the bundle: as recorded on a date, and the verifier recomputes that view', () => {
    const signer = testSigner();
    const bundle = buildReportBundle({ ...input, asOf: '2025-07-31', basis: 'recorded', generatedAt: '2026-01-20T10:00:00.000Z', generatedBy: 'test', signer });
    expect(bundle.report.current.concerns.closed.value).toBe(1);
    expect(bundle.events.every((e) => e.recordedAt <= '2025-08-01')).toBe(true);
    expect(verifyReportBundleText(serializeReportBundle(bundle)).ok).toBe(true);
  });
});
