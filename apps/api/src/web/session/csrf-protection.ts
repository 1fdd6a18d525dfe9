import { doubleCsrf } from 'csrf-csrf';
import type { Response } from 'express';
import { isTls, type WebRequest } from './web-session';

export const CSRF_FIELD = '_csrf';

/**
 * Double-submit CSRF tokens (csrf-csrf): an HMAC over the session id sits in an HttpOnly cookie and in
 * every form; a POST must carry both, matching, for the current session.
 */
export function createCsrfProtection(secret: string) {
  const csrf = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => (req as WebRequest).webSession?.sid ?? '',
    cookieName: 'caretrail-csrf',
    cookieOptions: { sameSite: 'strict', httpOnly: true, secure: false, path: '/' },
    getCsrfTokenFromRequest: (req) => String((req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? ''),
  });
  return {
    tokenFor: (req: WebRequest, res: Response): string => csrf.generateCsrfToken(req, res, { cookieOptions: { secure: isTls(req) } }),
    isValid: (req: WebRequest): boolean => csrf.validateRequest(req),
  };
}

export type CsrfProtection = ReturnType<typeof createCsrfProtection>;
export const CSRF_PROTECTION = Symbol('CSRF_PROTECTION');
