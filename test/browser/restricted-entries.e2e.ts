import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const SECRET = 'Police are interviewing a care worker; do not discuss with the service';

/**
 * Restricted entries in the browser (docs/restricted-entries.md): the council restricts a comment to
 * itself and the regulator on the comment form, the provider sees that it exists and not what it says,
 * the council lifts the restriction for the provider on the lift form, and the case file shows the
 * content and the disclosure log. Every page is checked with axe.
 */
describeInBrowser('restricted entries, in the browser', () => {
  jest.setTimeout(120_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;
  let concernPath = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'restricted-officer');
    provider = await Visitor.open(browser, web.baseUrl, 'restricted-provider');
    await officer.signIn('Priya Shah');
    await provider.signIn('Helen Ward');
    await officer.visit(`/app/concerns/new?serviceId=${DEMO_IDS.mapleCourt}`, 'restricted-raise');
    await officer.page.getByLabel('Safeguarding', { exact: true }).check();
    await officer.page.getByLabel('Amber').check();
    await officer.page.getByLabel('Complaint').check();
    await officer.page.getByLabel('What did you find?').fill('An allegation against a care worker');
    await officer.press('Raise the concern');
    concernPath = new URL(officer.page.url()).pathname;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the council restricts a comment to the regulator, then lifts the restriction for the provider', async () => {
    await officer.follow('Add a comment');
    await officer.page.getByLabel('Context').check();
    await officer.page.getByLabel('Comment', { exact: true }).fill(SECRET);
    await officer.page.getByLabel('My organisation and the organisations I choose').check();
    await officer.check('restricted-comment-form');
    await officer.press('Add the comment');
    // Nothing ticked: the error names the question.
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain('Choose the organisations who may read the comment besides yours');
    await officer.check('restricted-comment-errors');
    await officer.page.getByLabel('My organisation and the organisations I choose').check();
    await officer.page.getByLabel(/Care Quality Commission/).check();
    await officer.press('Add the comment');
    expect(await officer.text()).toContain('Comment added');
    expect(await officer.text()).toContain(SECRET);
    await officer.check('restricted-case-file-council');

    await provider.reloadUntil(concernPath, (text) => text.includes('Restricted comment by council'));
    expect(await provider.text()).toContain("Your organisation cannot read this entry's content.");
    expect(await provider.text()).not.toContain('care worker;');
    await provider.check('restricted-case-file-provider');

    await officer.follow('Lift the restriction of this comment');
    await officer.check('lift-restriction-form');
    await officer.page.getByLabel(/Hollybank/).check();
    await officer.page.getByLabel('Why is the restriction lifted?').fill('Police have finished their interviews');
    await officer.press('Lift the restriction');
    expect(await officer.text()).toContain('Restriction lifted');
    expect(await officer.page.locator('.app-restricted-entry').innerText()).toMatch(
      /lifted the restriction for Hollybank[^.]*\. Reason: Police have finished their interviews/,
    );
    await officer.check('restricted-case-file-lifted');

    await provider.reloadUntil(concernPath, (text) => text.includes(SECRET));
    await provider.follow('See every entry on the timeline');
    expect(await provider.text()).toContain(SECRET);
    expect(await provider.text()).toContain('Disclosed to:');
    await provider.check('restricted-timeline-provider');
  });
});
