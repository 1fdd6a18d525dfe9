import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@caretrail/config';
import { rejectUnsafeText } from './unsafe-text.middleware';

/**
 * Security headers, CORS and body limits, before any route. Pages replace the Content-Security-Policy
 * with their own (with this response's nonce); everything else (JSON, CSV, bundles) gets a CSP that
 * allows nothing, as none of it is meant to run in a browser.
 */
export function applyHttpHardening(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"] } },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    }),
  );
  // The API docs page runs Swagger UI's own scripts and styles: it alone gets a CSP that lets them.
  app.use('/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    next();
  });
  const origins = config.CARETRAIL_CORS_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [];
  // Closed unless configured: without CORS headers a browser refuses every cross-origin call.
  if (origins.length > 0) {
    app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'], exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'ETag'], maxAge: 600 });
  }
  const limit = `${config.CARETRAIL_BODY_LIMIT_KB}kb`;
  app.useBodyParser('json', { limit });
  app.useBodyParser('urlencoded', { limit, extended: true, parameterLimit: 1000 });
  app.use(bodyErrorHandler(config.CARETRAIL_BODY_LIMIT_KB));
  app.use(rejectUnsafeText);
}

/** Body-parser failures answered like every other error: a short JSON body, never a stack or HTML page. */
function bodyErrorHandler(limitKb: number) {
  return (error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!error || typeof error.status !== 'number') return next(error);
    const status = error.status === 413 ? 413 : error.status === 415 ? 415 : 400;
    const message =
      status === 413
        ? `The request body is larger than the limit of ${limitKb} KB`
        : status === 415
          ? 'The request body is in an encoding that is not supported'
          : 'The request body is not valid JSON or form data';
    const error_ = status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request';
    res.status(status).json({ statusCode: status, error: error_, message });
  };
}
