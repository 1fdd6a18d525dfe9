import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@caretrail/config';
import { rejectUnsafeText } from './unsafe-text.middleware';
import { sendProblem } from '../errors/problem-details';

/**
 * Security headers, CORS, body limits, caching and connection timeouts, before any route. Pages replace
 * the Content-Security-Policy with their own (with this response's nonce); everything else (JSON, CSV,
 * bundles) gets a CSP that allows nothing, as none of it is meant to run in a browser.
 */
export function applyHttpHardening(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  applyServerTimeouts(app.getHttpServer() as Server, config);
  if (config.CARETRAIL_TRUST_PROXY) app.set('trust proxy', trustProxySetting(config.CARETRAIL_TRUST_PROXY));
  // Records (JSON, CSV, bundles, pages) are never kept by a browser or a proxy on the way; only the
  // pages' static assets (their own Cache-Control, from the static server) may be.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"] },
      },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    }),
  );
  // The API docs page runs Swagger UI's own scripts and styles: it alone gets a CSP that lets them.
  app.use('/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    next();
  });
  const origins =
    config.CARETRAIL_CORS_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean) ?? [];
  // Closed unless configured: without CORS headers a browser refuses every cross-origin call.
  if (origins.length > 0) {
    app.enableCors({
      origin: origins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'ETag'],
      maxAge: 600,
    });
  }
  const limit = `${config.CARETRAIL_BODY_LIMIT_KB}kb`;
  app.useBodyParser('json', { limit });
  app.useBodyParser('urlencoded', { limit, extended: true, parameterLimit: 1000 });
  app.use(bodyErrorHandler(config.CARETRAIL_BODY_LIMIT_KB));
  app.use(rejectUnsafeText);
}

/**
 * A client that sends its headers or its body slowly is cut off (408, then the connection closed)
 * instead of holding a connection for minutes; an idle keep-alive connection is closed soon too.
 * Node checks the first two on a timer, which must tick more often than the timeouts are long.
 */
export function applyServerTimeouts(
  server: Server,
  config: Pick<AppConfig, 'CARETRAIL_HTTP_HEADERS_TIMEOUT_MS' | 'CARETRAIL_HTTP_REQUEST_TIMEOUT_MS' | 'CARETRAIL_HTTP_KEEP_ALIVE_TIMEOUT_MS'>,
): void {
  server.headersTimeout = config.CARETRAIL_HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.CARETRAIL_HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.CARETRAIL_HTTP_KEEP_ALIVE_TIMEOUT_MS;
  // Read when the server starts listening (Node's default is 30 s, so a 10 s limit could stretch to 40 s).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    50,
    Math.min(1000, Math.floor(config.CARETRAIL_HTTP_HEADERS_TIMEOUT_MS / 4)),
  );
}

/** CARETRAIL_TRUST_PROXY as Express takes it: a hop count, or a list of addresses, subnets and names. */
const trustProxySetting = (value: string): number | string[] =>
  /^\d+$/.test(value)
    ? Number(value)
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

/** Body-parser failures answered like every other error: a short JSON body, never a stack or HTML page. */
function bodyErrorHandler(limitKb: number) {
  return (error: { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (!error || typeof error.status !== 'number') return next(error);
    const status = error.status === 413 ? 413 : error.status === 415 ? 415 : 400;
    const message =
      status === 413
        ? `The request body is larger than the limit of ${limitKb} KB`
        : status === 415
          ? 'The request body is in an encoding that is not supported'
          : 'The request body is not valid JSON or form data';
    const error_ = status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request';
    sendProblem(req, res, { statusCode: status, error: error_, message });
  };
}
