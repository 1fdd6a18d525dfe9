import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';
import { AUDIENCE, WEB_CLIENT } from './oidc-issuer';
import { PlainBrowser } from './plain-browser';

/** The pages' public address; a test's browser resolves it to wherever the app listens. */
export const PUBLIC = 'http://caretrail.test';

export interface OidcPages {
  t: TestApp;
  /** The port the app really listens on (127.0.0.1). */
  port: number;
  /** A fresh browser without JavaScript, with its own cookies. */
  browser(headers?: Record<string, string>): PlainBrowser;
}

/** The real application with CARETRAIL_AUTH=oidc, its pages' client registered at `issuer`, on a real port. */
export async function startOidcPages(issuer: string, env: Record<string, string> = {}): Promise<OidcPages> {
  const t = await startTestApp('sqlite', {
    CARETRAIL_AUTH: 'oidc',
    CARETRAIL_OIDC_ISSUER: issuer,
    CARETRAIL_OIDC_AUDIENCE: AUDIENCE,
    CARETRAIL_OIDC_CLIENT_ID: WEB_CLIENT.id,
    CARETRAIL_OIDC_CLIENT_SECRET: WEB_CLIENT.secret,
    CARETRAIL_OIDC_REDIRECT_URL: PUBLIC,
    CARETRAIL_OIDC_SCOPE: 'openid profile caretrail',
    ...env,
  });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, port, browser: (headers) => new PlainBrowser({ [PUBLIC]: `http://127.0.0.1:${port}` }, headers) };
}
