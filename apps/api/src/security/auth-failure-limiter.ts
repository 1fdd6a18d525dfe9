import { Global, Injectable, Module } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerException, ThrottlerStorage } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppConfig } from '@caretrail/config';
import { clientAddressKey } from './identity-throttler.guard';

const NAME = 'auth-failures';

/**
 * Failed authentication counted per client address: a missing, unknown, forged or expired bearer token,
 * and a page sign-in that failed. Past CARETRAIL_AUTH_FAILURE_LIMIT in CARETRAIL_AUTH_FAILURE_WINDOW_MS
 * the address's further failures are answered 429 with Retry-After instead of 401, until the window
 * passes. Only failures are counted and refused: a valid token or session from the same address (a
 * council office behind one address) is served as usual, so one broken client cannot lock its
 * colleagues out. Kept in the throttler's storage, beside the per-person limits.
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly config: AppConfig,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
  ) {}

  /** Counts one failure; throws 429 (setting Retry-After on `res`) once the address is over its limit. */
  async failed(req: Record<string, unknown>, res: Pick<Response, 'setHeader'> | undefined): Promise<void> {
    const window = this.config.CARETRAIL_AUTH_FAILURE_WINDOW_MS;
    const limit = this.config.CARETRAIL_AUTH_FAILURE_LIMIT;
    const record = await this.storage.increment(`${NAME}:${clientAddressKey(req)}`, window, limit, window, NAME);
    if (!record.isBlocked) return;
    const wait = Math.max(1, record.timeToBlockExpire);
    res?.setHeader('Retry-After', String(wait));
    throw new ThrottlerException(
      `Too many failed sign-in attempts from your address: more than ${limit} in ${Math.round(window / 1000)} seconds. Wait ${wait} seconds and try again.`,
    );
  }
}

/** The limiter for the API's bearer guard and the pages' sign-in alike (one count per address). */
@Global()
@Module({ providers: [AuthFailureLimiter], exports: [AuthFailureLimiter] })
export class SecurityModule {}
