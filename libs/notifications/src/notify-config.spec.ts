import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { senderBanner } from './email-sender.factory';
import { classifyNotifyError } from './email-sender';
import { ConfigError, loadNotifyConfig, templateFor } from '@caretrail/config';

const KEY = 'caretrail_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

describe('GOV.UK Notify configuration', () => {
  it('without a key, sends to the log and says so at start', () => {
    const config = loadNotifyConfig({});
    expect(config.apiKey).toBeNull();
    expect(senderBanner(config)).toBe('E-mail: no CARETRAIL_NOTIFY_API_KEY, so notifications are written to the log and no e-mail is sent');
  });

  it('reads the key from a file, and a template per kind with a default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-notify-config-'));
    try {
      writeFileSync(join(dir, 'key'), `${KEY}\n`);
      const config = loadNotifyConfig({
        CARETRAIL_NOTIFY_API_KEY_FILE: join(dir, 'key'),
        CARETRAIL_NOTIFY_TEMPLATE_PLAN_RETURNED: TEMPLATE,
        CARETRAIL_NOTIFY_TEMPLATE_DEFAULT: KEY.slice(-36),
      });
      expect(config.apiKey).toBe(KEY);
      expect(templateFor(config, 'plan-returned')).toBe(TEMPLATE);
      expect(templateFor(config, 'escalation')).toBe(KEY.slice(-36));
      expect(senderBanner(config)).toBe('E-mail: GOV.UK Notify; 1 template ids set, and a default');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a key that is not a Notify key without echoing it, both key and file, a bad template id, and a lease not longer than a call', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        loadNotifyConfig(env);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    const badKey = attempt({ CARETRAIL_NOTIFY_API_KEY: 'secret-but-wrong' });
    expect(badKey).toContain('CARETRAIL_NOTIFY_API_KEY: not a GOV.UK Notify API key');
    expect(badKey).not.toContain('secret-but-wrong');
    expect(attempt({ CARETRAIL_NOTIFY_API_KEY: KEY, CARETRAIL_NOTIFY_API_KEY_FILE: '/nowhere' })).toContain('not both');
    expect(attempt({ CARETRAIL_NOTIFY_TEMPLATE_ESCALATION: 'welcome' })).toContain(
      'CARETRAIL_NOTIFY_TEMPLATE_ESCALATION="welcome": must be a Notify template id',
    );
    expect(attempt({ CARETRAIL_NOTIFY_LEASE_MS: '1000', CARETRAIL_NOTIFY_TIMEOUT_MS: '1000' })).toContain(
      'CARETRAIL_NOTIFY_LEASE_MS must be longer than CARETRAIL_NOTIFY_TIMEOUT_MS',
    );
    expect(attempt({ CARETRAIL_NOTIFY_POLL_MS: 'often' })).toContain('CARETRAIL_NOTIFY_POLL_MS="often": must be a whole number');
  });
});

describe("Notify's answers", () => {
  const answer = (status: number, error = 'BadRequestError', message = 'Something') => ({ response: { status, data: { errors: [{ error, message }] } } });

  it('gives up on 400 and 403, retries 429, 5xx and a network failure', () => {
    expect(classifyNotifyError(answer(400, 'ValidationError', 'email_address Not a valid email address'))).toMatchObject({
      permanent: true,
      message: 'GOV.UK Notify answered 400 (ValidationError: email_address Not a valid email address)',
    });
    expect(classifyNotifyError(answer(403, 'AuthError'))).toMatchObject({ permanent: true });
    expect(classifyNotifyError(answer(429, 'RateLimitError'))).toMatchObject({ permanent: false });
    expect(classifyNotifyError(answer(500, 'Exception'))).toMatchObject({ permanent: false });
    expect(classifyNotifyError(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({
      permanent: false,
      message: 'GOV.UK Notify could not be reached: connect ECONNREFUSED 127.0.0.1:1',
    });
  });
});
