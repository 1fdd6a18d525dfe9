import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const DEMO_CONCERN = `/app/concerns/${DEMO_IDS.documentationConcern}`;

/** Over the demo story (Maple Court, recorded on its own dates): replay, party rules, errors, print, keyboard. */
describeInBrowser('replay, party rules and print over the demo story, in the browser', () => {
  jest.setTimeout(120_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'demo-officer');
    await officer.signIn('Priya Shah');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the case file shows both plan versions, the late update and the corrections section', async () => {
    await officer.visit(DEMO_CONCERN, 'demo-case-file');
    const versions = officer.page.locator('.app-versions__column');
    expect(await versions.count()).toBe(2);
    // Version 1 was returned, then superseded when version 2 was accepted; its reasons stay.
    expect(await versions.nth(0).innerText()).toMatch(/Version 1\s+SUPERSEDED[\s\S]*Returned because/i);
    expect(await versions.nth(1).innerText()).toContain('3 added, 0 changed, 2 removed');
    expect(await officer.page.locator('svg.app-chart desc').first().textContent()).toContain('1 late');
  });

  it('downloads the signed evidence bundle from the case file, which verifies offline, and opens its printable rendering', async () => {
    await officer.visit(DEMO_CONCERN, 'demo-case-file-evidence');
    const href = await officer.page.getByRole('link', { name: 'Download the signed evidence bundle' }).getAttribute('href');
    const download = await officer.page.request.get(`${web.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    const { verifyBundleText } = await import('@caretrail/evidence');
    expect(verifyBundleText(await download.text()).problems).toEqual([]);
    await officer.follow('Open its printable rendering');
    await officer.check('demo-evidence-printable');
    expect(await officer.text()).toMatch(/Concern raised: documentation/i);
  });

  it('replays the timeline to 20 February 2025 as recorded: v1 returned, nothing accepted yet', async () => {
    await officer.visit(`${DEMO_CONCERN}/timeline`, 'demo-timeline-live');
    expect(await officer.timelineKinds()).toContain('ActionPlanAccepted');
    await officer.page.locator('summary', { hasText: 'Replay' }).click();
    await officer.fillDate('asOf', '2025-02-20');
    await officer.page.getByRole('radio', { name: /As recorded/ }).check();
    await officer.press('Show this view');
    expect(await officer.page.getByTestId('replay-banner').innerText()).toContain(
      'You are looking at the record as it stood at the end of 20 February 2025 — as recorded then',
    );
    const kinds = await officer.timelineKinds();
    expect(kinds).toContain('ActionPlanReturned');
    expect(kinds).not.toContain('ActionPlanAccepted');
    await officer.check('demo-timeline-replayed');

    await officer.follow('Case file');
    expect(new URL(officer.page.url()).search).toBe('?asOf=2025-02-20&basis=recorded');
    expect(await officer.page.locator('.app-versions__column').count()).toBe(1);
    expect(await officer.text()).not.toContain('What you can record');
    await officer.check('demo-case-file-replayed');
  });

  it('tells "as recorded" from "as occurred": the re-audit of 29 April was recorded on 6 May', async () => {
    const visits = async (basis: string) => {
      await officer.visit(`${DEMO_CONCERN}/timeline?asOf=2025-05-01&basis=${basis}`, `demo-timeline-${basis}`);
      return (await officer.timelineKinds()).filter((k) => k === 'VisitConducted').length;
    };
    expect(await visits('occurred')).toBe((await visits('recorded')) + 1);
    expect(await officer.page.getByTestId('replay-banner').innerText()).toContain('as recorded then');
  });

  it('shows the error summary for a date that does not exist and for a broken domain rule', async () => {
    await officer.visit(`${DEMO_CONCERN}/timeline?asOf-day=31&asOf-month=2&asOf-year=2025&basis=recorded`, 'replay-date-error', 400);
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain('must be a real date');

    await officer.visit(`${DEMO_CONCERN}/escalate`, 'escalate-form');
    await officer.page.getByLabel('Level 2: Placements suspended').check();
    await officer.page.getByLabel('Reason').fill('Testing a closed concern');
    await officer.press('Record the change');
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain('The concern is closed; reopen it first');
    expect(await officer.page.getByLabel('Reason').inputValue()).toBe('Testing a closed concern');
    await officer.check('escalate-domain-error');
  });

  it('the service page charts manager tenure and lists ratings', async () => {
    await officer.visit(`/app/services/${DEMO_IDS.mapleCourt}`, 'service-page');
    expect(await officer.page.locator('svg.app-chart title').first().textContent()).toBe('Registered manager tenure');
    expect(await officer.page.locator('svg.app-chart desc').first().textContent()).toContain('No manager');
    expect(await officer.text()).toContain('Ratings over time');
  });

  it('prints the case file without navigation or forms', async () => {
    await officer.visit(DEMO_CONCERN, 'demo-case-file-screen');
    await officer.page.emulateMedia({ media: 'print' });
    expect(await officer.page.locator('.govuk-template__header').isVisible()).toBe(false);
    expect(await officer.page.locator('.govuk-details').first().isVisible()).toBe(false);
    expect(await officer.page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await officer.check('demo-case-file-print');
    await officer.page.emulateMedia({ media: 'screen' });
  });

  it("keeps another provider out of Hollybank's records, and works by keyboard", async () => {
    const other = await Visitor.open(browser, web.baseUrl, 'other-provider');
    await other.visit('/app/sign-in', 'sign-in-keyboard');
    // Tab to the identity radios, arrow down to Jo Kerr (the fifth), Tab to Sign in, Enter.
    for (let i = 0; i < 10 && !(await focusedIs(other, 'identity')); i++) await other.page.keyboard.press('Tab');
    for (let i = 0; i < 4; i++) await other.page.keyboard.press('ArrowDown');
    await other.page.keyboard.press('Tab');
    await other.page.keyboard.press('Enter');
    await other.page.waitForURL(/\/app\/providers\//);
    expect(await other.page.locator('.app-identity-bar').innerText()).toContain('Jo Kerr');

    // A stranger to the concern is told it is not there (404), as for an id that never was.
    await other.visit(DEMO_CONCERN, 'other-provider-concern-not-found', 404);
    expect(await other.text()).toContain('Page not found');
    expect(await other.text()).not.toContain('Daily records incomplete');
    await other.visit(`/app/providers/${DEMO_IDS.provider}`, 'other-provider-overview-forbidden', 403);
    await other.visit('/app/providers', 'other-provider-list');
    expect(await other.text()).not.toContain('Hollybank');
    await other.close();
  });
});

const focusedIs = (visitor: Visitor, name: string) =>
  visitor.page.evaluate(
    (n) =>
      (globalThis as unknown as { document: { activeElement: { getAttribute(a: string): string | null } } }).document.activeElement.getAttribute('name') === n,
    name,
  );
