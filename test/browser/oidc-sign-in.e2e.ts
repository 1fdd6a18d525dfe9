import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { startTestIssuer, type TestIssuer } from '../identity/oidc-issuer';
import { PUBLIC, startOidcPages, type OidcPages } from '../identity/oidc-pages';
import { seedDemoStory } from '../support/test-app';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';

const { available } = chromiumAvailability();

/** The issuer's own (development) pages are not ours to check: their failed font loads are dropped, nothing else. */
function forgetIssuerPageErrors(visitor: Visitor, issuer: string): void {
  const ours = visitor.scriptErrors.filter((e) => !e.startsWith(`${issuer}/`));
  visitor.scriptErrors.splice(0, visitor.scriptErrors.length, ...ours);
}
const describeInBrowser = available ? describe : describe.skip;

/**
 * The pages with CARETRAIL_AUTH=oidc in Chromium, against a real OpenID provider in this process: the
 * browser, not the test, carries the cookies across the two sites, and enforces the pages' CSP.
 */
describeInBrowser('sign-in through the OpenID provider, in the browser', () => {
  jest.setTimeout(120_000);
  let idp: TestIssuer;
  let pages: OidcPages;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startTestIssuer(
      {},
      {
        publicBase: PUBLIC,
        accounts: { priya: { name: 'Priya Shah', org_id: DEMO_IDS.council, org_kind: 'council', role: 'qa_officer', org_name: 'Northshire County Council' } },
        claimsIn: 'id_token',
      },
    );
    pages = await startOidcPages(idp.issuer);
    await seedDemoStory(pages.t);
    // The pages' public name resolves to where the app listens, as DNS would in a deployment, and counts
    // as a secure origin, as HTTPS would make it (else Chromium complains of the pages' COOP header).
    // No other name resolves: the issuer's development pages ask for web fonts on the internet.
    browser = await launchChromium([
      `--host-resolver-rules=MAP caretrail.test 127.0.0.1:${pages.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
      `--unsafely-treat-insecure-origin-as-secure=${PUBLIC}`,
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.t.close();
    await idp?.close();
  });

  it('a council officer signs in at the issuer, lands on the dashboard, and signs out of both', async () => {
    const officer = await Visitor.open(browser, PUBLIC, 'oidc-officer');
    const { page } = officer;
    await officer.visit('/app/dashboard', 'oidc-sign-in');
    expect(page.url()).toBe(`${PUBLIC}/app/sign-in?returnTo=%2Fapp%2Fdashboard`);
    expect(await page.getByRole('radio').count()).toBe(0); // no demo identities to choose

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill('priya');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click(); // consent
    await page.waitForURL(`${PUBLIC}/app/dashboard`);
    forgetIssuerPageErrors(officer, idp.issuer);
    await officer.check('oidc-dashboard');
    expect(await page.locator('.app-identity-bar').innerText()).toContain('Signed in as Priya Shah, Northshire County Council');
    const session = (await page.context().cookies(PUBLIC)).find((c) => c.name === 'caretrail-session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    expect((await page.context().cookies(`${PUBLIC}/app/sign-in`)).map((c) => c.name)).not.toContain('caretrail-sign-in'); // spent

    // The sign-out form leads on to the issuer (its origin is in the pages' form-action), which asks to confirm.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${PUBLIC}/app/sign-in?signedOut=1`);
    forgetIssuerPageErrors(officer, idp.issuer);
    await officer.check('oidc-signed-out');
    expect(await officer.text()).toContain('You have signed out.');
    await page.goto(`${PUBLIC}/app/dashboard`);
    expect(page.url()).toContain('/app/sign-in?returnTo=');
    await officer.close();
  });
});
