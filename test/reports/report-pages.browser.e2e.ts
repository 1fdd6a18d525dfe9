import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from '../browser/support/chromium';
import { Visitor } from '../browser/support/visitor';
import { startWebApp, type WebApp } from '../browser/support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

/** The council's report over the demo story, in the browser, every page checked with axe (WCAG 2.2 AA). */
describeInBrowser('council report pages, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'report-officer');
    await officer.signIn('Priya Shah');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('shows the report for 2025 with its chart, tables and figures linked to their events', async () => {
    await officer.visit('/app/report?period=2025', 'report-2025');
    const text = await officer.page.locator('main').innerText();
    expect(text).toContain('Report on commissioned services, 2025');
    expect(text).toContain('Changes against 2024');
    expect(text).toContain('Responsiveness, provider by provider');
    expect(await officer.page.locator('svg.app-report-chart desc').first().textContent()).toMatch(/2025: \d+ services/);
    expect(await officer.page.locator('svg.app-report-chart').count()).toBe(2);
    const raised = officer.page.locator('#concerns-category ~ .app-report-table').first().locator('tr', { hasText: 'All' }).locator('a').first();
    const count = (await raised.innerText()).trim();
    await raised.click();
    await officer.page.waitForLoadState();
    await officer.check('report-sources-raised');
    const sources = await officer.page.locator('main').innerText();
    expect(sources).toContain(`current.concerns.raised: ${count}`);
    expect(await officer.page.locator('main tbody tr').count()).toBe(Number(count));
  });

  it('replays the report as recorded on a date, and says so', async () => {
    await officer.visit('/app/report?period=2025&asOf=2025-03-31&basis=recorded', 'report-replay');
    expect(await officer.page.getByTestId('report-view').innerText()).toContain('as it stood at the end of 31 March 2025');
    await officer.visit('/app/report?period=2025&asOf-day=31&asOf-month=2&asOf-year=2025', 'report-replay-error', 400);
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toMatch(/The date to replay to must be a real date/);
  });

  it('refuses a period it cannot read with a message naming the forms it takes', async () => {
    await officer.visit('/app/report?period=last+year', 'report-bad-period', 400);
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain('Enter the period as a year (2025)');
  });

  it('opens the printable committee version and the public summary, and downloads the spreadsheet', async () => {
    await officer.visit('/app/report/download?period=2025&form=print', 'report-print');
    expect(await officer.page.locator('h1').innerText()).toContain('report on commissioned services, 2025');
    await officer.visit('/app/report/download?period=2025&form=public', 'report-public');
    const publicText = await officer.page.locator('main').innerText();
    expect(publicText).toContain('summary of commissioned services');
    expect(publicText).not.toContain('Interim managers');
    const xlsx = await officer.page.request.get(`${web.baseUrl}/app/report/download?period=2025&form=xlsx`);
    expect(xlsx.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Report', 'Changes against 2024', 'Sources']));
  });
});
