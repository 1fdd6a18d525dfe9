import { createHmac, randomBytes } from 'node:crypto';
import type { AppConfig } from '@caretrail/config';

export interface WebSecrets {
  /** Signs the session cookie. */
  cookie: string;
  /** Keys the CSRF tokens' HMAC. */
  csrf: string;
}

/**
 * CARETRAIL_SESSION_SECRET (or _FILE; validated in AppConfig, required in production) signs sessions.
 * Without it a development or test server makes one up at start (sessions then end on restart).
 */
export function webSecrets(config: Pick<AppConfig, 'CARETRAIL_SESSION_SECRET' | 'NODE_ENV'>): WebSecrets {
  const given = config.CARETRAIL_SESSION_SECRET;
  if (given === undefined && config.NODE_ENV === 'production') throw new Error('CARETRAIL_SESSION_SECRET must be set in production');
  const root = given ?? randomBytes(32).toString('hex');
  const derive = (purpose: string) => createHmac('sha256', root).update(purpose).digest('hex');
  return { cookie: derive('session-cookie'), csrf: derive('csrf') };
}
