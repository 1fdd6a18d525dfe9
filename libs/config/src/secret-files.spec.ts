import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('secrets from the environment or files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-secrets-'));
  const secret = 's'.repeat(40);

  it('reads CARETRAIL_SESSION_SECRET_FILE (trimmed)', () => {
    writeFileSync(join(dir, 'session'), `${secret}\n`);
    expect(loadConfig({ CARETRAIL_SESSION_SECRET_FILE: join(dir, 'session') }).CARETRAIL_SESSION_SECRET).toBe(secret);
  });

  it('refuses both the variable and its file, an unreadable file, and a short secret', () => {
    writeFileSync(join(dir, 'session'), secret);
    expect(() => loadConfig({ CARETRAIL_SESSION_SECRET: secret, CARETRAIL_SESSION_SECRET_FILE: join(dir, 'session') })).toThrow(/not both/);
    expect(() => loadConfig({ CARETRAIL_SESSION_SECRET_FILE: join(dir, 'missing') })).toThrow(ConfigError);
    expect(() => loadConfig({ CARETRAIL_SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('refuses to start in production without a session secret, and says why', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CARETRAIL_SESSION_SECRET .*must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', CARETRAIL_SESSION_SECRET: secret })).not.toThrow(/SESSION_SECRET/);
  });

  it('takes CORS origins only as a list of origins', () => {
    expect(loadConfig({ CARETRAIL_CORS_ORIGINS: 'https://a.example, https://b.example' }).CARETRAIL_CORS_ORIGINS).toBeDefined();
    expect(() => loadConfig({ CARETRAIL_CORS_ORIGINS: '*' })).toThrow(/CARETRAIL_CORS_ORIGINS/);
  });
});

describe('sign-in configuration', () => {
  const secret = { CARETRAIL_SESSION_SECRET: 's'.repeat(40) };
  const oidc = { CARETRAIL_AUTH: 'oidc', CARETRAIL_OIDC_ISSUER: 'https://id.example', CARETRAIL_OIDC_AUDIENCE: 'caretrail' };
  const pages = {
    CARETRAIL_OIDC_CLIENT_ID: 'caretrail-web',
    CARETRAIL_OIDC_CLIENT_SECRET: 'web-secret',
    CARETRAIL_OIDC_REDIRECT_URL: 'https://caretrail.example.gov.uk',
  };
  it('refuses production without OIDC, and says why', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...secret })).toThrow(/NODE_ENV=production needs real sign-in: set CARETRAIL_AUTH=oidc/);
    expect(() => loadConfig({ NODE_ENV: 'production', CARETRAIL_AUTH: 'oidc', ...secret })).toThrow(/CARETRAIL_OIDC_ISSUER must be set/);
    const ok = loadConfig({
      NODE_ENV: 'production',
      CARETRAIL_AUTH: 'oidc',
      CARETRAIL_OIDC_ISSUER: 'https://id.example',
      CARETRAIL_OIDC_AUDIENCE: 'caretrail',
      ...pages,
      ...secret,
    });
    expect(ok.CARETRAIL_AUTH).toBe('oidc');
    expect(() => loadConfig({ CARETRAIL_AUTH: 'bogus' })).toThrow(/CARETRAIL_AUTH/);
  });

  it("needs the pages' client id, secret and public address with oidc, and names each", () => {
    const error = (() => {
      try {
        loadConfig(oidc);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/CARETRAIL_OIDC_CLIENT_ID must be set when CARETRAIL_AUTH=oidc/);
    expect(error).toMatch(/CARETRAIL_OIDC_CLIENT_SECRET \(or CARETRAIL_OIDC_CLIENT_SECRET_FILE\) must be set/);
    expect(error).toMatch(/CARETRAIL_OIDC_REDIRECT_URL must be set when CARETRAIL_AUTH=oidc to the public address/);
    expect(loadConfig({ ...oidc, ...pages }).CARETRAIL_OIDC_CLIENT_AUTH).toBe('client_secret_basic');
    expect(() => loadConfig({ CARETRAIL_OIDC_REDIRECT_URL: 'not a url' })).not.toThrow(); // demo mode reads none of them
  });

  it('refuses a redirect address with a query, a non-https one in production, a scope without openid, an unknown client auth', () => {
    expect(() => loadConfig({ ...oidc, ...pages, CARETRAIL_OIDC_REDIRECT_URL: 'https://caretrail.example/?next=x' })).toThrow(
      /CARETRAIL_OIDC_REDIRECT_URL must be set/,
    );
    expect(() => loadConfig({ ...oidc, ...pages, ...secret, NODE_ENV: 'production', CARETRAIL_OIDC_REDIRECT_URL: 'http://caretrail.example' })).toThrow(
      /CARETRAIL_OIDC_REDIRECT_URL must be an https:\/\/ address in production/,
    );
    expect(loadConfig({ ...oidc, ...pages, CARETRAIL_OIDC_REDIRECT_URL: 'http://127.0.0.1:3000' }).CARETRAIL_OIDC_REDIRECT_URL).toBe('http://127.0.0.1:3000');
    expect(() => loadConfig({ ...oidc, ...pages, CARETRAIL_OIDC_SCOPE: 'profile email' })).toThrow(/CARETRAIL_OIDC_SCOPE must include openid/);
    expect(() => loadConfig({ ...oidc, ...pages, CARETRAIL_OIDC_CLIENT_AUTH: 'private_key_jwt' })).toThrow(/CARETRAIL_OIDC_CLIENT_AUTH must be/);
  });

  it('reads the client secret from CARETRAIL_OIDC_CLIENT_SECRET_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-secrets-'));
    writeFileSync(join(dir, 'client'), 'from-a-file\n');
    const { CARETRAIL_OIDC_CLIENT_SECRET: _, ...withoutSecret } = pages;
    expect(loadConfig({ ...oidc, ...withoutSecret, CARETRAIL_OIDC_CLIENT_SECRET_FILE: join(dir, 'client') }).CARETRAIL_OIDC_CLIENT_SECRET).toBe('from-a-file');
    expect(() => loadConfig({ ...oidc, ...pages, CARETRAIL_OIDC_CLIENT_SECRET_FILE: join(dir, 'client') })).toThrow(/not both/);
  });
});
