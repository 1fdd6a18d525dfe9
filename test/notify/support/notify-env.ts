import { randomUUID } from 'node:crypto';
import type { FakeNotify } from './fake-notify';

export const DEFAULT_TEMPLATE = randomUUID();
export const PLAN_SUBMITTED_TEMPLATE = randomUUID();
export const PUBLIC_URL = 'https://caretrail.test.example';

const NOTIFY_VARIABLES = [
  'CARETRAIL_NOTIFY_API_KEY',
  'CARETRAIL_NOTIFY_BASE_URL',
  'CARETRAIL_NOTIFY_TEMPLATE_DEFAULT',
  'CARETRAIL_NOTIFY_TEMPLATE_PLAN_SUBMITTED',
  'CARETRAIL_PUBLIC_URL',
  'CARETRAIL_NOTIFY_POLL_MS',
  'CARETRAIL_NOTIFY_RETRY_MS',
  'CARETRAIL_NOTIFY_RETRY_MAX_MS',
  'CARETRAIL_NOTIFY_LEASE_MS',
  'CARETRAIL_NOTIFY_TIMEOUT_MS',
];

/** The Notify settings a test's app reads (from the environment, as in production): pointed at the fake. */
export function notifyEnv(notify: FakeNotify | null, apiKey: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(apiKey && notify ? { CARETRAIL_NOTIFY_API_KEY: apiKey, CARETRAIL_NOTIFY_BASE_URL: notify.url } : {}),
    CARETRAIL_NOTIFY_TEMPLATE_DEFAULT: DEFAULT_TEMPLATE,
    CARETRAIL_NOTIFY_TEMPLATE_PLAN_SUBMITTED: PLAN_SUBMITTED_TEMPLATE,
    CARETRAIL_PUBLIC_URL: PUBLIC_URL,
    CARETRAIL_NOTIFY_POLL_MS: '25',
    CARETRAIL_NOTIFY_RETRY_MS: '20',
    CARETRAIL_NOTIFY_RETRY_MAX_MS: '200',
    ...extra,
  };
}

/** Sets them in this process's environment (the app reads them when it starts); the old values are put back by the returned function. */
export function useNotifyEnv(env: Record<string, string>): () => void {
  const before = Object.fromEntries(NOTIFY_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of NOTIFY_VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  return () => {
    for (const name of NOTIFY_VARIABLES) {
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
    }
  };
}

/** Waits until `check` answers something truthy; the test's own timeout bounds the wait (no timed assertion). */
export async function until<T>(check: () => T | Promise<T>, pauseMs = 25): Promise<NonNullable<T>> {
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
