import { DEMO_IDS } from '@caretrail/demo';
import { addDays } from '@caretrail/timeline';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** Issue 16 item 8: the provider notifies a manager's absence, the service page judges the notice, then records the return. */
describeInBrowser('the manager absence and return, in the browser', () => {
  jest.setTimeout(120_000);
  let web: WebApp;
  let browser: Browser;
  let provider: Visitor;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    provider = await Visitor.open(browser, web.baseUrl, 'manager-return-provider');
    await provider.signIn('Helen Ward');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the absence is shown with its notice judged; the return form says what is wrong, then records the return', async () => {
    const started = addDays(today(), -7);
    await provider.visit(`/app/services/${DEMO_IDS.mapleCourt}/manager-absence`, 'manager-absence-form');
    await provider.fillDate('absenceStartedOn', started);
    await provider.page.getByLabel('Yes').check();
    await provider.fillDate('notifiedOn', today());
    await provider.press('Record the absence');
    expect(await provider.text()).toContain("Manager's absence recorded");
    expect(await provider.text()).toContain('Manager absences notified to the regulator');
    expect(await provider.text()).toContain('Ongoing: 8 days so far');
    await provider.check('service-with-absence');

    await provider.follow("Record the manager's return from absence");
    await provider.check('manager-return-form');
    await provider.press('Record the return');
    expect(await provider.page.locator('.govuk-error-summary').innerText()).toContain('There is a problem');
    await provider.check('manager-return-errors');
    await provider.fillDate('returnedOn', today());
    await provider.press('Record the return');
    expect(await provider.text()).toContain("Manager's return from absence recorded");
    expect(await provider.text()).toContain('7 days, back on');
    expect(await provider.text()).not.toContain("Record the manager's return from absence");
    await provider.check('service-after-return');
  });
});
