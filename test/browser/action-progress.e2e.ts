import { createHash } from 'node:crypto';
import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { activate, tabTo } from './support/keyboard';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const ALERTS = /^Call-monitoring alerts/;
const RECRUIT = /^Recruit four care workers/;

/**
 * Progress on an action, in the browser, on the demo's open Kestrel concern (plan accepted, updates
 * coming): the provider claims an action complete, the council sends the claim back with a reason,
 * the provider claims again and the council verifies it; the provider moves another action's due
 * date, and the case file shows each status and the revision to both parties.
 */
describeInBrowser('claiming, verifying and revising actions, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;
  let provider: Visitor;
  let outsider: Visitor;
  const concernPath = `/app/concerns/${DEMO_IDS.missedCallsConcern}`;

  /** The row of one action in the case file's actions table. */
  const actionRow = (visitor: Visitor, description: RegExp) => visitor.page.locator('tr', { has: visitor.page.locator('td', { hasText: description }) });
  /** The row's words as written (the badges' capitals are only their style), on one line. */
  const rowText = async (visitor: Visitor, description: RegExp) => String(await actionRow(visitor, description).textContent()).replace(/\s+/g, ' ');
  const errorSummary = (visitor: Visitor) => visitor.page.locator('.govuk-error-summary').innerText();
  /** Follows an action's form link in its row (its accessible name ends with the action, for screen readers). */
  const followInRow = async (visitor: Visitor, description: RegExp, link: string) => {
    await actionRow(visitor, description)
      .getByRole('link', { name: new RegExp(`^${link}\\s*: `) })
      .click();
    await visitor.page.waitForLoadState();
  };
  const formLinks = async (visitor: Visitor, description: RegExp) =>
    // The visible words only: each link's first text node (the rest is its visually hidden context).
    actionRow(visitor, description)
      .getByRole('link')
      .evaluateAll((links) => links.map((l) => String((l as unknown as { firstChild: { textContent: string } }).firstChild.textContent).trim()));

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'actions-officer');
    provider = await Visitor.open(browser, web.baseUrl, 'actions-provider');
    outsider = await Visitor.open(browser, web.baseUrl, 'actions-outsider');
    await officer.signIn('Priya Shah');
    await provider.signIn('Jo Kerr');
    await outsider.signIn('Helen Ward');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("offers each party only its own forms, and refuses another provider and the council the provider's", async () => {
    await provider.visit(concernPath, 'actions-case-file-provider');
    expect(await formLinks(provider, ALERTS)).toEqual(['Claim complete', 'Revise due date']);
    // The demo's review action is already claimed: the provider may still move its date, not claim it again.
    expect(await formLinks(provider, /^Review every package/)).toEqual(['Revise due date']);
    expect(await provider.page.getByRole('link', { name: /^(Verify|Reject)\s*:/ }).count()).toBe(0);

    await officer.visit(concernPath, 'actions-case-file-officer');
    expect(await formLinks(officer, /^Review every package/)).toEqual(['Verify', 'Reject', 'Record an agreed due date']);
    expect(await formLinks(officer, ALERTS)).toEqual(['Record an agreed due date']);
    expect(await officer.page.getByRole('link', { name: /^(Claim complete|Revise due date)\s*:/ }).count()).toBe(0);

    const claimPath = (await actionRow(provider, ALERTS)
      .getByRole('link', { name: /^Claim complete\s*: / })
      .getAttribute('href'))!;
    expect(claimPath).toMatch(new RegExp(`^${concernPath}/actions/[0-9a-f-]{36}/claim$`));
    await officer.visit(claimPath, 'actions-claim-refused-council', 403);
    // Another provider is a stranger to the concern: told it is not there (404), not that it exists.
    await outsider.visit(claimPath, 'actions-claim-refused-other-provider', 404);
    expect(await outsider.text()).not.toContain('Call-monitoring alerts');
  });

  it('the provider claims an action complete (the error summary first), and the case file shows the claim', async () => {
    await provider.visit(concernPath, 'actions-case-file-before-claim');
    await followInRow(provider, ALERTS, 'Claim complete');
    await provider.check('actions-claim-form');
    expect(await provider.text()).toContain('Every late visit alerted; weekly report');

    await provider.press('Claim complete');
    expect(await errorSummary(provider)).toContain('Enter what was done');
    await provider.page.locator('[id="evidence-0-name"]').fill('Alert log November 2026.csv');
    await provider.page.locator('[id="evidence-0-sha256"]').fill('not a digest');
    await provider.press('Claim complete');
    const errors = await errorSummary(provider);
    expect(errors).toContain('Enter what was done');
    expect(errors).toMatch(/SHA-256 digest of evidence document 1/);
    // Values are kept on error.
    expect(await provider.page.locator('[id="evidence-0-name"]').inputValue()).toBe('Alert log November 2026.csv');
    await provider.check('actions-claim-errors');

    await provider.page.getByLabel('What was done').fill('Alerts live on every round since 4 November; no unalerted late visit in the log');
    await provider.page.locator('[id="evidence-0-sha256"]').fill(createHash('sha256').update('alert log').digest('hex'));
    await provider.press('Claim complete');
    expect(await provider.text()).toContain('Completion claimed: the council will verify the action');
    expect(await rowText(provider, ALERTS)).toContain('Completion claimed');
    expect(await formLinks(provider, ALERTS)).toEqual(['Revise due date']);
    await provider.check('actions-case-file-claimed');
  });

  it('the council rejects the claim with a reason; verifying it then is refused by the domain, shown in the error summary', async () => {
    await officer.visit(concernPath, 'actions-case-file-claim-to-judge');
    expect(await rowText(officer, ALERTS)).toContain('Completion claimed');
    await followInRow(officer, ALERTS, 'Reject');
    await officer.check('actions-reject-form');
    expect(await officer.text()).toContain('Alerts live on every round since 4 November');
    expect(await officer.text()).toContain('Alert log November 2026.csv');
    const verifyPath = officer.page.url().replace(/\/reject$/, '/verify');

    await officer.press('Reject the claim');
    expect(await errorSummary(officer)).toContain('Enter why the action is not complete');
    await officer.check('actions-reject-errors');
    await officer.page.getByLabel('Why is the action not complete?').fill('The log shows two late visits on 9 November with no alert');
    await officer.press('Reject the claim');
    expect(await officer.text()).toContain('Claim rejected: the action is back in progress');
    const row = await rowText(officer, ALERTS);
    expect(row).toContain('In progress');
    expect(row).toContain('The log shows two late visits on 9 November with no alert');
    await officer.check('actions-case-file-rejected');

    // The action is no longer claimed: the domain's rule refuses a verification, on the form.
    await officer.visit(new URL(verifyPath).pathname, 'actions-verify-unclaimed');
    await officer.page.getByLabel('What you checked').fill('Looked at the log');
    const response = officer.page.waitForResponse((r) => r.request().method() === 'POST');
    await officer.press('Verify the action');
    expect((await response).status()).toBe(422);
    expect(await errorSummary(officer)).toMatch(/is in_progress, not claimed complete/);
    expect(await officer.page.getByLabel('What you checked').inputValue()).toBe('Looked at the log');
    await officer.check('actions-verify-rule-error');

    await provider.visit(concernPath, 'actions-case-file-sent-back');
    expect(await rowText(provider, ALERTS)).toContain('Claim sent back');
    expect(await formLinks(provider, ALERTS)).toEqual(['Claim complete', 'Revise due date']);
  });

  it('the provider claims again and the council verifies; a form opened before that is refused as stale (409)', async () => {
    await provider.visit(concernPath, 'actions-case-file-reclaim');
    await followInRow(provider, ALERTS, 'Claim complete');
    await provider.page.getByLabel('What was done').fill('Alert threshold lowered to 10 minutes; no unalerted late visit since 10 November');
    await provider.press('Claim complete');
    expect(await rowText(provider, ALERTS)).toContain('Completion claimed');

    // The provider opens the due-date form now and sends it after the council has acted.
    await followInRow(provider, RECRUIT, 'Revise due date');
    await provider.check('actions-revise-form');

    // The officer verifies by keyboard alone: Tab to the row's link, Enter, type, Tab to the button, Enter.
    await officer.visit(concernPath, 'actions-case-file-reclaimed');
    await activate(officer.page, /^Verify\s*:\s*Call-monitoring alerts/);
    await officer.check('actions-verify-form');
    expect((await tabTo(officer.page, { id: 'note' })).tag).toBe('textarea');
    await officer.page.keyboard.type('Alert log for 10 to 21 November sampled: every late visit alerted');
    await activate(officer.page, 'Verify the action');
    expect(await officer.text()).toContain('Action verified');
    expect(await rowText(officer, ALERTS)).toContain('Verified');
    expect(await formLinks(officer, ALERTS)).toEqual([]);
    await officer.check('actions-case-file-verified');

    await provider.fillDate('dueOn', '2027-01-15');
    await provider.page.getByLabel('Our decision alone').check();
    await provider.page.getByLabel('Reason for the new date').fill('Two starters withdrew; new induction cohort starts in January');
    const response = provider.page.waitForResponse((r) => r.request().method() === 'POST');
    await provider.press('Revise the due date');
    expect((await response).status()).toBe(409);
    expect(await errorSummary(provider)).toContain('Your answers are kept below');
    expect(await provider.page.getByLabel('Reason for the new date').inputValue()).toBe('Two starters withdrew; new induction cohort starts in January');
    await provider.check('actions-revise-stale');
  });

  it("the provider revises another action's due date (a same-date revision refused first) and both parties see the revision", async () => {
    await provider.visit(concernPath, 'actions-case-file-before-revision');
    expect(await rowText(provider, ALERTS)).toContain('Verified');
    expect(await formLinks(provider, ALERTS)).toEqual([]);
    await followInRow(provider, RECRUIT, 'Revise due date');

    await provider.press('Revise the due date');
    const blank = await errorSummary(provider);
    expect(blank).toContain('Enter the new due date');
    expect(blank).toContain('Select whether the council agreed the new date');
    await provider.check('actions-revise-errors');

    await provider.fillDate('dueOn', '2026-12-18');
    await provider.page.getByLabel('Our decision alone').check();
    await provider.page.getByLabel('Reason for the new date').fill('Two starters withdrew; new induction cohort starts in January');
    await provider.press('Revise the due date');
    expect(await errorSummary(provider)).toContain('is already due on 2026-12-18');
    await provider.check('actions-revise-rule-error');

    await provider.fillDate('dueOn', '2027-01-15');
    await provider.press('Revise the due date');
    expect(await provider.text()).toContain('Due date revised');
    const revised = await rowText(provider, RECRUIT);
    expect(revised).toContain('15 January 2027');
    expect(revised).toMatch(/Moved from 18 December 2026 to 15 January 2027 \(unilateral\): Two starters withdrew/);
    await provider.check('actions-case-file-revised');

    await officer.visit(concernPath, 'actions-case-file-revised-officer');
    expect(await rowText(officer, RECRUIT)).toMatch(/Moved from 18 December 2026 to 15 January 2027 \(unilateral\)/);
    expect(await rowText(officer, ALERTS)).toContain('Verified');
  });

  it('the council records a due date agreed with the provider, and may record only agreed ones', async () => {
    await officer.visit(concernPath, 'actions-case-file-before-agreed');
    await followInRow(officer, RECRUIT, 'Record an agreed due date');
    // The council's form offers the one basis the domain lets it record, already chosen.
    expect(await officer.page.getByLabel('Agreed with the provider').isChecked()).toBe(true);
    expect(await officer.page.getByLabel('Our decision alone').count()).toBe(0);
    await officer.fillDate('dueOn', '2027-01-29');
    await officer.page.getByLabel('Reason for the new date').fill('Agreed at the review meeting: induction cohort confirmed');
    await officer.press('Revise the due date');
    expect(await officer.text()).toContain('Due date revised');
    expect(await rowText(officer, RECRUIT)).toMatch(/Moved from 15 January 2027 to 29 January 2027 \(agreed\): Agreed at the review meeting/);
    await officer.check('actions-case-file-agreed');
    await provider.visit(concernPath, 'actions-case-file-agreed-provider');
    expect(await rowText(provider, RECRUIT)).toMatch(/Moved from 15 January 2027 to 29 January 2027 \(agreed\)/);
  });
});
