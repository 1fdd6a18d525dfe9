import type { Response } from 'express';
import { isTls, type WebRequest } from './web-session';

/**
 * What binds an OpenID sign-in's return to the browser that started it: state, nonce and the PKCE
 * verifier, in a short-lived signed cookie that only the sign-in routes receive. SameSite=Lax, as the
 * issuer's redirect back is a top-level navigation from another site.
 */
export interface SignInTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after sign-in (a path inside the pages), or null for the person's start page. */
  returnTo: string | null;
  startedAt: number;
}

export const SIGN_IN_COOKIE = 'caretrail-sign-in';
/** Long enough to type a password and pass a second factor; short enough that a stolen cookie soon dies. */
export const SIGN_IN_MAX_AGE_MS = 10 * 60 * 1000;
const COOKIE_PATH = '/app/sign-in';

export function writeSignInTransaction(req: WebRequest, res: Response, transaction: SignInTransaction): void {
  res.cookie(SIGN_IN_COOKIE, JSON.stringify(transaction), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: isTls(req),
    path: COOKIE_PATH,
    maxAge: SIGN_IN_MAX_AGE_MS,
  });
}

/** Each transaction is used once, whatever its outcome. */
export function clearSignInTransaction(req: WebRequest, res: Response): void {
  res.clearCookie(SIGN_IN_COOKIE, { httpOnly: true, sameSite: 'lax', secure: isTls(req), path: COOKIE_PATH });
}

/** The transaction this browser started, or null when missing, tampered with (bad signature) or too old. */
export function readSignInTransaction(req: WebRequest, now = Date.now()): SignInTransaction | null {
  const raw = (req.signedCookies as Record<string, unknown> | undefined)?.[SIGN_IN_COOKIE];
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as Partial<SignInTransaction>;
    const texts = [value.state, value.nonce, value.codeVerifier];
    if (!texts.every((t) => typeof t === 'string' && t.length > 0) || typeof value.startedAt !== 'number') return null;
    if (value.returnTo !== null && typeof value.returnTo !== 'string') return null;
    if (now - value.startedAt > SIGN_IN_MAX_AGE_MS || value.startedAt > now + 60_000) return null;
    return { state: value.state!, nonce: value.nonce!, codeVerifier: value.codeVerifier!, returnTo: value.returnTo, startedAt: value.startedAt };
  } catch {
    return null;
  }
}
