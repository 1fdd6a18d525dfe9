import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

export const AUDIENCE = 'https://api.caretrail.test';
/** The pages' confidential client (authorization code, PKCE required). */
export const WEB_CLIENT = { id: 'caretrail-web', secret: 'secret-caretrail-web' };

/** The pages' registration at the issuer, and the people who can sign in at its login form. */
export interface WebSignIn {
  /** The pages' public address: the redirect URI and the post-logout URI are under it. */
  publicBase: string;
  /** By login name (the login form takes any password), the claims the issuer vouches for. */
  accounts: Record<string, Record<string, unknown>>;
  /** The custom claims in the ID token, or only at userinfo (oidc-provider's default for the code flow). */
  claimsIn?: 'id_token' | 'userinfo';
}

/**
 * A real OpenID provider (oidc-provider) in this process, issuing JWT access tokens to test clients and,
 * given `web`, signing people in for the pages through its own (development) login and consent forms.
 */
export interface TestIssuer {
  issuer: string;
  /** A client-credentials access token for a client whose token carries these claims. */
  token(clientId: string): Promise<string>;
  /** A token signed with the issuer's current key but with claims of our choosing (expired, wrong audience…). */
  forge(claims: Record<string, unknown>, options?: { expiresAt?: number; audience?: string; issuer?: string }): Promise<string>;
  /** Replaces the signing key (new key id); the API must pick it up without a restart. */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestIssuer(clients: Record<string, Record<string, unknown>>, web?: WebSignIn): Promise<TestIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let key: { jwk: JWK; privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] };
  let provider: Provider;
  let generation = 0;

  const build = async () => {
    generation += 1;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    key = { jwk: { ...(await exportJWK(privateKey)), kid: `key-${generation}`, alg: 'ES256', use: 'sig' }, privateKey };
    provider = new Provider(issuer, {
      jwks: { keys: [key.jwk] },
      clients: [
        ...Object.keys(clients).map((id) => ({
          client_id: id,
          client_secret: `secret-${id}`,
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
          id_token_signed_response_alg: 'ES256',
        })),
        ...(web
          ? [
              {
                client_id: WEB_CLIENT.id,
                client_secret: WEB_CLIENT.secret,
                token_endpoint_auth_method: 'client_secret_basic',
                grant_types: ['authorization_code'],
                response_types: ['code'],
                redirect_uris: [`${web.publicBase}/app/sign-in/callback`],
                post_logout_redirect_uris: [`${web.publicBase}/app/sign-in?signedOut=1`],
                id_token_signed_response_alg: 'ES256',
              },
            ]
          : []),
      ],
      cookies: { keys: ['caretrail-test-issuer-cookies'] },
      // PKCE for every authorization request, confidential client or not: a request without it is refused.
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['name'], caretrail: ['org_id', 'org_kind', 'role', 'org_name'] },
      conformIdTokenClaims: web?.claimsIn !== 'id_token',
      findAccount: (_ctx: unknown, sub: string) => {
        const claims = web?.accounts[sub];
        return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
      },
      features: {
        clientCredentials: { enabled: true },
        devInteractions: { enabled: web !== undefined },
        resourceIndicators: {
          enabled: true,
          // The pages' access token is for userinfo only; the API's clients get JWTs for the API.
          defaultResource: (_ctx: unknown, client: { clientId: string }) => (client.clientId === WEB_CLIENT.id ? undefined : AUDIENCE),
          getResourceServerInfo: () => ({ scope: 'api', audience: AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'ES256' } } }),
        },
      },
      extraTokenClaims: (_ctx: unknown, token: unknown) => clients[(token as { clientId: string }).clientId],
    });
  };
  await build();
  server.on('request', (req, res) => provider.callback()(req, res));

  return {
    issuer,
    async token(clientId) {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from(`${clientId}:secret-${clientId}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource: AUDIENCE }),
      });
      const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`token endpoint: ${res.status} ${body.error}: ${body.error_description}`);
      return body.access_token;
    },
    async forge(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: key.jwk.kid, typ: 'at+jwt' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? AUDIENCE)
        .setSubject(String(claims.sub ?? 'forged'))
        .setIssuedAt(now - 600)
        .setExpirationTime(options.expiresAt ?? now + 300)
        .sign(key.privateKey);
    },
    rotate: build,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
