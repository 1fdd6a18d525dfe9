import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Identity } from '../../identity/identity';

/**
 * What the signed session cookie holds: an id (rotated at sign-in and sign-out) and who signed in:
 * the chosen demo identity's token (demo), or the identity the OpenID provider vouched for (oidc).
 * A signed-in session is only good while its server-side record is (web-sessions.ts): the cookie
 * says who, the record says whether still.
 */
export interface WebSession {
  sid: string;
  /** The demo identity's token; null before sign-in and for OpenID sign-in. */
  token: string | null;
  /** The person an OpenID provider signed in (CARETRAIL_AUTH=oidc). */
  identity?: Identity;
  issuedAt: number;
}

export type WebRequest = Request & { webSession?: WebSession; webIdentity?: Identity };

export const SESSION_COOKIE = 'caretrail-session';

/**
 * Behind TLS (directly, or at a proxy that says so) cookies are Secure. Trusting the proxy header
 * here can only make a cookie stricter, never weaker.
 */
export const isTls = (req: Request): boolean => req.secure || req.headers['x-forwarded-proto'] === 'https';

export const newSession = (token: string | null = null, identity?: Identity, now = Date.now()): WebSession => ({
  sid: randomBytes(24).toString('base64url'),
  token,
  ...(identity ? { identity } : {}),
  issuedAt: now,
});

/** Whether the session names someone (a signed-in session has a server-side record; see WebSessions). */
export const isSignedIn = (session: WebSession | undefined): boolean => Boolean(session?.token || session?.identity);

const IDENTITY_FIELDS = ['userId', 'displayName', 'organisationId', 'organisationName', 'organisationKind', 'role'] as const;

/** Only the fields an identity has, each a string: a signed cookie is trusted for who, not for its shape. */
function parseIdentity(raw: unknown): Identity | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = raw as Record<string, unknown>;
  if (!IDENTITY_FIELDS.every((f) => typeof value[f] === 'string')) return null;
  return Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, value[f]])) as unknown as Identity;
}

/** The cookie's session, or null when missing, tampered with, malformed or older than `maxAgeMs` (the absolute timeout). */
export function parseSession(raw: unknown, now: number, maxAgeMs: number): WebSession | null {
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as Partial<WebSession>;
    if (typeof value.sid !== 'string' || typeof value.issuedAt !== 'number') return null;
    if (value.token !== null && typeof value.token !== 'string') return null;
    if (now - value.issuedAt > maxAgeMs) return null;
    if (value.identity === undefined) return { sid: value.sid, token: value.token, issuedAt: value.issuedAt };
    const identity = parseIdentity(value.identity);
    return identity ? { sid: value.sid, token: value.token, identity, issuedAt: value.issuedAt } : null;
  } catch {
    return null;
  }
}

/** Writes the session: signed (cookie-parser's secret), HttpOnly, SameSite=Lax, Secure behind TLS, kept no longer than `maxAgeMs`. */
export function writeSession(req: WebRequest, res: Response, session: WebSession, maxAgeMs: number): void {
  req.webSession = session;
  res.cookie(SESSION_COOKIE, JSON.stringify(session), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: isTls(req),
    path: '/',
    maxAge: maxAgeMs,
  });
}

/** After sign-in, only a path inside the pages may be returned to, never another site. */
export const safeReturn = (value: unknown): string | null => (typeof value === 'string' && /^\/app(\/|$|\?)/.test(value) ? value : null);
