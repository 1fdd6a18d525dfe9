import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;
const EXAMPLE = readFileSync(join(__dirname, '../../docs/examples/history-import.csv'));
const BAD = Buffer.from(EXAMPLE.toString('utf8').replace(',medication,amber,complaint,', ',medication,purple,complaint,'));

/**
 * A council officer imports a spreadsheet's history from the page (docs/importing.md): no file, a bad
 * file (every bad row in a table), the good file checked and recorded, the same file again; each page
 * passes axe.
 */
describeInBrowser('the history import page', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let visitor: Visitor;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    visitor = await Visitor.open(browser, web.baseUrl, 'import');
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const choose = (name: string, buffer: Buffer) => visitor.page.getByLabel('Upload a CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer });

  it('checks a file, lists its bad rows, records a good one and then finds nothing new', async () => {
    await visitor.signIn('Priya Shah');
    await visitor.follow('Import history');
    await visitor.check('import-start');
    expect(await visitor.text()).toContain('Import a history from a spreadsheet');

    await visitor.press('Check the file');
    await visitor.check('import-no-file');
    expect(await visitor.page.locator('.govuk-error-summary').innerText()).toContain('Select a CSV file');

    await choose('bad.csv', BAD);
    await visitor.press('Check the file');
    await visitor.check('import-bad-rows');
    const bad = await visitor.text();
    expect(bad).toContain('6 problems in bad.csv');
    expect(bad).toMatch(/2\tseverity\t"purple" is not one of red, amber, green/);

    await choose('history.csv', EXAMPLE);
    await visitor.press('Check the file');
    await visitor.check('import-ready');
    expect(await visitor.text()).toContain('6 rows are ready to record');

    await visitor.press('Record the 6 rows');
    await visitor.check('import-recorded');
    expect(await visitor.text()).toContain('6 rows recorded');
    await visitor.follow('The concern raised at row 2');
    await visitor.check('import-concern');
    expect(await visitor.text()).toContain('Evening MAR charts unsigned, raised by a relative');

    await visitor.visit('/app/import', 'import-again');

    await choose('history.csv', EXAMPLE);
    await visitor.press('Check the file');
    await visitor.check('import-nothing-new');
    expect(await visitor.text()).toContain('Nothing new to record: the 6 rows of this file were already recorded by an earlier import.');
  });
});
