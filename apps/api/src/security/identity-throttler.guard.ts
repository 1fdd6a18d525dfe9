import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../identity/bearer-auth.guard';

/**
 * Rate limits per person: keyed by the signed-in user (after the bearer guard) or page session, else by address, so
 * one busy office behind one address does not starve another person. 429 carries Retry-After.
 */
@Injectable()
export class IdentityThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const identity = (req as unknown as AuthenticatedRequest).identity;
    if (identity) return `user:${identity.organisationId}:${identity.userId}`;
    // Pages: the signed session (the page guard, which names the person, runs after this one).
    // A demo session names its token, a session from the OIDC sign-in its identity.
    const session = (req as { webSession?: { sid?: string; token?: string | null; identity?: unknown } }).webSession;
    if ((session?.token || session?.identity) && session.sid) return `session:${session.sid}`;
    return `ip:${String(req.ip ?? 'unknown')}`;
  }
}
