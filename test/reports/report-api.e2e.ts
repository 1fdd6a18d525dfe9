import request from 'supertest';
import ExcelJS from 'exceljs';
import { DEMO_IDS } from '@caretrail/demo';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import { reportFigures, verifyReportBundleText, XLSX_MEDIA_TYPE, type CouncilReport } from '@caretrail/reports';
import { fetchOpenApi } from '../support/openapi-document';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';

const COUNCIL = `/reports/councils/${DEMO_IDS.council}`;
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The council report's API over the demo story: forms, access, replay, OpenAPI and the signed bundle. */
describe('council report API', () => {
  let t: TestApp;
  const get = (path: string, token = 'demo-council-officer') =>
    request(t.server as never)
      .get(path)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await seedDemoStory(t);
    await t.app.get(ProjectionHost).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
  });
  afterAll(async () => t?.close());

  it('gives the council its report as JSON, each figure traced to events in the store', async () => {
    const res = await get(`${COUNCIL}?period=2025`).expect(200);
    const report = res.body as CouncilReport;
    expect(report.councilName).toBe('Northshire County Council');
    expect(report.period).toEqual(expect.objectContaining({ from: '2025-01-01', to: '2025-12-31' }));
    expect(report.current.contracts.services.value).toBeGreaterThan(0);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const ids = new Set<string>();
    for (let after = 0, end = false; !end;) {
      const page = await store.readAll({ after, limit: 1000 });
      page.events.forEach((e) => ids.add(e.eventId));
      after = page.nextAfter;
      end = page.isEnd;
    }
    const traced = reportFigures(report).flatMap((f) => f.eventIds);
    expect(traced.length).toBeGreaterThan(0);
    expect(traced.filter((id) => !ids.has(id))).toEqual([]);
    // The interim manager of Maple Court in early 2025 is named in the council's own report.
    expect(JSON.stringify(report)).toContain('Lee Grant');
  });

  it('gives CSV, the spreadsheet (by format or Accept, with its media type) and the printable version', async () => {
    const csv = await get(`${COUNCIL}?period=2025&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('table,row,column,value,shown as,figure,event ids');
    for (const path of [`${COUNCIL}?period=2025&format=xlsx`]) {
      const res = await get(path).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as never);
      expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Report', 'Sources']));
    }
    const accepted = await get(`${COUNCIL}?period=2025`).set('Accept', XLSX_MEDIA_TYPE).buffer(true).parse(binary).expect(200);
    expect(accepted.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    const html = await get(`${COUNCIL}?period=2025&format=html`).expect(200);
    expect(html.headers['content-security-policy']).toMatch(/style-src 'sha256-/);
    expect(html.text).toContain('report on commissioned services, 2025');
  });

  it('gives a public summary without staff names', async () => {
    const res = await get(`${COUNCIL}/public?period=2025`).expect(200);
    const html = await get(`${COUNCIL}/public?period=2025&format=html`).expect(200);
    for (const text of [JSON.stringify(res.body), html.text]) {
      expect(text).toContain('Services under contract');
      for (const name of ['Lee Grant', 'Dana Fox', 'Sam Okafor']) expect(text).not.toContain(name);
    }
  });

  it('signs the report as a bundle that verifies against the deployment key, and refuses a tampered one', async () => {
    const key = (await get('/evidence/public-key').expect(200)).body as { publicKey: string };
    const res = await get(`${COUNCIL}/bundle?period=2025&asOf=2025-03-31&basis=occurred`).expect(200);
    const verified = verifyReportBundleText(res.text, { publicKey: key.publicKey });
    expect(verified.problems).toEqual([]);
    expect(verified.signerTrusted).toBe(true);
    const altered = res.text.replace(/"value": (\d+)/, (_, n: string) => `"value": ${Number(n) + 1}`);
    expect(altered).not.toBe(res.text);
    expect(verifyReportBundleText(altered, { publicKey: key.publicKey }).ok).toBe(false);
  });

  it('replays as recorded and as occurred, and says which', async () => {
    const recorded = (await get(`${COUNCIL}?period=2025&asOf=2025-03-31&basis=recorded`).expect(200)).body as CouncilReport;
    const occurred = (await get(`${COUNCIL}?period=2025&asOf=2025-03-31&basis=occurred`).expect(200)).body as CouncilReport;
    expect([recorded.asOf, recorded.basis, recorded.on, occurred.basis]).toEqual(['2025-03-31', 'recorded', '2025-03-31', 'occurred']);
  });

  it('answers only the council itself and administrators; others 403 whether or not the council exists, an unknown council 404 to an administrator', async () => {
    await get(COUNCIL, 'demo-admin').expect(200);
    for (const token of ['demo-other-council', 'demo-provider-ceo', 'demo-regulator', 'demo-auditor']) {
      const known = await get(COUNCIL, token);
      const unknown = await get('/reports/councils/01900000-0000-7000-8000-00000000ffff', token);
      expect([token, known.status, unknown.status]).toEqual([token, 403, 403]);
    }
    await get('/reports/councils/01900000-0000-7000-8000-00000000ffff', 'demo-admin').expect(404);
  });

  it('refuses a period or a date it cannot read with a 400 naming it', async () => {
    const period = await get(`${COUNCIL}?period=last-year`).expect(400);
    expect(JSON.stringify(period.body)).toMatch(/period must be a year \(2025\)/);
    const asOf = await get(`${COUNCIL}?asOf=2025-02-30`).expect(400);
    expect(JSON.stringify(asOf.body)).toContain('asOf');
    await get(`${COUNCIL}?format=pdf`).expect(400);
  });

  it('is in the OpenAPI document, the spreadsheet with its media type', async () => {
    const doc = (await fetchOpenApi(t.server)) as unknown as {
      paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/reports/councils/{councilId}', '/reports/councils/{councilId}/public', '/reports/councils/{councilId}/bundle']),
    );
    expect(Object.keys(doc.paths['/reports/councils/{councilId}'].get?.responses?.['200']?.content ?? {})).toEqual(
      expect.arrayContaining([XLSX_MEDIA_TYPE, 'text/csv', 'application/json']),
    );
  });
});
