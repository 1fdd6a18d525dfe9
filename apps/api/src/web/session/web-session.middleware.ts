import type { NextFunction, Response } from 'express';
import { newSession, parseSession, SESSION_COOKIE, writeSession, type WebRequest } from './web-session';

/** Loads the signed session cookie (after cookie-parser); a visitor without one gets an anonymous session. */
export function webSessionMiddleware(req: WebRequest, res: Response, next: NextFunction): void {
  const session = parseSession((req.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE]);
  if (session) req.webSession = session;
  else writeSession(req, res, newSession());
  next();
}
