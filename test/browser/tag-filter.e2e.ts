import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

/** Issue 16 item 4 in the browser, each page checked with axe: the timeline pages' filter by PAMMS and CQC tags. */
describeInBrowser('timeline filter by PAMMS and CQC tags, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  const timeline = `/app/concerns/${DEMO_IDS.documentationConcern}/timeline`;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'tag-filter-officer');
    await officer.signIn('Priya Shah');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the officer chooses tags with the checkboxes, sees them named, and removes one', async () => {
    await officer.visit(timeline, 'tag-filter-timeline');
    await officer.page.getByText('Filter by PAMMS domain or CQC key question').click();
    await officer.page.getByRole('group', { name: 'PAMMS: Quality of management' }).getByLabel('Records').check();
    await officer.page.getByRole('group', { name: 'CQC: Safe' }).getByLabel('Safe (any quality statement)').check();
    await officer.press('Apply filter');
    await officer.check('tag-filter-applied');
    expect(officer.page.url()).toContain('tags=pamms%3Aquality-of-management%2Frecords');
    const text = await officer.text();
    expect(text).toContain('Showing entries tagged with PAMMS: Quality of management: Records, CQC: Safe, or with a tag under one of these.');
    await officer.page.getByRole('link', { name: /Remove this filter\s*Safe/ }).click();
    await officer.page.waitForLoadState();
    await officer.check('tag-filter-one-removed');
    expect(await officer.text()).toContain('Showing entries tagged with PAMMS: Quality of management: Records, or with a tag under one of these.');
    await officer.follow('Show all entries');
    expect(await officer.text()).not.toContain('Showing entries tagged with');
  });

  it('a tag not in the reference data is a 400 page naming tags; the service page has the filter too', async () => {
    await officer.visit(`${timeline}?tags=pamms:medication`, 'tag-filter-bad-tag', 400);
    expect(await officer.text()).toContain('tags: "pamms:medication" is not a PAMMS or CQC tag from the reference data');
    await officer.visit(`/app/services/${DEMO_IDS.mapleCourt}?tags=${encodeURIComponent('cqc:well-led')}`, 'tag-filter-service');
    expect(await officer.text()).toContain('Showing entries tagged with CQC: Well-led');
  });
});
