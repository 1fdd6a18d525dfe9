import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** Issue 16 item 1: the council calls a multi-agency meeting and minutes it; each page checked with axe. */
describeInBrowser('multi-agency meetings, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let concernPath = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'meetings-officer');
    await officer.signIn('Priya Shah');
    await officer.visit(`/app/concerns/new?serviceId=${DEMO_IDS.mapleCourt}`, 'meetings-raise');
    await officer.page.getByLabel('Medication').check();
    await officer.page.getByLabel('Amber').check();
    await officer.page.getByLabel('Complaint').check();
    await officer.page.getByLabel('What did you find?').fill('Medicines administration records incomplete');
    await officer.press('Raise the concern');
    concernPath = new URL(officer.page.url()).pathname;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('calls a meeting (the error summary first), records its minutes with an action, and the case file shows them', async () => {
    await officer.visit(concernPath, 'meetings-case-file-before');
    await officer.follow('Call a multi-agency meeting');
    await officer.check('meetings-schedule-form');
    await officer.press('Call the meeting');
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain('There is a problem');
    await officer.check('meetings-schedule-errors');
    await officer.page.getByLabel('Provider concerns meeting').check();
    await officer.fillDate('meetingOn', today());
    await officer.page.locator('[id="invitations-0-organisationKind"]').selectOption('safeguarding');
    await officer.page.locator('[id="invitations-0-organisationName"]').fill('Northshire County Council');
    await officer.page.locator('[id="invitations-0-role"]').fill('Safeguarding adults manager');
    await officer.page.locator('[id="invitations-1-organisationKind"]').selectOption('provider');
    await officer.page.locator('[id="invitations-1-organisationName"]').fill('Maple Court provider');
    await officer.page.locator('[id="invitations-1-role"]').fill('Registered manager');
    await officer.page.locator('[id="invitations-1-providerAttendance"]').selectOption('part');
    await officer.press('Call the meeting');
    expect(await officer.text()).toContain('Meeting called');
    expect(await officer.text()).toContain('Registered manager, Maple Court provider (Provider, for part of the meeting)');
    await officer.check('meetings-case-file-called');

    await officer.page
      .getByRole('link', { name: /^Record the minutes of the provider concerns meeting/ })
      .first()
      .click();
    await officer.page.waitForLoadState();
    await officer.check('meetings-minutes-form');
    await officer.fillDate('heldOn', today());
    await officer.page.locator('[id="attendance-0-attendance"]').check();
    await officer.page.locator('[id="attendance-1-attendance-3"]').check();
    await officer.page.getByLabel('Decisions').fill('Ask for an action plan');
    await officer.page.locator('[id="actions-0-description"]').fill('Re-audit medication records');
    await officer.page.locator('[id="actions-0-owner"]').fill('QA officer');
    await officer.fillDate('actions-0-dueOn', today());
    await officer.press('Record the minutes');
    const text = await officer.text();
    expect(text).toContain('Minutes recorded');
    expect(text).toContain('Safeguarding adults manager, Northshire County Council (Safeguarding): Attended');
    expect(text).toContain('Registered manager, Maple Court provider (Provider, for part of the meeting): Absent');
    expect(text).toContain('Re-audit medication records');
    await officer.check('meetings-case-file-minuted');
  });
});
