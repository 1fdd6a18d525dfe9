import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const londonDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/**
 * The story of issue 5, in a real browser: a council officer raises a concern, the provider
 * acknowledges and submits a plan, the officer returns it, the provider resubmits, the officer
 * accepts, an update arrives, and both parties see every step on the timeline.
 */
describeInBrowser('a concern from raising to the first update, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;
  let concernPath = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'officer');
    provider = await Visitor.open(browser, web.baseUrl, 'provider');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the officer signs in, sees the dashboard and raises a concern (the error summary first)', async () => {
    await officer.signIn('Priya Shah');
    expect(officer.page.url()).toMatch(/\/app\/dashboard$/);
    await officer.check('council-dashboard');

    await officer.follow('Raise a concern');
    await officer.press('Raise the concern');
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain('Select the service');
    await officer.check('raise-concern-errors');
    await officer.page.locator('.govuk-error-summary a').first().click();
    expect(await officer.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe(
      'placement',
    );

    await officer.page.getByLabel('Maple Court').check();
    await officer.page.getByLabel('Staffing').check();
    await officer.page.getByLabel('Red').check();
    await officer.page.getByLabel('Monitoring visit').check();
    await officer.page.getByLabel('What did you find?').fill('Night shifts covered by agency staff with no induction record');
    await officer.press('Raise the concern');
    expect(await officer.text()).toContain('Concern raised');
    concernPath = new URL(officer.page.url()).pathname;
    expect(concernPath).toMatch(/^\/app\/concerns\/[0-9a-f-]{36}$/);
    await officer.check('case-file-raised');

    await officer.follow('Notify the provider');
    await officer.page.getByLabel('Through CareTrail').check();
    await officer.press('Record the notification');
    await officer.follow('Request an action plan');
    await officer.check('request-plan-form');
    await officer.fillDate('dueOn', londonDate(14));
    await officer.press('Request the plan');
    expect(await officer.text()).toContain('Action plan requested');
    await officer.check('case-file-plan-requested');
  });

  it('the provider finds it, acknowledges it and submits version 1', async () => {
    await provider.signIn('Sam Okafor');
    expect(provider.page.url()).toContain(`/app/providers/${DEMO_IDS.provider}`);
    await provider.reloadUntil(`/app/providers/${DEMO_IDS.provider}`, (text) => text.includes('Staffing concern at Maple Court'));
    await provider.check('provider-overview');
    await provider.follow('Staffing concern at Maple Court');

    await provider.follow('Acknowledge the concern');
    await provider.page.getByLabel('Note to the council (optional)').fill('Received; the registered manager is reviewing the rota.');
    await provider.press('Acknowledge');
    expect(await provider.text()).toContain('Concern acknowledged');

    await provider.follow('Submit an action plan');
    await provider.check('submit-plan-form');
    await provider.page.getByLabel('Summary of the plan').fill('Induct every agency worker before their first shift');
    await fillAction(provider, 0, 'Induct agency staff', 'Team', londonDate(21), 'Induction records');
    await fillAction(provider, 1, 'Review the night rota', 'Registered manager', londonDate(28), 'Rota reviewed');
    await provider.press('Submit the plan for review');
    expect(await provider.text()).toContain('Action plan submitted for review');
    expect(await provider.page.locator('.app-versions__column').count()).toBe(1);
  });

  it('the officer returns version 1 with reasons', async () => {
    await officer.reloadUntil('/app/dashboard', (text) => /1\s+plan awaiting your review/.test(text));
    await officer.check('council-dashboard-plan-waiting');
    await officer.follow('Review version 1');
    await officer.check('review-plan');
    await officer.page.getByLabel('Reasons for returning the plan').fill('The induction action needs a named owner\nSay how agency shifts are checked');
    await officer.press('Return version 1');
    expect(await officer.text()).toContain('Plan returned to the provider');
  });

  it('the provider resubmits: version 2 keeps the actions, so the case file shows what changed', async () => {
    await provider.page.goto(`${provider.page.url().split('/app/')[0]}${concernPath}`);
    await provider.follow('Submit an action plan');
    expect(await provider.page.getByRole('heading', { level: 1 }).innerText()).toBe('Submit action plan version 2');
    await provider.page.locator('[id="actions-0-owner"]').fill('Deputy manager');
    await fillAction(provider, 2, 'Check agency shifts weekly', 'Registered manager', londonDate(35), 'Weekly checks logged');
    await provider.press('Submit the plan for review');
    const versions = provider.page.locator('.app-versions__column');
    expect(await versions.count()).toBe(2);
    const second = await versions.nth(1).innerText();
    expect(second).toContain('1 added, 1 changed, 0 removed');
    expect(second).toContain('Owner was: Team');
    await provider.check('case-file-two-versions');
  });

  it('the officer accepts version 2, and the provider sends the first update', async () => {
    await officer.page.goto(`${officer.page.url().split('/app/')[0]}${concernPath}/review-plan`);
    await officer.press('Accept version 2');
    expect(await officer.text()).toContain('Plan accepted');

    await provider.page.goto(`${provider.page.url().split('/app/')[0]}${concernPath}`);
    await provider.follow('Submit a plan update');
    await provider.check('plan-update-form');
    await provider.page.locator('[id="periodEnding"]').check();
    await provider.page.getByLabel('Summary of progress').fill('Inductions under way');
    for (const i of [0, 1, 2]) await provider.page.locator(`[id="actions-${i}-note"]`).fill(`Progress on action ${i + 1}`);
    await provider.page.locator('[id="actions-0-status-2"]').check();
    await provider.press('Submit the update');
    expect(await provider.text()).toContain('Plan update submitted');
    // The first period has not ended yet: the cadence says so rather than draw an empty chart.
    expect(await provider.text()).toContain('No update period has ended yet; 1 update received for the period under way');
    await provider.check('case-file-after-update');
  });

  it('both parties see every step on the timeline', async () => {
    const steps = [
      'PlanUpdateSubmitted',
      'ActionPlanAccepted',
      'ActionPlanSubmitted',
      'ActionPlanReturned',
      'ActionPlanSubmitted',
      'ConcernAcknowledged',
      'ActionPlanRequested',
      'ConcernNotifiedToProvider',
      'ConcernRaised',
    ];
    for (const [who, visitor] of [
      ['officer', officer],
      ['provider', provider],
    ] as const) {
      await visitor.visit(`${concernPath}/timeline`, `timeline-${who}`);
      expect(await visitor.timelineKinds()).toEqual(steps);
    }
  });
});

async function fillAction(visitor: Visitor, row: number, description: string, owner: string, due: string, measure: string): Promise<void> {
  const page = visitor.page;
  if ((await page.locator(`[id="actions-${row}-description"]`).count()) === 0) await visitor.press('Add another action');
  await page.locator(`[id="actions-${row}-description"]`).fill(description);
  await page.locator(`[id="actions-${row}-owner"]`).fill(owner);
  await visitor.fillDate(`actions-${row}-dueOn`, due);
  await page.locator(`[id="actions-${row}-measure"]`).fill(measure);
}
