import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** The other forms of each party: visits, comments, a correction, escalation, closing, reopening, a manager change. */
describeInBrowser('the record forms, in the browser', () => {
  jest.setTimeout(120_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;
  let concernPath = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'forms-officer');
    provider = await Visitor.open(browser, web.baseUrl, 'forms-provider');
    await officer.signIn('Priya Shah');
    await provider.signIn('Helen Ward');
    await officer.visit(`/app/concerns/new?serviceId=${DEMO_IDS.mapleCourt}`, 'raise-prefilled');
    expect(await officer.page.getByRole('radio', { name: 'Maple Court' }).isChecked()).toBe(true);
    await officer.page.getByLabel('Medication').check();
    await officer.page.getByLabel('Amber').check();
    await officer.page.getByLabel('Complaint').check();
    await officer.page.getByLabel('What did you find?').fill('Two missed medication signatures in a week');
    await officer.press('Raise the concern');
    concernPath = new URL(officer.page.url()).pathname;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the provider records a senior visit and a comment, then corrects its comment beside the original', async () => {
    await provider.visit(`${concernPath}/visit`, 'visit-form');
    await provider.page.getByLabel('Provider senior visit').check();
    await provider.page.getByLabel('Yes').check();
    await provider.fillDate('visitedOn', today());
    await provider.page.getByLabel("Visitor's role").fill('Chief executive');
    await provider.page.getByLabel('Findings').fill('Medication records checked with the team leader');
    await provider.press('Record the visit');
    expect(await provider.text()).toContain('Visit recorded');

    await provider.follow('Add a comment');
    await provider.page.getByLabel('Proportionality').check();
    await provider.page.getByLabel('Comment', { exact: true }).fill('Two signatures in 400 administrations');
    await provider.press('Add the comment');
    expect(await provider.text()).toContain('Two signatures in 400 administrations');

    await provider.follow('Correct an entry');
    await provider.check('correction-choose');
    await provider.page.getByRole('radio', { name: /Comment/ }).check();
    await provider.press('Continue');
    await provider.page.locator('[id="changes-text"]').fill('Two signatures in 420 administrations');
    await provider.press('Record the correction');
    expect(await provider.page.locator('.govuk-error-summary').innerText()).toContain('Enter the reason for the correction');
    await provider.check('correction-errors');
    await provider.page.getByLabel('Reason for the correction').fill('Miscounted the week');
    await provider.press('Record the correction');
    expect(await provider.text()).toContain('Correction recorded beside the original entry');
    // The case file shows the corrected field before and after (issue 13), and the comment as it reads now.
    const corrections = await provider.page.locator('.app-correction-record', { hasText: 'Comment' }).innerText();
    expect(corrections).toMatch(/Before: Two signatures in 400 administrations\s*After: Two signatures in 420 administrations/);
    expect(corrections).toContain('Miscounted the week');
    await provider.check('case-file-correction');
  });

  it('the officer escalates, de-escalates, closes and reopens; the provider cannot escalate', async () => {
    // The escalation form opens only for those the policy lets send it (the case file never offers it to the provider).
    await provider.visit(`${concernPath}/escalate`, 'escalate-refused-provider', 403);
    expect(await provider.text()).toContain('You are signed in as a chief executive at Hollybank Support Trust, and this page is not open to your role');

    for (const [slug, level, reason] of [
      ['escalate', 'Level 1: Enhanced monitoring', 'Second week of gaps'],
      ['deescalate', 'Level 0: Routine', 'Audit clear'],
    ]) {
      await officer.visit(`${concernPath}/${slug}`, `${slug}-form`);
      await officer.page.getByLabel(level).check();
      await officer.page.getByLabel('Reason').fill(reason);
      await officer.press('Record the change');
      expect(await officer.text()).toContain(slug === 'escalate' ? 'Escalation recorded' : 'De-escalation recorded');
    }
    await officer.follow('Close the concern');
    await officer.page.getByLabel('Outcome').fill('Audit found signatures complete for a month');
    await officer.press('Close the concern');
    expect(await officer.text()).toContain('Concern closed');
    await officer.follow('Reopen the concern');
    await officer.page.getByLabel('Reason').fill('Another missed signature reported');
    await officer.press('Save');
    expect(await officer.text()).toContain('Concern reopened');
    await officer.visit(`${concernPath}/timeline`, 'timeline-record-forms');
    expect(await officer.timelineKinds()).toEqual(
      expect.arrayContaining([
        'ConcernReopened',
        'ConcernClosed',
        'ConcernDeescalated',
        'ConcernEscalated',
        'EntryCorrected',
        'CommentRecorded',
        'VisitConducted',
      ]),
    );
  });

  it('the provider records a manager leaving and a new one starting', async () => {
    await provider.visit(`/app/services/${DEMO_IDS.mapleCourt}/manager-left`, 'manager-left-form');
    await provider.fillDate('leftOn', today());
    await provider.page.getByLabel('Why did they leave?').fill('Promoted to area manager');
    await provider.press('Record the departure');
    expect(await provider.text()).toContain('Manager departure recorded');
    await provider.follow('Record a new manager');
    await provider.page.getByLabel("Manager's name").fill('Ari Patel');
    await provider.fillDate('startedOn', today());
    await provider.page.getByLabel('Interim').check();
    await provider.press('Record the appointment');
    expect(await provider.text()).toContain('Ari Patel (interim, not registered)');
    await provider.check('service-after-manager-change');
  });
});
