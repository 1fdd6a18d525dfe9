import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { activate, focused, pressAndLoad, tabTo } from './support/keyboard';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

/**
 * Issue 13 in Chromium, with axe: the lists' search, filter, sort and pages as a council officer and a
 * provider use them, and the service chosen by an accessible autocomplete once a council contracts more
 * than 10 services (a select without JavaScript).
 */
describeInBrowser('lists and the service autocomplete, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;

  const api = async (path: string, token: string, body: object) => {
    const res = await fetch(`${web.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { recordId?: string };
    expect({ path, status: res.status, json }).toMatchObject({ path, status: 201 });
    return json;
  };

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'lists-officer');
    provider = await Visitor.open(browser, web.baseUrl, 'lists-provider');
    // Twelve more Hollybank services under one more confirmed Northshire contract: 13 to choose from.
    const serviceIds: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const name = `Willow House ${String(i).padStart(2, '0')}`;
      const s = await api('/services', 'demo-provider-ceo', {
        providerId: DEMO_IDS.provider,
        name,
        serviceType: 'supported_living',
        regulator: 'CQC',
        occurredAt: '2026-11-02T09:00:00Z',
      });
      serviceIds.push(String(s.recordId));
    }
    const award = await api('/contracts', 'demo-council-officer', {
      councilId: DEMO_IDS.council,
      providerId: DEMO_IDS.provider,
      serviceIds,
      reference: 'NCC-SL-2026-120',
      startsOn: '2026-11-03',
      endsOn: '2028-03-31',
      occurredAt: '2026-11-03T09:00:00Z',
    });
    await api(`/contracts/${award.recordId}/confirmation`, 'demo-provider-ceo', {
      signedContract: { name: 'NCC-SL-2026-120 signed.pdf', sha256: 'd'.repeat(64) },
      occurredAt: '2026-11-04T09:00:00Z',
    });
    await officer.signIn('Priya Shah');
    await provider.signIn('Helen Ward');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the officer raises a concern by typing part of a service name into the autocomplete', async () => {
    await officer.visit('/app/concerns/new', 'lists-raise-autocomplete');
    const input = officer.page.locator('input#placement');
    await input.fill('Willow House 07');
    await officer.page.getByRole('option', { name: /Willow House 07/ }).click();
    await officer.page.getByLabel('Medication').check();
    await officer.page.getByLabel('Amber').check();
    await officer.page.getByLabel('Complaint').check();
    await officer.page.getByLabel('What did you find?').fill('Medicines round late on two days');
    await officer.press('Raise the concern');
    expect(await officer.text()).toContain('Concern raised');
    expect(await officer.text()).toContain('Willow House 07');
  });

  it('the dashboard list: search finds, filter narrows, sort orders, with axe on each', async () => {
    await officer.reloadUntil('/app/dashboard', (text) => text.includes('Medication at Willow House 07'));
    await officer.check('lists-dashboard');
    await officer.page.getByLabel('Search concerns').fill('willow');
    await officer.press('Apply filters');
    await officer.check('lists-dashboard-search');
    const table = () => officer.page.locator('table[data-list="concerns"]').innerText();
    expect(await table()).toContain('Medication at Willow House 07');
    expect(await table()).not.toContain('Maple Court');
    expect(await officer.page.locator('[data-list-showing]').innerText()).toBe('1 concern');

    await officer.visit('/app/dashboard?severity=amber', 'lists-dashboard-filter');
    expect(await table()).not.toMatch(/\tRed\t|\tGreen\t/);
    await officer.follow('Reference (sort ascending)');
    await officer.check('lists-dashboard-sorted');
    expect(officer.page.url()).toContain('severity=amber');
    expect(await officer.page.locator('th[aria-sort="ascending"]').innerText()).toContain('Reference');
  });

  it('the provider searches its own overview list and does not find another council’s concerns', async () => {
    await provider.visit(`/app/providers/${DEMO_IDS.provider}?q=willow#concerns`, 'lists-provider');
    expect(await provider.page.locator('table[data-list="concerns"]').innerText()).toContain('Medication concern at Willow House 07');
    await provider.visit('/app/providers', 'lists-providers');
    expect(await provider.text()).not.toContain('Kestrel Homecare Ltd');
  });

  it('the services list by keyboard alone: search, filter, sort and the next page, with axe on each', async () => {
    const page = officer.page;
    // Eight more Hollybank services, not under any contract: 22 services in all, so the list has a second page.
    for (let i = 1; i <= 8; i++) {
      await api('/services', 'demo-provider-ceo', {
        providerId: DEMO_IDS.provider,
        name: `Elm Court ${String(i).padStart(2, '0')}`,
        serviceType: 'supported_living',
        regulator: 'CQC',
        occurredAt: '2026-11-02T09:00:00Z',
      });
    }
    await officer.reloadUntil('/app/services', (text) => text.includes('of 22 services'));
    await officer.check('lists-services');
    expect(await page.locator('[data-list-showing]').innerText()).toMatch(/^Showing 1 to 20 of \d+ services$/);
    // Type into the search box (reached by Tab), choose "With open concerns" by keyboard, apply with Enter.
    await tabTo(page, { id: 'services-q' });
    await page.keyboard.type('willow');
    await tabTo(page, { id: 'services-concerns' });
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#services-concerns').inputValue()).toBe('open');
    await activate(page, 'Apply filters');
    await officer.check('lists-services-filtered');
    const table = () => page.locator('table[data-list="services"]').innerText();
    // Only Willow House 07 has an open concern of Northshire's (raised by the first test).
    expect(await table()).toContain('Willow House 07');
    expect(await table()).not.toContain('Willow House 06');
    expect(await page.locator('[data-list-showing]').innerText()).toBe('1 service');
    // Clear the filters, sort by service name descending from the head, then the next page, all by keyboard.
    await activate(page, 'Clear filters');
    await activate(page, /^Service \(sort descending\)$/);
    await officer.check('lists-services-sorted');
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Service');
    expect(page.url()).toContain('sort=name&order=desc');
    await tabTo(page, (f) => f.tag === 'a' && /^Next/.test(f.label), { max: 120, what: 'the Next page link' });
    await pressAndLoad(page);
    await officer.check('lists-services-page-2');
    expect(page.url()).toContain('page=2');
    expect(page.url()).toContain('sort=name&order=desc');
    // Each row links to its service page.
    const first = page.locator('table[data-list="services"] tbody a').first();
    const name = await first.innerText();
    await first.focus();
    expect((await focused(page)).label).toBe(name);
    await pressAndLoad(page);
    expect(await page.locator('h1').innerText()).toContain(name);
  });

  it('a dashboard work queue on its own page: sorted and searched, with axe', async () => {
    await officer.visit('/app/dashboard/no-registered-manager', 'lists-queue');
    expect(await officer.page.locator('[data-list-showing]').innerText()).toMatch(/services? without a registered manager$/);
    await officer.follow('Service (sort ascending)');
    await officer.check('lists-queue-sorted');
    expect(await officer.page.locator('th[aria-sort="ascending"]').innerText()).toContain('Service');
    await officer.page.locator('#queue-q').fill('willow house 03');
    await officer.press('Apply filters');
    await officer.check('lists-queue-searched');
    expect(await officer.page.locator('table[data-list="no-registered-manager"] tbody').innerText()).toContain('Willow House 03');
    expect(await officer.page.locator('[data-list-showing]').innerText()).toBe('1 service without a registered manager');
    expect(officer.page.url()).toContain('sort=service');
  });

  it('the contracts lists, with axe: the council’s sorted by reference, the provider’s filtered to the confirmed ones', async () => {
    await officer.visit('/app/dashboard/contracts', 'lists-contracts');
    await officer.follow('Contract (sort ascending)');
    await officer.check('lists-contracts-sorted');
    expect(await officer.page.locator('th[aria-sort="ascending"]').innerText()).toContain('Contract');
    const references = await officer.page.locator('table[data-list="contracts"] tbody tr td:first-child').allInnerTexts();
    expect(references).toEqual([...references].sort());
    await provider.visit(`/app/providers/${DEMO_IDS.provider}/contracts?state=confirmed`, 'lists-provider-contracts');
    expect(await provider.page.locator('table[data-list="contracts"]').innerText()).toContain('Contract NCC-SL-2026-120');
  });
});
