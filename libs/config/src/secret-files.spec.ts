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
  it('refuses production without OIDC, and says why', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...secret })).toThrow(/NODE_ENV=production needs real sign-in: set CARETRAIL_AUTH=oidc/);
    expect(() => loadConfig({ NODE_ENV: 'production', CARETRAIL_AUTH: 'oidc', ...secret })).toThrow(/CARETRAIL_OIDC_ISSUER must be set/);
    const ok = loadConfig({ NODE_ENV: 'production', CARETRAIL_AUTH: 'oidc', CARETRAIL_OIDC_ISSUER: 'https://id.example', CARETRAIL_OIDC_AUDIENCE: 'caretrail', ...secret });
    expect(ok.CARETRAIL_AUTH).toBe('oidc');
    expect(() => loadConfig({ CARETRAIL_AUTH: 'bogus' })).toThrow(/CARETRAIL_AUTH/);
  });
});
