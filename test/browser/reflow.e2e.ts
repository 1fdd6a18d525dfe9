import { DEMO_IDS } from '@caretrail/demo';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const CONCERN = `/app/concerns/${DEMO_IDS.documentationConcern}`;
const SERVICE = `/app/services/${DEMO_IDS.mapleCourt}`;
const PROVIDER = `/app/providers/${DEMO_IDS.provider}`;
const CONTRACT = `/app/contracts/${DEMO_IDS.contract}`;

/** Each party (by its name on the demo sign-in page) and the main pages it works in. */
const PARTIES: { name: string; pages: string[] }[] = [
  {
    name: 'Priya Shah',
    pages: ['/app/dashboard', '/app/todo', CONCERN, `${CONCERN}/timeline`, SERVICE, PROVIDER, CONTRACT, '/app/report', `${CONCERN}/escalate`],
  },
  { name: 'Helen Ward', pages: [PROVIDER, '/app/todo', CONCERN, `${CONCERN}/timeline`, SERVICE, CONTRACT, `${CONCERN}/update`] },
  { name: 'Alex Morgan', pages: ['/app/providers', PROVIDER, CONCERN, `${CONCERN}/timeline`, SERVICE, `${SERVICE}/rating`] },
  { name: 'Ruth Adeyemi', pages: ['/app/providers', PROVIDER, CONCERN, `${CONCERN}/timeline`, SERVICE] },
  { name: 'CareTrail administrator', pages: ['/app/providers', PROVIDER, CONCERN, SERVICE, '/app/organisations/new'] },
];
const SIGNED_OUT = ['/app/sign-in', '/app/accessibility', '/app/privacy', '/app/cookies'];

/**
 * WCAG 2.2 reflow (1.4.10): at 320 CSS pixels wide (and 390) no page scrolls sideways. A wide table
 * scrolls inside its own labelled, focusable region; long words and ids wrap. axe does not check this.
 * What overflows is named (the widest elements poking out of the viewport) so a failure says where.
 */
describeInBrowser('reflow at 320 and 390 CSS pixels', () => {
  jest.setTimeout(600_000);
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  /**
   * The page's scroll width, and the elements that stick out past the viewport (outside a scrolling
   * region). Run in the page (a string: the tests' TypeScript has no DOM types).
   */
  const overflowOf = (page: Page, width: number): Promise<{ scrollWidth: number; culprits: string[] }> =>
    page.evaluate(`(() => {
      const w = ${width};
      const scrolls = (el) => {
        for (let e = el; e; e = e.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e !== document.scrollingElement) return true;
        return false;
      };
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > w + 1 && !scrolls(el.parentElement))
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '') + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)');
      return { scrollWidth: document.scrollingElement.scrollWidth, culprits };
    })()`);

  /** A scrolling region must be reachable by keyboard and named, so its hidden part can be read. */
  const unlabelledScrollers = (page: Page): Promise<string[]> =>
    page.evaluate(`[...document.querySelectorAll('main *')]
      .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth)
      .filter((el) => el.getAttribute('tabindex') !== '0' || !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => String(el.className))`);

  for (const width of [320, 390]) {
    it.each([{ name: 'signed out', pages: SIGNED_OUT }, ...PARTIES])(`at ${width} px: $name`, async ({ name, pages }) => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      try {
        if (name !== 'signed out') {
          await page.goto(`${web.baseUrl}/app/sign-in`);
          await page.getByRole('radio', { name: new RegExp(`${name},`) }).check();
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.waitForLoadState();
        }
        const wrong: string[] = [];
        for (const path of pages) {
          const res = await page.goto(`${web.baseUrl}${path}`);
          if (res?.status() !== 200) {
            wrong.push(`${path}: status ${res?.status()}`);
            continue;
          }
          const { scrollWidth, culprits } = await overflowOf(page, width);
          if (scrollWidth > width) wrong.push(`${path}: ${scrollWidth}px wide (${culprits.join(', ')})`);
          const unlabelled = await unlabelledScrollers(page);
          if (unlabelled.length > 0) wrong.push(`${path}: scrolling regions without tabindex and a label: ${unlabelled.join(', ')}`);
          // What matters is still there: the page's heading is on screen, inside the viewport.
          const h1 = await page.locator('h1').first().boundingBox();
          if (!h1 || h1.x < 0 || h1.x + h1.width > width + 1) wrong.push(`${path}: the heading is not within the ${width}px viewport`);
        }
        expect({ name, width, wrong }).toEqual({ name, width, wrong: [] });
      } finally {
        await context.close();
      }
    });
  }
});
