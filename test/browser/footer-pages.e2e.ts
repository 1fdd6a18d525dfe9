import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

/**
 * The GOV.UK footer on every page links to the accessibility statement, the privacy notice and the
 * cookies page (issue 13); each opens signed out and signed in, passes axe, and says what it must.
 */
describeInBrowser('the footer pages', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let visitor: Visitor;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    visitor = await Visitor.open(browser, web.baseUrl, 'footer');
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const footerLinks = () => visitor.page.locator('footer a').evaluateAll((links) => links.map((a) => `${a.textContent?.trim()} ${a.getAttribute('href')}`));

  it('are linked from the footer signed out, and open with what each must say', async () => {
    await visitor.visit('/app/sign-in', 'footer-sign-in');
    expect(await footerLinks()).toEqual(
      expect.arrayContaining(['Accessibility statement /app/accessibility', 'Privacy notice /app/privacy', 'Cookies /app/cookies']),
    );

    await visitor.follow('Accessibility statement');
    await visitor.check('footer-accessibility');
    const statement = await visitor.text();
    expect(statement).toContain('Accessibility statement for CareTrail');
    expect(statement).toContain('320 pixels');
    expect(statement).toContain('Enforcement procedure');
    expect(statement).toContain('Web Content Accessibility Guidelines version 2.2 AA');

    await visitor.follow('Privacy notice');
    await visitor.check('footer-privacy');
    const privacy = await visitor.text();
    for (const said of [
      'names of registered managers',
      'Contact e-mail addresses',
      'GOV.UK Notify',
      'read audit',
      'public task',
      'How long it is kept',
      'erased by encrypting them',
      'never holds personal data about the people who use care services',
    ]) {
      expect({ said, shown: privacy.includes(said) }).toEqual({ said, shown: true });
    }

    await visitor.follow('Cookies');
    await visitor.check('footer-cookies');
    const cookies = await visitor.text();
    expect(cookies).toContain('strictly necessary');
    expect(cookies).toContain('caretrail-session');
    expect(cookies).toContain('no analytics');
    // The cookies the browser holds are only those the page lists.
    const held = (await visitor.page.context().cookies()).map((c) => c.name);
    expect(held.filter((name) => !cookies.includes(name))).toEqual([]);
  });

  it('are linked from the footer of a signed-in page too', async () => {
    await visitor.signIn('Sam Okafor');
    expect(await footerLinks()).toEqual(
      expect.arrayContaining(['Accessibility statement /app/accessibility', 'Privacy notice /app/privacy', 'Cookies /app/cookies']),
    );
    await visitor.visit('/app/privacy', 'footer-privacy-signed-in');
    expect(await visitor.text()).toContain('Privacy notice');
  });
});
