import { DEMO_IDS } from '@caretrail/demo';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { activate, chooseRadio, focused, pressAndLoad, tab, tabThroughPage, tabTo, type Focused } from './support/keyboard';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available, reason } = chromiumAvailability();
// CI sets CARETRAIL_TEST_PG_URL as well as CI=true: either means this suite must run, not pass by skipping.
if (!available && process.env.CARETRAIL_TEST_PG_URL) throw new Error(`The keyboard browser tests cannot run where CARETRAIL_TEST_PG_URL is set: ${reason}`);
const describeInBrowser = available ? describe : describe.skip;

const londonDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** Types a date into the GOV.UK date input whose day box has focus: day, Tab, month, Tab, year. */
async function typeDate(page: Page, isoDate: string, id: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  expect((await focused(page)).id).toBe(`${id}-day`);
  await page.keyboard.type(String(Number(day)));
  expect((await tab(page)).id).toBe(`${id}-month`);
  await page.keyboard.type(String(Number(month)));
  expect((await tab(page)).id).toBe(`${id}-year`);
  await page.keyboard.type(year);
}

/** Signs in on the demo page: Tab to the identity radios, arrow keys to the person, Tab to Sign in, Enter. */
async function signInByKeyboard(visitor: Visitor, baseUrl: string, displayName: string): Promise<void> {
  const page = visitor.page;
  await page.goto(`${baseUrl}/app/sign-in`);
  await tabTo(page, { name: 'identity' });
  await chooseRadio(page, new RegExp(`^${displayName},`));
  expect((await tabTo(page, { tag: 'button', label: 'Sign in' }, { max: 3 })).label).toBe('Sign in');
  await pressAndLoad(page);
  expect(await page.locator('.app-identity-bar').innerText()).toContain(displayName);
}

/** The success banner GOV.UK Frontend focuses after a form is sent. */
async function expectSuccessBanner(page: Page, text: string): Promise<void> {
  expect(await page.locator('.govuk-notification-banner').innerText()).toContain(text);
  const f = await focused(page);
  expect(f.classes).toContain('govuk-notification-banner');
  expect(f.indicator).toMatch(/yellow outline/);
}

/** Reloads (F5) until the page shows some text: the dashboard and overview read models follow the store within moments. */
async function reloadUntil(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const shows = async () => {
    const main = await page.locator('main').innerText();
    return typeof text === 'string' ? main.includes(text) : text.test(main);
  };
  while (!(await shows())) {
    if (Date.now() > until) throw new Error(`${page.url()} never showed ${text}`);
    await page.waitForTimeout(200);
    await page.reload();
  }
}

/**
 * Issue 5, part 4: every action works by keyboard. The main actions of each party, from signing in to
 * a comment, with Tab / Shift+Tab, arrow keys, Space, Enter and typing only; every Tab stop on the way
 * must show the GOV.UK focus indicator, and no page may trap focus.
 */
describeInBrowser('every main action by keyboard alone, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;
  let concernPath = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'keyboard-officer');
    provider = await Visitor.open(browser, web.baseUrl, 'keyboard-provider');
  });

  afterEach(() => {
    // A form answered 400 is logged by the browser as a failed load; anything else is a fault.
    for (const visitor of [officer, provider]) {
      const errors = visitor?.scriptErrors.filter((e) => !/Failed to load resource: the server responded with a status of 4/.test(e)) ?? [];
      expect(errors).toEqual([]);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the skip link is the first Tab stop and moves focus to the main content', async () => {
    const page = officer.page;
    await page.goto(`${web.baseUrl}/app/sign-in`);
    expect((await focused(page)).tag).toBe('body');
    const first = await tab(page);
    expect(first.classes).toContain('govuk-skip-link');
    expect(first.label).toBe('Skip to main content');
    expect(first.indicator).toMatch(/yellow background/);
    await page.keyboard.press('Enter');
    const main = await focused(page);
    expect([main.tag, main.id]).toEqual(['main', 'main-content']);
    // The next Tab goes on from the main content, not back through the header.
    const next = await tab(page);
    expect(next.inMain).toBe(true);
    expect(next.name).toBe('identity');
  });

  it('the council officer signs in with the demo identity', async () => {
    await signInByKeyboard(officer, web.baseUrl, 'Priya Shah');
    expect(officer.page.url()).toMatch(/\/app\/dashboard$/);
  });

  it('the officer opens a service and raises a concern; the error summary takes focus and its links move focus to the field', async () => {
    const page = officer.page;
    await activate(page, 'Hollybank Support Trust');
    expect(page.url()).toContain(`/app/providers/${DEMO_IDS.provider}`);
    await activate(page, 'Maple Court');
    expect(page.url()).toContain(`/app/services/${DEMO_IDS.mapleCourt}`);
    await activate(page, 'Raise a concern about this service');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Raise a concern');

    // The service chosen comes checked: Tab lands on it. Every other field follows, in order, by Tab.
    const placement = await tabTo(page, { name: 'placement' });
    expect(placement.checked).toBe(true);
    expect(placement.label).toMatch(/^Maple Court/);
    const order: string[] = [];
    for (let f = await tab(page); f.tag !== 'button'; f = await tab(page)) order.push(f.name);
    expect(order).toEqual(['category', 'severity', 'source', 'summary']);
    expect((await focused(page)).label).toBe('Raise the concern');
    await pressAndLoad(page);

    // A failed submit: the error summary has focus, and Enter on its first link focuses the field in error.
    const summary = await focused(page);
    expect(summary.classes).toContain('govuk-error-summary');
    expect(summary.indicator).toMatch(/yellow outline/);
    const links = await page.locator('.govuk-error-summary__list a').allInnerTexts();
    expect(links[0]).toBe('Select the category');
    const firstLink = await tab(page);
    expect([firstLink.tag, firstLink.label]).toEqual(['a', links[0]]);
    await page.keyboard.press('Enter');
    const activeId = await page.evaluate('document.activeElement.id');
    expect(activeId).toBe('category');

    // From there, the arrow keys choose in each group and Tab moves on.
    await chooseRadio(page, /^Staffing/);
    expect((await tab(page)).name).toBe('severity');
    await chooseRadio(page, /^Red/);
    expect((await tab(page)).name).toBe('source');
    await chooseRadio(page, /^Monitoring visit/);
    expect((await tab(page)).id).toBe('summary');
    await page.keyboard.type('Night shifts covered by agency staff with no induction record');
    expect((await tab(page)).label).toBe('Raise the concern');
    await pressAndLoad(page);

    await expectSuccessBanner(page, 'Concern raised');
    concernPath = new URL(page.url()).pathname;
    expect(concernPath).toMatch(/^\/app\/concerns\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Staffing concern at Maple Court');
  });

  it('the officer notifies the provider and requests an action plan', async () => {
    const page = officer.page;
    await activate(page, 'Notify the provider');
    await tabTo(page, { name: 'method' });
    await chooseRadio(page, /^Through CareTrail/);
    await activate(page, 'Record the notification', 'Enter', 10);
    await expectSuccessBanner(page, 'Provider notified');

    await activate(page, 'Request an action plan');
    await tabTo(page, { id: 'dueOn-day' });
    await typeDate(page, londonDate(14), 'dueOn');
    // The cadence and grace days keep their defaults (7 and 2): Tab passes them to the button.
    expect((await tab(page)).id).toBe('updateCadenceDays');
    expect((await tab(page)).id).toBe('graceDays');
    expect((await tab(page)).label).toBe('Request the plan');
    await pressAndLoad(page);
    await expectSuccessBanner(page, 'Action plan requested');
  });

  it('the provider signs in, acknowledges the concern and submits an action plan (adding a row by keyboard)', async () => {
    const page = provider.page;
    await signInByKeyboard(provider, web.baseUrl, 'Sam Okafor');
    expect(page.url()).toContain(`/app/providers/${DEMO_IDS.provider}`);
    await reloadUntil(page, 'Staffing at Maple Court');
    await activate(page, 'Staffing at Maple Court');
    expect(new URL(page.url()).pathname).toBe(concernPath);

    await activate(page, 'Acknowledge the concern');
    expect((await tabTo(page, { id: 'note' })).tag).toBe('textarea');
    await page.keyboard.type('Received; the registered manager is reviewing the rota.');
    expect((await tab(page)).label).toBe('Acknowledge');
    await pressAndLoad(page, 'Space');
    await expectSuccessBanner(page, 'Concern acknowledged');

    await activate(page, 'Submit an action plan');
    await tabTo(page, { id: 'summary' });
    await page.keyboard.type('Induct every agency worker before their first shift');
    for (const [row, description, owner, due, measure] of [
      [0, 'Induct agency staff', 'Team', londonDate(21), 'Induction records'],
      [1, 'Review the night rota', 'Registered manager', londonDate(28), 'Rota reviewed'],
    ] as const) {
      expect((await tab(page)).id).toBe(`actions-${row}-description`);
      await page.keyboard.type(description);
      expect((await tab(page)).id).toBe(`actions-${row}-owner`);
      await page.keyboard.type(owner);
      await tab(page);
      await typeDate(page, due, `actions-${row}-dueOn`);
      expect((await tab(page)).id).toBe(`actions-${row}-measure`);
      await page.keyboard.type(measure);
    }
    // "Add another action" is a submit button of its own: Enter on it keeps what was typed and adds a row.
    expect((await tab(page)).label).toBe('Add another action');
    await pressAndLoad(page);
    expect(await page.locator('[id="actions-1-measure"]').inputValue()).toBe('Rota reviewed');
    expect(await page.locator('[id="actions-2-description"]').count()).toBe(1);
    await activate(page, 'Submit the plan for review', 'Enter', 40);
    await expectSuccessBanner(page, 'Action plan submitted for review');
    expect(await page.locator('.app-versions__column').count()).toBe(1);
  });

  it('the officer returns version 1 with reasons typed on two lines', async () => {
    const page = officer.page;
    await page.reload();
    await activate(page, 'Review plan version 1');
    // Tab passes the Accept button on its way to the reasons.
    const stops: Focused[] = [];
    await tabTo(page, (f) => (stops.push(f), f.id === 'reasons'));
    expect(stops.map((s) => s.label)).toContain('Accept version 1');
    await page.keyboard.type('The induction action needs a named owner');
    await page.keyboard.press('Enter'); // a new line in the textarea, not a submit
    await page.keyboard.type('Say how agency shifts are checked');
    expect(new URL(page.url()).pathname).toBe(`${concernPath}/review-plan`);
    expect((await tab(page)).label).toBe('Return version 1');
    await pressAndLoad(page);
    await expectSuccessBanner(page, 'Plan returned to the provider');
    expect(await page.locator('.app-versions__column').innerText()).toMatch(/Returned because:[\s\S]*named owner[\s\S]*agency shifts are checked/);
  });

  it('the provider resubmits with a changed owner, and the officer accepts version 2', async () => {
    const page = provider.page;
    await page.reload();
    await activate(page, 'Submit an action plan');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Submit action plan version 2');
    await tabTo(page, { id: 'actions-0-owner' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Deputy manager');
    await activate(page, 'Submit the plan for review', 'Enter', 40);
    await expectSuccessBanner(page, 'Action plan submitted for review');
    expect(await page.locator('.app-versions__column').nth(1).innerText()).toContain('Owner was: Team');

    await officer.page.reload();
    await activate(officer.page, 'Review plan version 2');
    await activate(officer.page, 'Accept version 2', 'Space');
    await expectSuccessBanner(officer.page, 'Plan accepted');
  });

  it('the provider submits a plan update, choosing the period and a status with the arrow keys', async () => {
    const page = provider.page;
    await page.reload();
    await activate(page, 'Submit a plan update');
    // No period is chosen yet: Tab lands on the first (the newest), and Space selects it.
    expect((await tabTo(page, { name: 'periodEnding' })).checked).toBe(false);
    expect((await chooseRadio(page, /^Period ending /)).checked).toBe(true);
    expect((await tab(page)).id).toBe('summary');
    await page.keyboard.type('Inductions under way');
    for (const row of [0, 1]) {
      // Each action's status comes checked ("Not started"): Tab lands on it.
      const status = await tab(page);
      expect([status.name, status.checked, status.label]).toEqual([`actions[${row}][status]`, true, 'Not started']);
      if (row === 0) await chooseRadio(page, /^In progress/);
      expect((await tab(page)).id).toBe(`actions-${row}-note`);
      await page.keyboard.type(`Progress on action ${row + 1}`);
    }
    await activate(page, 'Submit the update', 'Enter', 10);
    await expectSuccessBanner(page, 'Plan update submitted');
    expect(await page.locator('table', { hasText: 'Actions of the accepted plan' }).innerText()).toMatch(/Induct agency staff[\s\S]*In progress/i);
  });

  it('the officer records a comment', async () => {
    const page = officer.page;
    await page.reload();
    await activate(page, 'Add a comment');
    await tabTo(page, { name: 'topic' });
    await chooseRadio(page, /^Progress/);
    expect((await tab(page)).id).toBe('text');
    await page.keyboard.type('Good progress on inductions; we will check the rota at the next visit');
    // Shift+Tab goes back to the group, on the topic chosen; Tab forward again to the button.
    const back = await tabTo(page, { name: 'topic' }, { back: true, max: 1 });
    expect([back.checked, back.label]).toEqual([true, 'Progress']);
    expect((await tab(page)).id).toBe('text');
    // Who may read it: everyone who reads the concern is chosen unless the officer restricts it.
    const readers = await tab(page);
    expect([readers.name, readers.checked, readers.label]).toEqual(['restrictedTo', true, 'Everyone who can read this concern']);
    // The organisations one may choose to share a restricted comment with: each a Tab stop, none ticked.
    for (const label of ['Hollybank Support Trust (the provider)', 'Care Quality Commission (the regulator)']) {
      const choice = await tab(page);
      expect([choice.name, choice.checked, choice.label]).toEqual(['organisations', false, label]);
    }
    expect((await tab(page)).label).toBe('Add the comment');
    await pressAndLoad(page);
    await expectSuccessBanner(page, 'Comment added');
    expect(await page.locator('main').innerText()).toContain('Good progress on inductions');
  });

  it('the officer replays the timeline to yesterday: Enter opens the replay controls, the arrow keys choose the basis', async () => {
    const page = officer.page;
    await activate(page, 'Timeline');
    expect(new URL(page.url()).pathname).toBe(`${concernPath}/timeline`);
    const summary = await tabTo(page, { tag: 'summary', label: /^Replay/ });
    expect(summary.indicator).toMatch(/yellow background/);
    await page.keyboard.press('Enter');
    expect(await page.locator('details').first().getAttribute('open')).not.toBeNull();
    await tab(page);
    await typeDate(page, londonDate(-1), 'asOf');
    const basis = await tab(page);
    expect([basis.name, basis.checked, basis.label]).toEqual(['basis', true, expect.stringMatching(/^As recorded/)]);
    await chooseRadio(page, /^As occurred/);
    expect((await tab(page)).label).toBe('Show this view');
    await pressAndLoad(page);
    expect(new URL(page.url()).searchParams.get('basis')).toBe('occurred');
    expect(await page.getByTestId('replay-banner').innerText()).toMatch(/^You are looking at what had happened by the end of .+ — as occurred/);
    expect(await page.locator('main').innerText()).toContain('Nothing had been recorded by then.');
    await activate(page, 'Return to the live record');
    expect(await page.locator('[data-testid="replay-banner"]').count()).toBe(0);
    expect(await page.locator('.moj-timeline__item').count()).toBeGreaterThan(5);
  });

  it('every Tab stop on every page of the story shows the GOV.UK focus indicator, and no page traps focus', async () => {
    const pages: [Visitor, string][] = [
      [officer, '/app/sign-in'],
      [officer, '/app/dashboard'],
      [officer, `/app/providers/${DEMO_IDS.provider}`],
      [officer, `/app/services/${DEMO_IDS.mapleCourt}`],
      [officer, `/app/concerns/new?serviceId=${DEMO_IDS.mapleCourt}`],
      [officer, concernPath],
      [officer, `${concernPath}/timeline`],
      [officer, `${concernPath}/notify`],
      [officer, `${concernPath}/request-plan`],
      [officer, `${concernPath}/review-plan`],
      [officer, `${concernPath}/comment`],
      [provider, `/app/providers/${DEMO_IDS.provider}`],
      [provider, concernPath],
      [provider, `${concernPath}/acknowledge`],
      [provider, `${concernPath}/submit-plan`],
      [provider, `${concernPath}/update`],
    ];
    const problems: string[] = [];
    for (const [visitor, path] of pages) {
      await visitor.page.goto(`${web.baseUrl}${path}`);
      const sweep = await tabThroughPage(visitor.page);
      if (sweep.stops.length < 4) problems.push(`${path}: only ${sweep.stops.length} Tab stops: ${sweep.stops.map((f) => f.describe).join(', ')}`);
      if (sweep.trap) problems.push(`${path}: ${sweep.trap}`);
      for (const u of sweep.unreached) problems.push(`${path}: never reached by Tab: ${u}`);
      for (const w of sweep.withoutIndicator) problems.push(`${path}: no focus indicator on ${w}`);
    }
    expect(problems).toEqual([]);
  });

  it('each party signs out with the keyboard', async () => {
    for (const visitor of [officer, provider]) {
      await activate(visitor.page, 'Sign out');
      expect(visitor.page.url()).toMatch(/\/app\/sign-in\?signedOut=1$/);
    }
  });
});
