import type { Browser } from 'playwright-core';
import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import { chromiumAvailability, launchChromium } from '../browser/support/chromium';
import { activate, tabThroughPage } from '../browser/support/keyboard';
import { Visitor } from '../browser/support/visitor';
import { startWebApp, type WebApp } from '../browser/support/web-app';

const { available, reason } = chromiumAvailability();
if (!available && process.env.CARETRAIL_TEST_PG_URL) throw new Error(`The to-do browser tests cannot run where CARETRAIL_TEST_PG_URL is set: ${reason}`);
const describeInBrowser = available ? describe : describe.skip;

const londonDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * The to-do pages over the demo story (recorded on its own dates, so much of it is late today), in
 * Chromium: every page checked with axe (WCAG 2.2 AA), and reached and read with the keyboard alone.
 */
describeInBrowser('to-do pages in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    // The demo's concern is closed: a new one, notified two weeks ago and not acknowledged, with a plan due tomorrow.
    const council = { Authorization: 'Bearer demo-council-officer' };
    const post = async (path: string, body: object) => {
      const res = await request(web.app.getHttpServer()).post(path).set(council).send(body);
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id?: string };
    };
    const { id } = await post('/concerns', {
      serviceId: DEMO_IDS.mapleCourt,
      contractId: DEMO_IDS.contract,
      category: 'medication',
      severity: 'amber',
      source: 'monitoring_visit',
      summary: 'Medication records incomplete',
      occurredAt: daysAgo(15),
    });
    await post(`/concerns/${id}/notifications`, { method: 'email', occurredAt: daysAgo(14) });
    await post(`/concerns/${id}/action-plan/requests`, { dueOn: londonDate(1), updateCadenceDays: 7, graceDays: 2, occurredAt: daysAgo(1) });
    await web.app.get(ProjectionHost).waitFor(await web.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('shows the provider a banner on its start page and a header count, and its to-do list by keyboard with Overdue tags', async () => {
    const provider = await Visitor.open(browser, web.baseUrl, 'todo-provider');
    await provider.signIn('Sam Okafor');
    await provider.check('todo-provider-start');
    const banner = provider.page.locator('.govuk-notification-banner');
    expect(await banner.innerText()).toMatch(/\d+ items? (is|are) overdue\./);
    const header = (await provider.page.locator('.app-identity-bar__todo').innerText()).trim();
    expect(header).toMatch(/^To do: \d+, \d+ overdue$/);

    // From the top of the start page, Tab to the header's link and press Enter.
    await provider.page.goto(provider.page.url());
    await activate(provider.page, /^To do: \d+/);
    expect(new URL(provider.page.url()).pathname).toBe('/app/todo');
    await provider.check('todo-provider');
    const main = await provider.page.locator('main').innerText();
    expect(main).toContain('To do');
    expect(main).toContain('Acknowledge the concern');
    expect(main).toContain('Submit the action plan');
    expect(await provider.page.locator('main .govuk-tag', { hasText: 'Due soon' }).count()).toBeGreaterThan(0);
    expect(await provider.page.locator('main .govuk-tag', { hasText: 'Overdue' }).count()).toBeGreaterThan(0);
    const overdueCount = Number(/, (\d+) overdue/.exec(header)![1]);
    expect(await provider.page.locator('main .govuk-tag', { hasText: 'Overdue' }).count()).toBe(overdueCount);

    await provider.page.reload();
    const sweep = await tabThroughPage(provider.page);
    expect({ trap: sweep.trap, unreached: sweep.unreached, withoutIndicator: sweep.withoutIndicator }).toEqual({
      trap: null,
      unreached: [],
      withoutIndicator: [],
    });
    // Every item's link is a Tab stop, in the main content.
    expect(sweep.stops.filter((s) => s.tag === 'a' && s.inMain).map((s) => s.label)).toEqual(
      expect.arrayContaining(['Acknowledge the concern', 'Submit the action plan']),
    );
    await provider.close();
  });

  it("shows the council officer the council's list, checked with axe", async () => {
    const officer = await Visitor.open(browser, web.baseUrl, 'todo-council');
    await officer.signIn('Priya Shah');
    await officer.visit('/app/todo', 'todo-council');
    const main = await officer.page.locator('main').innerText();
    for (const heading of [
      'Action plans awaiting your review',
      'Completion claims to verify',
      'Overdue plan updates',
      'Acknowledgements overdue',
      'Concerns not yet notified to the provider',
    ]) {
      expect(main).toContain(heading);
    }
    await officer.close();
  });
});
