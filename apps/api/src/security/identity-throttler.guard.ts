import { createHash } from 'node:crypto';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { normalizeIp, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { demoIdentityByToken } from '@caretrail/demo';
import type { AuthenticatedRequest } from '../identity/bearer-auth.guard';
import type { WebSession } from '../web/session/web-session';

/** Who a request counts against: a person (whichever way they signed in), else the client address. */
export function requestTracker(req: Record<string, unknown>): string {
  const identity = (req as unknown as AuthenticatedRequest).identity;
  if (identity) return personKey(identity);
  // Pages: the session (the web session middleware has checked it is live; the page guard, which names
  // the person, runs after this one). An OpenID session carries its identity, a demo session its token.
  const session = (req as { webSession?: WebSession }).webSession;
  if (session?.identity) return personKey(session.identity);
  const demo = session?.token ? demoIdentityByToken(session.token) : undefined;
  if (demo) return personKey(demo);
  return clientAddressKey(req);
}

const personKey = (who: { organisationId: string; userId: string }) => `user:${who.organisationId}:${who.userId}`;

/** The client's address (IPv6 by its /64, as one machine usually holds a whole /64). */
export const clientAddressKey = (req: Record<string, unknown>): string => `ip:${normalizeIp(String(req.ip ?? 'unknown'))}`;

/**
 * Rate limits per person across every route: one budget per signed-in person (API and pages alike),
 * or, signed out, per client address, so one busy office behind one address does not starve another
 * person, and moving to another route buys no more. 429 carries Retry-After.
 */
@Injectable()
export class IdentityThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return requestTracker(req);
  }

  /** The key leaves out the route (the library's default names controller and handler): one count per person. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return createHash('sha256').update(`${throttlerName}:${tracker}`).digest('hex');
  }

  protected override async getErrorMessage(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<string> {
    return `Too many requests: more than ${detail.limit} in ${Math.round(detail.ttl / 1000)} seconds. Wait ${Math.max(1, detail.timeToBlockExpire)} seconds and try again.`;
  }
}
