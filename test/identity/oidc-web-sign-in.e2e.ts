import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { DEMO_IDS } from '@caretrail/demo';
import { seedDemoStory, type TestApp } from '../support/test-app';
import { startTestIssuer, WEB_CLIENT, type TestIssuer, type WebSignIn } from './oidc-issuer';
import { PUBLIC, startOidcPages, type OidcPages } from './oidc-pages';
import { issuerForm, type PlainBrowser, type Page } from './plain-browser';

const CALLBACK = `${PUBLIC}/app/sign-in/callback`;
const ACCOUNTS: WebSignIn['accounts'] = {
  priya: { name: 'Priya Shah', org_id: DEMO_IDS.council, org_kind: 'council', role: 'qa_officer', org_name: 'Northshire County Council' },
  jo: { name: 'Jo Kerr', org_id: DEMO_IDS.otherProvider, org_kind: 'provider', role: 'nominated_individual', org_name: 'Kestrel Homecare' },
  nobody: { name: 'Nobody In Particular' },
};
const concernPage = `${PUBLIC}/app/concerns/${DEMO_IDS.documentationConcern}`;
const isCallback = (url: URL) => url.href.startsWith(CALLBACK);
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

type Browsers = OidcPages['browser'];

/** Presses the pages' Sign in button and goes through the issuer's login and consent; returns its redirect back, not yet followed. */
async function authorize(
  browser: PlainBrowser,
  login: string,
  signInPage = `${PUBLIC}/app/sign-in`,
): Promise<{ authorization: URL; start: Page; callback: string }> {
  const signIn = await browser.request(signInPage);
  const href = /href="(\/app\/sign-in\/start[^"]*)"/.exec(signIn.text)?.[1];
  if (!href) throw new Error(`no Sign in button: ${signIn.text.slice(0, 500)}`);
  const start = await browser.request(`${PUBLIC}${href.replace(/&amp;/g, '&')}`);
  expect(start.status).toBe(303);
  let page = await browser.follow(start.location!, isCallback);
  for (let step = 0; step < 4 && !(page.location && isCallback(new URL(page.location))); step++) {
    const loginForm = issuerForm(page, 'login');
    const consentForm = issuerForm(page, 'consent');
    if (loginForm) page = await browser.follow(loginForm, isCallback, { prompt: 'login', login, password: 'any password' });
    else if (consentForm) page = await browser.follow(consentForm, isCallback, { prompt: 'consent' });
    else throw new Error(`the issuer showed neither its login nor its consent form: ${page.status} ${page.text.slice(0, 500)}`);
  }
  if (!page.location || !isCallback(new URL(page.location)))
    throw new Error(`the issuer did not send the browser back: ${page.status} ${page.text.slice(0, 500)}`);
  return { authorization: new URL(start.location!), start, callback: page.location };
}

/** A sign-in problem is a GOV.UK page with the reason and a way to try again: never a 500, never a stack. */
function expectSignInProblem(page: Page, status: number, message: RegExp): void {
  expect({ status: page.status, problem: message.test(page.text) }).toEqual({ status, problem: true });
  expect(page.text).toContain('govuk-template');
  expect(page.text).toContain('href="/app/sign-in">Try signing in again</a>');
  expect(page.text).not.toMatch(/\bat \S+ \(|\.ts:\d+|Error:/);
}

async function expectSignedOut(browser: PlainBrowser): Promise<void> {
  const dashboard = await browser.request(`${PUBLIC}/app/dashboard`);
  expect(dashboard.status).toBe(303);
  expect(dashboard.location).toMatch(/\/app\/sign-in\?returnTo=/);
}

describe('page sign-in through OpenID Connect: authorization code with PKCE (CARETRAIL_AUTH=oidc)', () => {
  let idp: TestIssuer;
  let t: TestApp;
  let browser: Browsers;

  beforeAll(async () => {
    idp = await startTestIssuer({}, { publicBase: PUBLIC, accounts: ACCOUNTS, claimsIn: 'id_token' });
    ({ t, browser } = await startOidcPages(idp.issuer));
    await seedDemoStory(t);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('signs in as the person the issuer vouched for, with their organisation and role, in an HttpOnly SameSite=Lax session', async () => {
    const b = browser();
    const { authorization, start, callback } = await authorize(b, 'priya');
    const asked = Object.fromEntries(authorization.searchParams);
    expect(asked).toMatchObject({
      response_type: 'code',
      client_id: WEB_CLIENT.id,
      redirect_uri: CALLBACK,
      code_challenge_method: 'S256',
      scope: 'openid profile caretrail',
    });
    expect(asked.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.state.length).toBeGreaterThanOrEqual(32);
    expect(asked.nonce.length).toBeGreaterThanOrEqual(32);
    const transactionCookie = start.setCookies.find((c) => c.startsWith('caretrail-sign-in='));
    expect(transactionCookie).toMatch(/; Path=\/app\/sign-in/);
    expect(transactionCookie).toMatch(/; HttpOnly/);
    expect(transactionCookie).toMatch(/; SameSite=Lax/);
    expect(transactionCookie).not.toContain(asked.code_challenge); // the verifier stays here; only its hash went out

    const back = await b.request(callback);
    expect(back.status).toBe(303);
    expect(back.location).toBe(`${PUBLIC}/app/dashboard`); // a council officer starts at the dashboard
    const session = back.setCookies.find((c) => c.startsWith('caretrail-session='));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/; Secure/); // plain HTTP here; over TLS it is Secure (next test)
    expect(back.setCookies.find((c) => c.startsWith('caretrail-sign-in='))).toMatch(/Expires=Thu, 01 Jan 1970/); // used once

    const dashboard = await b.request(`${PUBLIC}/app/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Signed in as <strong>Priya Shah</strong>, Northshire County Council');
    expect((await b.request(concernPage)).status).toBe(200); // the commissioning council reads its concern

    const jo = browser();
    const joBack = await jo.request((await authorize(jo, 'jo')).callback);
    expect(joBack.location).toBe(`${PUBLIC}/app/providers/${DEMO_IDS.otherProvider}`);
    expect((await jo.request(concernPage)).status).toBe(404); // another provider: signed in, but a stranger to the record (docs/access.md)
    expect((await jo.request(`${PUBLIC}/app/dashboard`)).status).toBe(403); // the dashboard is the councils'
  });

  it('marks its cookies Secure behind a TLS proxy, and returns to the page that asked for sign-in', async () => {
    const b = browser();
    const asked = await b.request(concernPage);
    expect(asked.location).toBe(`${PUBLIC}/app/sign-in?returnTo=${encodeURIComponent(new URL(concernPage).pathname)}`);
    const { start, callback } = await authorize(b, 'priya', asked.location);
    expect(start.setCookies.find((c) => c.startsWith('caretrail-sign-in='))).not.toMatch(/; Secure/);
    const back = await b.request(callback);
    expect(back.location).toBe(concernPage);

    const tls = browser({ 'x-forwarded-proto': 'https' });
    const started = await tls.request(`${PUBLIC}/app/sign-in/start`);
    expect(started.setCookies.find((c) => c.startsWith('caretrail-sign-in='))).toMatch(/; Secure/);
  });

  it('refuses a tampered state, a forged sign-in cookie, and a return it did not start', async () => {
    const b = browser();
    const { callback } = await authorize(b, 'priya');
    const transaction = b.cookie(PUBLIC, 'caretrail-sign-in')!;
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    expectSignInProblem(await b.request(tampered.href), 400, /does not match the one your browser started/);
    await expectSignedOut(b);
    // The transaction was spent on the refusal: even the genuine return is now refused.
    expectSignInProblem(await b.request(callback), 400, /took too long or was started in another browser/);
    await expectSignedOut(b);

    const forger = browser();
    const [, payload] = /^s%3A(.*)\.[^.]+$/.exec(transaction)!;
    const changed = encodeURIComponent(decodeURIComponent(payload).replace(/"state":"[^"]+"/, '"state":"forged-state-forged-state-forged"'));
    forger.setCookie(PUBLIC, 'caretrail-sign-in', `s%3A${changed}.${transaction.split('.').pop()}`, '/app/sign-in');
    const forgedBack = new URL(callback);
    forgedBack.searchParams.set('state', 'forged-state-forged-state-forged');
    expectSignInProblem(await forger.request(forgedBack.href), 400, /took too long or was started in another browser/);
    await expectSignedOut(forger);
  });

  it('refuses a replayed code, a code from another sign-in (PKCE), and a code the issuer never gave', async () => {
    const b = browser();
    const { callback } = await authorize(b, 'priya');
    const transaction = b.cookie(PUBLIC, 'caretrail-sign-in')!;
    expect((await b.request(callback)).status).toBe(303);
    expect((await b.request(`${PUBLIC}/app/dashboard`)).status).toBe(200);

    // Someone who captured both the code and the sign-in cookie: the exchange reaches the issuer, which refuses it.
    const replayer = browser();
    replayer.setCookie(PUBLIC, 'caretrail-sign-in', transaction, '/app/sign-in');
    expectSignInProblem(await replayer.request(callback), 400, /already been used or has expired/);
    await expectSignedOut(replayer);

    // A code obtained by someone else's sign-in, injected into this browser's own: its state is made to
    // match, but the code was bound to the other browser's PKCE challenge, so the exchange is refused.
    const victim = browser();
    const victimStart = await victim.request(`${PUBLIC}/app/sign-in/start`);
    const attacker = browser();
    const stolen = new URL((await authorize(attacker, 'jo')).callback);
    stolen.searchParams.set('state', new URL(victimStart.location!).searchParams.get('state')!);
    expectSignInProblem(await victim.request(stolen.href), 400, /already been used or has expired/);
    await expectSignedOut(victim);

    const guesser = browser();
    const start = await guesser.request(`${PUBLIC}/app/sign-in/start`);
    const state = new URL(start.location!).searchParams.get('state')!;
    const made = new URL(CALLBACK);
    made.search = new URLSearchParams({ code: 'a-code-nobody-issued', state, iss: idp.issuer }).toString();
    expectSignInProblem(await guesser.request(made.href), 400, /already been used or has expired/);
    await expectSignedOut(guesser);
  });

  it('says so when the person refuses at the issuer (access_denied), or has no organisation or role there', async () => {
    const b = browser();
    const start = await b.request(`${PUBLIC}/app/sign-in/start`);
    const login = await b.follow(start.location!, isCallback);
    const abort = /href="([^"]*\/abort)"/.exec(login.text)?.[1];
    expect(abort).toBeDefined();
    const denied = await b.follow(new URL(abort!, login.url).href, isCallback);
    expect(new URL(denied.location!).searchParams.get('error')).toBe('access_denied');
    expectSignInProblem(await b.request(denied.location!), 403, /You did not allow CareTrail to know who you are/);
    await expectSignedOut(b);

    const nobody = browser();
    const back = await nobody.request((await authorize(nobody, 'nobody')).callback);
    expectSignInProblem(back, 403, /does not say which organisation you work for and your role there: it must carry org_id, org_kind \(.*\) and role claims/);
    await expectSignedOut(nobody);
  });

  it('refuses the demo identity chooser', async () => {
    const b = browser();
    const page = await b.request(`${PUBLIC}/app/sign-in`);
    expect(page.text).not.toContain('name="identity"');
    expect(page.text).not.toContain('demo-council-officer');
    // Signed in (so the page carries a CSRF token), choosing a demo identity neither works nor changes who is signed in.
    await b.request((await authorize(b, 'jo')).callback);
    const overview = await b.request(`${PUBLIC}/app/providers/${DEMO_IDS.otherProvider}`);
    const chosen = await b.request(`${PUBLIC}/app/sign-in`, { identity: 'demo-council-officer', _csrf: csrfOf(overview.text) });
    expectSignInProblem(chosen, 403, /Choosing a demonstration identity is switched off/);
    expect((await b.request(`${PUBLIC}/app/dashboard`)).status).toBe(403); // still Jo Kerr, a provider
  });

  it('signs out: the session ends here, then at the issuer, which sends the browser back signed out', async () => {
    const b = browser();
    await b.request((await authorize(b, 'priya')).callback);
    const dashboard = await b.request(`${PUBLIC}/app/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers['content-security-policy']).toContain(`form-action 'self' ${idp.issuer};`); // the sign-out form may lead there

    const out = await b.request(`${PUBLIC}/app/sign-out`, { _csrf: csrfOf(dashboard.text) });
    expect(out.status).toBe(303);
    const endSession = new URL(out.location!);
    expect(endSession.origin).toBe(idp.issuer);
    expect(Object.fromEntries(endSession.searchParams)).toMatchObject({
      client_id: WEB_CLIENT.id,
      post_logout_redirect_uri: `${PUBLIC}/app/sign-in?signedOut=1`,
    });
    await expectSignedOut(b);

    // The issuer asks to confirm; confirming ends its own session and returns to the pages.
    const confirm = await b.request(endSession.href);
    const form = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(confirm.text);
    expect(form).not.toBeNull();
    const fields = Object.fromEntries([...form![2].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const home = await b.follow(new URL(form![1], endSession).href, () => false, { ...fields, logout: 'yes' });
    expect(home.url).toBe(`${PUBLIC}/app/sign-in?signedOut=1`);
    expect(home.text).toContain('You have signed out.');
    await expectSignedOut(b);
    // Signed out at the issuer as well: signing in again asks for the login once more.
    const again = await b.follow((await b.request(`${PUBLIC}/app/sign-in/start`)).location!, isCallback);
    expect(issuerForm(again, 'login')).toBeDefined();
  });
});

describe('page sign-in when the organisation and role are only at userinfo, or the issuer is down', () => {
  it('takes the claims from userinfo (subject checked) when the ID token leaves them out', async () => {
    const idp = await startTestIssuer({}, { publicBase: PUBLIC, accounts: ACCOUNTS, claimsIn: 'userinfo' });
    const { t, browser } = await startOidcPages(idp.issuer);
    try {
      const b = browser();
      const back = await b.request((await authorize(b, 'jo')).callback);
      expect(back.location).toBe(`${PUBLIC}/app/providers/${DEMO_IDS.otherProvider}`);
      const overview = await b.request(back.location!);
      expect(overview.text).toContain('Signed in as <strong>Jo Kerr</strong>, Kestrel Homecare');
    } finally {
      await t.close();
      await idp.close();
    }
  });

  it('shows a page saying the identity provider cannot be reached, never a 500', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { t, browser } = await startOidcPages(`http://127.0.0.1:${port}`);
    try {
      const b = browser();
      expectSignInProblem(await b.request(`${PUBLIC}/app/sign-in/start`), 503, /cannot be reached at the moment/);
      // The sign-in page itself does not depend on the issuer.
      expect((await b.request(`${PUBLIC}/app/sign-in`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
