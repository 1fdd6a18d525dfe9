import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import * as oidc from 'openid-client';
import type { Identity } from '../../identity/identity';
import { hasIdentityClaims, IdentityClaimsMissing, identityFromClaims } from '../../identity/oidc-claims';
import { SignInFailed } from '../errors/web-errors';
import type { SignInTransaction } from './sign-in-transaction';

export const CALLBACK_PATH = '/app/sign-in/callback';
const SIGNED_OUT_PATH = '/app/sign-in?signedOut=1';
/** Seconds the issuer has to answer any one request before the person is told it cannot be reached. */
const TIMEOUT_S = 5;

const UNREACHABLE = 'The identity provider cannot be reached at the moment. Wait a few minutes and try again.';

/**
 * The pages' sign-in through the OpenID provider (openid-client): authorization code with PKCE (S256),
 * state and nonce; the ID token's signature, issuer, audience (our client id), nonce and expiry are
 * checked, then the identity comes from the same claims the API's bearer tokens carry.
 */
@Injectable()
export class OidcWebSignIn {
  private readonly logger = new Logger('OidcWebSignIn');
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.CARETRAIL_AUTH === 'oidc';
  }

  /** The public address configured (a base, or the full callback URL), without the callback path. */
  private get publicBase(): string {
    return this.config.CARETRAIL_OIDC_REDIRECT_URL!.replace(/\/+$/, '').replace(new RegExp(`${CALLBACK_PATH}$`), '');
  }

  get redirectUri(): string {
    return `${this.publicBase}${CALLBACK_PATH}`;
  }

  /** The only other origin a page's form may lead to (sign-out continues at the issuer). */
  get issuerOrigin(): string | null {
    return this.enabled ? new URL(this.config.CARETRAIL_OIDC_ISSUER!).origin : null;
  }

  /** Where to send the browser, and what to remember (in the sign-in cookie) to check its return. */
  async begin(returnTo: string | null): Promise<{ url: string; transaction: SignInTransaction }> {
    const configuration = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const transaction: SignInTransaction = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, returnTo, startedAt: Date.now() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.CARETRAIL_OIDC_SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /** The issuer's answer (the callback's query string) checked against the transaction this browser started. */
  async complete(query: string, transaction: SignInTransaction | null): Promise<Identity> {
    const params = new URLSearchParams(query);
    if (!params.has('state') && !params.has('code') && !params.has('error')) {
      throw new SignInFailed(400, 'This address is only for coming back from the identity provider, and this visit did not come from there.');
    }
    // The state first, error answers included: only the issuer this browser was sent to may end its sign-in.
    if (!transaction) {
      throw new SignInFailed(400, 'Your sign-in took too long or was started in another browser, so it cannot be finished.');
    }
    if (params.get('state') !== transaction.state) {
      throw new SignInFailed(400, 'This sign-in does not match the one your browser started (it may have been altered, or started in another tab).');
    }
    const error = params.get('error');
    if (error === 'access_denied') {
      throw new SignInFailed(403, 'You did not allow CareTrail to know who you are at the identity provider, so you are not signed in.');
    }
    if (error || !params.get('code')) {
      const code = error && /^[a-z_]{1,64}$/.test(error) ? ` (${error})` : '';
      throw new SignInFailed(400, `The identity provider did not sign you in${code}.`);
    }
    const configuration = await this.configuration();
    const currentUrl = new URL(this.redirectUri);
    currentUrl.search = params.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
    } catch (cause) {
      throw this.exchangeFailure(cause);
    }
    const fromIdToken: Record<string, unknown> = { ...tokens.claims() };
    const claims = hasIdentityClaims(fromIdToken, this.config)
      ? fromIdToken
      : { ...(await this.userInfo(configuration, tokens.access_token, String(fromIdToken.sub))), ...fromIdToken };
    try {
      return identityFromClaims(claims, this.config);
    } catch (cause) {
      if (cause instanceof IdentityClaimsMissing) {
        throw new SignInFailed(
          403,
          `Your account at the identity provider does not say which organisation you work for and your role there: it ${cause.message}. Ask your administrator to add them.`,
        );
      }
      throw cause;
    }
  }

  /**
   * Where to continue sign-out at the issuer (RP-initiated logout), or null to sign out of CareTrail
   * only: when the issuer has no end_session_endpoint, cannot be reached, or has it on another origin
   * (the pages' Content-Security-Policy lets a form lead only to the issuer's origin).
   */
  async signOutUrl(): Promise<string | null> {
    if (!this.enabled) return null;
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return null;
    }
    const endpoint = configuration.serverMetadata().end_session_endpoint;
    if (!endpoint || new URL(endpoint).origin !== this.issuerOrigin) return null;
    return oidc.buildEndSessionUrl(configuration, { post_logout_redirect_uri: `${this.publicBase}${SIGNED_OUT_PATH}` }).href;
  }

  /** Claims the ID token left out (some issuers put custom claims only in userinfo); its subject must match. */
  private async userInfo(configuration: oidc.Configuration, accessToken: string, subject: string): Promise<Record<string, unknown>> {
    if (!configuration.serverMetadata().userinfo_endpoint) return {};
    try {
      return { ...(await oidc.fetchUserInfo(configuration, accessToken, subject)) };
    } catch (cause) {
      throw this.exchangeFailure(cause);
    }
  }

  private exchangeFailure(cause: unknown): SignInFailed {
    if (isUnreachable(cause)) return new SignInFailed(503, UNREACHABLE, { cause });
    if (cause instanceof oidc.ResponseBodyError && cause.error === 'invalid_grant') {
      return new SignInFailed(400, 'This sign-in has already been used or has expired, so it cannot be finished.', { cause });
    }
    // The issuer refused our client, or its answer failed a check (signature, issuer, audience, nonce, expiry):
    // the operator finds which in the log; the person is told only that it did not work.
    this.logger.warn(`OpenID sign-in refused: ${describe(cause)}`);
    return new SignInFailed(502, "The identity provider's answer could not be accepted, so you are not signed in.", { cause });
  }

  /** Discovery once (retried after a failure); openid-client caches the issuer's keys and follows rotation. */
  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.config.CARETRAIL_OIDC_ISSUER!);
    const secret = this.config.CARETRAIL_OIDC_CLIENT_SECRET!;
    const auth = this.config.CARETRAIL_OIDC_CLIENT_AUTH === 'client_secret_post' ? oidc.ClientSecretPost(secret) : oidc.ClientSecretBasic(secret);
    try {
      const configuration = await oidc.discovery(issuer, this.config.CARETRAIL_OIDC_CLIENT_ID!, undefined, auth, {
        timeout: TIMEOUT_S,
        // Plain HTTP only when the operator configured an http:// issuer (a laptop or a test); production's is https.
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      });
      // Check the ID token's signature against the issuer's keys too, not only the TLS channel it came by.
      oidc.enableNonRepudiationChecks(configuration);
      return configuration;
    } catch (cause) {
      if (isUnreachable(cause)) throw new SignInFailed(503, UNREACHABLE, { cause });
      this.logger.warn(`OpenID discovery at ${issuer.href} failed: ${describe(cause)}`);
      throw new SignInFailed(502, 'The identity provider is not set up as CareTrail expects, so nobody can sign in. Tell your administrator.', { cause });
    }
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
]);

/** A network failure, timeout or 5xx, as opposed to an answer that was wrong (looked for along the causes). */
function isUnreachable(found: unknown, depth = 0): boolean {
  // Duck-typed, not instanceof: fetch's errors may come from another realm than this module's Error.
  if (typeof found !== 'object' || found === null || depth > 5) return false;
  const error = found as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const code = error.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  if ((error.name === 'TypeError' && /fetch failed/i.test(String(error.message))) || error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const status = (error.cause as { status?: number } | undefined)?.status;
    if (status !== undefined && status >= 500) return true;
  }
  return isUnreachable(error.cause, depth + 1);
}

/** Codes and messages only: never tokens, claims or anything personal. */
function describe(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return `${error.error} (HTTP ${error.status})`;
  if (error instanceof Error) return `${error.name}${'code' in error && error.code ? ` ${String(error.code)}` : ''}: ${error.message}`;
  return String(error);
}
