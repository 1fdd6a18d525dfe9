import { CommandExecutor } from '@caretrail/application';
import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from '../browser/support/chromium';
import { Visitor } from '../browser/support/visitor';
import { startWebApp, type WebApp } from '../browser/support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/**
 * Issue 16 item 3 in the browser, every page checked with axe: the officer drafts a report (and is
 * told what is missing), the provider challenges a finding, the officer decides a challenge to a report
 * another officer wrote and publishes it, and the case file shows the challenge beside the finding.
 */
describeInBrowser('challenge to factual accuracy, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;
  let concernPath = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'challenge-officer');
    provider = await Visitor.open(browser, web.baseUrl, 'challenge-provider');
    await officer.signIn('Priya Shah');
    await provider.signIn('Helen Ward');
    await officer.visit(`/app/concerns/new?serviceId=${DEMO_IDS.mapleCourt}`, 'challenge-raise');
    await officer.page.getByLabel('Medication').check();
    await officer.page.getByLabel('Amber').check();
    await officer.page.getByLabel('Complaint').check();
    await officer.page.getByLabel('What did you find?').fill('Medicines records incomplete at the PAMMS audit');
    await officer.press('Raise the concern');
    concernPath = new URL(officer.page.url()).pathname;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('the officer drafts a PAMMS audit report for the provider to check; a missing answer is named in the error summary', async () => {
    await officer.follow('Draft a visit report for challenge');
    await officer.check('challenge-draft-form');
    expect(await officer.page.getByLabel('Working days the provider has to challenge').inputValue()).toBe('14');
    await officer.page.getByLabel('PAMMS audit').check();
    await officer.page.getByLabel('Yes').check();
    await officer.fillDate('visitedOn', today());
    await officer.press('Share the draft with the provider');
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain("Enter the visitor's role");
    await officer.check('challenge-draft-errors');
    await officer.page.getByLabel("Visitor's role").fill('PAMMS assessor');
    await officer.page.getByLabel('Findings').fill('Medicines records incomplete for 3 of 8 people\nNo fire drill since October');
    await officer.press('Share the draft with the provider');
    const text = await officer.text();
    expect(text).toContain('Draft report shared with the provider');
    expect(text).toMatch(/PAMMS audit on .*\s*Draft/);
    expect(text).toContain('No fire drill since October');
    await officer.check('challenge-draft-shown');
  });

  it('the provider challenges a finding of a report another officer drafted; that officer decides and publishes; both read the challenge beside the finding', async () => {
    // Drafted by another officer of the council, so that Priya Shah may decide its challenges.
    const visitId = crypto.randomUUID();
    const concernId = concernPath.split('/').at(-1)!;
    await web.app.get(CommandExecutor).execute(
      {
        kind: 'DraftVisitReport',
        concernId,
        visitId,
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: today(),
        visitorRole: 'Quality-assurance officer',
        findings: [{ text: 'Night staff had no fire training' }],
        challengeWindowWorkingDays: 10,
        occurredAt: new Date().toISOString(),
      },
      {
        actor: { userId: 'u-second-officer', organisationId: DEMO_IDS.council, organisationKind: 'council', role: 'qa_officer' },
        commandId: visitId,
        correlationId: visitId,
        causationId: null,
      },
    );

    await provider.visit(concernPath, 'challenge-case-file-provider');
    await provider.follow('Challenge a finding of a draft report');
    await provider.check('challenge-finding-form');
    await provider.page.getByRole('radio', { name: /Council monitoring visit on .*, finding 1: Night staff had no fire training/ }).check();
    await provider.press('Send the challenge');
    expect(await provider.page.locator('.govuk-error-summary').innerText()).toContain('Enter what is wrong in the finding');
    await provider.check('challenge-finding-errors');
    await provider.page.getByRole('radio', { name: /finding 1: Night staff had no fire training/ }).check();
    await provider.page.getByLabel('What is wrong in the finding').fill('All night staff did fire training on 9 January');
    await provider.page.getByLabel('Document name').first().fill('Fire training register');
    await provider.page.getByLabel('SHA-256 digest').first().fill('c'.repeat(64));
    await provider.press('Send the challenge');
    expect(await provider.text()).toContain('Challenge sent');
    expect(await provider.text()).toContain('Challenged by the provider: All night staff did fire training on 9 January');
    expect(await provider.text()).toContain("Awaiting a senior reviewer's decision");

    await officer.visit(concernPath, 'challenge-case-file-officer');
    await officer.follow('Decide a challenge to a finding');
    await officer.check('challenge-decide-form');
    await officer.page.getByRole('radio', { name: /Council monitoring visit on .*, finding 1/ }).check();
    await officer.page.getByLabel('Not upheld').check();
    await officer.page.getByLabel('Reasons').fill('The register shows day staff only');
    await officer.page.getByLabel('Your post').fill('Head of Quality Assurance');
    await officer.press('Record the decision');
    expect(await officer.text()).toContain('Decision on the challenge recorded');

    await officer.follow('Publish a visit report');
    await officer.check('challenge-publish-form');
    await officer.page.getByRole('radio', { name: /Council monitoring visit/ }).check();
    await officer.press('Publish the report');
    expect(await officer.text()).toContain('Report published, with each challenge and decision beside its finding');
    await officer.check('challenge-published');

    await provider.visit(concernPath, 'challenge-published-provider');
    const report = await provider.page.locator(`[data-visit-id="${visitId}"]`).innerText();
    expect(report).toContain('Published');
    expect(report).toContain('Night staff had no fire training');
    expect(report).toContain('Challenged by the provider: All night staff did fire training on 9 January');
    expect(report).toContain('Evidence: Fire training register');
    expect(report).toContain('Decision: Not upheld by Head of Quality Assurance. The register shows day staff only');
  });
});
