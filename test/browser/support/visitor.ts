import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe';

export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

/**
 * One person at a browser: their own cookies, a page, and a check run on every page they reach:
 * a successful status, no axe-core violation (WCAG 2.2 AA), and a screenshot kept as an artifact.
 */
export class Visitor {
  /** Script errors and console errors (a refused script, say) on any page. */
  readonly scriptErrors: string[] = [];

  private constructor(
    readonly name: string,
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, name: string): Promise<Visitor> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000); // generous: shared, busy machines
    const visitor = new Visitor(name, context, page, baseUrl);
    page.on('pageerror', (error) => visitor.scriptErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') visitor.scriptErrors.push(`${page.url()}: ${message.text()}`);
    });
    return visitor;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Opens a path and checks the page. */
  async visit(path: string, shot: string, expectedStatus = 200): Promise<void> {
    const response = await this.page.goto(`${this.baseUrl}${path}`);
    expect(response?.status()).toBe(expectedStatus);
    await this.check(shot);
  }

  /** Checks the page the browser is on now (after a link or a form). */
  async check(shot: string): Promise<void> {
    const violations = await axeViolations(this.page);
    expect({ page: this.page.url(), violations }).toEqual({ page: this.page.url(), violations: [] });
    // A form answered 400 or a page 403 is logged by the browser as a failed load: the status is checked elsewhere.
    expect(this.scriptErrors.filter((e) => !/Failed to load resource: the server responded with a status of 4/.test(e))).toEqual([]);
    await this.page.screenshot({ path: join(SCREENSHOTS, `${shot}.png`), fullPage: true });
  }

  async signIn(displayName: string): Promise<void> {
    await this.visit('/app/sign-in', `sign-in-${this.name}`);
    await this.page.getByRole('radio', { name: new RegExp(`${displayName},`) }).check();
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForLoadState();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL(/sign-in\?signedOut=1/);
  }

  /** Types a date into a GOV.UK date input whose boxes are `<id>-day`, `-month`, `-year`. */
  async fillDate(id: string, date: string): Promise<void> {
    const [year, month, day] = date.split('-');
    await this.page.locator(`[id="${id}-day"]`).fill(String(Number(day)));
    await this.page.locator(`[id="${id}-month"]`).fill(String(Number(month)));
    await this.page.locator(`[id="${id}-year"]`).fill(year);
  }

  async press(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await this.page.waitForLoadState();
  }

  async follow(link: string): Promise<void> {
    await this.page.getByRole('link', { name: link, exact: true }).first().click();
    await this.page.waitForLoadState();
  }

  text(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  /** The kinds of the timeline entries shown, newest first. */
  timelineKinds(): Promise<string[]> {
    return this.page.locator('.moj-timeline__item').evaluateAll((items) => items.map((i) => (i as unknown as { dataset: { kind: string } }).dataset.kind));
  }

  /** Reloads until the read models show what a page is waiting for (they follow the store within moments). */
  async reloadUntil(path: string, ready: (text: string) => boolean, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.page.goto(`${this.baseUrl}${path}`);
      if (ready(await this.text())) return;
      if (Date.now() > until) throw new Error(`${path} never showed what was expected:\n${await this.text()}`);
      await this.page.waitForTimeout(200);
    }
  }
}
