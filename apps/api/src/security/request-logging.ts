import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import pinoHttp from 'pino-http';
import type { Identity } from '../identity/identity';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Paths never written to a log: credentials, cookies and staff names (personal data), wherever a
 * future serializer might put them. Bodies are not logged at all.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'managerName',
  '*.managerName',
  'displayName',
  '*.displayName',
  'body',
  '*.body',
  'err.config',
];

export function createRootLogger(enabled: boolean): Logger {
  return pino({
    level: enabled ? (process.env.LOG_LEVEL ?? 'info') : 'silent',
    base: { service: 'caretrail-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}

/**
 * One JSON line per request with its correlation id: taken from X-Correlation-Id when well-formed,
 * otherwise new, and always sent back. Who asked is logged as organisation and role, not by name.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-correlation-id'];
      const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Correlation-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req: IncomingMessage) => {
      const who = (req as IncomingMessage & { identity?: Identity; webIdentity?: Identity }).identity ?? (req as { webIdentity?: Identity }).webIdentity;
      return who ? { organisationId: who.organisationId, role: who.role } : {};
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}
