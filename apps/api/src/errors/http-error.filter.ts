import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainRuleError, RecordNotFoundError, WrongPartyError } from '@caretrail/domain';
import { StaleRecordError } from '@caretrail/application';
import { EventIntegrityError, InvalidAppendError, StoreUnavailableError, WrongExpectedVersionError } from '@caretrail/event-store';
import { UnknownProjectionError } from '@caretrail/projections';
import { InvalidCursorError } from '@caretrail/timeline';
import type { Request, Response } from 'express';
import { sendProblem } from './problem-details';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  rule?: string;
  fields?: { field: string; messages: string[] }[];
  currentVersion?: number;
}

/** A refusal given before to the same Idempotency-Key, answered again exactly as it was. */
export class ReplayedErrorResponse extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

/**
 * The one place errors become HTTP answers. Nothing internal (stack, SQL) ever reaches a client. The
 * pages and the idempotency store read this shape; clients of the API get it as problem+json
 * (problem-details.ts: statusCode -> status, error -> title, message -> detail).
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ReplayedErrorResponse) return error.body;
  if (error instanceof DomainRuleError) {
    return { statusCode: 422, error: 'Unprocessable Entity', message: error.message, rule: error.rule };
  }
  if (error instanceof WrongPartyError) {
    return { statusCode: 403, error: 'Forbidden', message: error.message, rule: error.rule };
  }
  if (error instanceof RecordNotFoundError) {
    return { statusCode: 404, error: 'Not Found', message: error.message };
  }
  if (error instanceof StaleRecordError) {
    return { statusCode: 409, error: 'Conflict', message: error.message, currentVersion: error.currentVersion };
  }
  if (error instanceof WrongExpectedVersionError) {
    return {
      statusCode: 409,
      error: 'Conflict',
      message: `The record changed while this request was handled (now at version ${error.actual}): reload it and try again`,
      currentVersion: error.actual,
    };
  }
  if (error instanceof EventIntegrityError) {
    // Never served as valid: the reader is told which entry failed, the operator finds it in the log.
    return {
      statusCode: 500,
      error: 'Integrity Check Failed',
      message: `A stored entry failed its integrity check (${error.streamId}, version ${error.streamVersion}): the record is not shown. Run caretrail verify-store and restore from a backup.`,
    };
  }
  if (error instanceof InvalidAppendError) {
    return { statusCode: 422, error: 'Unprocessable Entity', message: error.message, rule: 'append-valid' };
  }
  if (error instanceof UnknownProjectionError) {
    return { statusCode: 404, error: 'Not Found', message: error.message };
  }
  if (error instanceof InvalidCursorError) {
    // A last resort: the query DTOs refuse a cursor that does not decode before any read runs.
    const messages = ['after must be a cursor returned by a previous page (nextCursor)'];
    return { statusCode: 400, error: 'Bad Request', message: `Invalid request: after (${messages[0]})`, fields: [{ field: 'after', messages }] };
  }
  if (error instanceof StoreUnavailableError) {
    return { statusCode: 503, error: 'Service Unavailable', message: 'The event store is unavailable; try again shortly' };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body: ErrorBody = {
      statusCode: status,
      error: HttpStatus[status] ? titleCase(HttpStatus[status]) : 'Error',
      message: typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message),
    };
    const fields = (response as { fields?: ErrorBody['fields'] }).fields;
    if (fields) body.fields = fields;
    const rule = (response as { rule?: unknown }).rule;
    if (typeof rule === 'string') body.rule = rule;
    if (Array.isArray((response as { message?: unknown }).message)) body.message = (response as { message: string[] }).message.join('; ');
    return body;
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong; it has been logged' };
}

/** The challenge on every 401 (RFC 6750 section 3). */
export const BEARER_CHALLENGE = 'Bearer realm="caretrail"';

const titleCase = (name: string) =>
  name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    // RFC 9110: a 401 says how to authenticate (the bearer guard sets a more precise challenge).
    if (body.statusCode === 401 && !response.getHeader('WWW-Authenticate')) response.setHeader('WWW-Authenticate', BEARER_CHALLENGE);
    // An error answer describes no version of the record: no ETag from an earlier step survives it.
    response.removeHeader('ETag');
    sendProblem(host.switchToHttp().getRequest<Request>(), response, body);
  }
}
