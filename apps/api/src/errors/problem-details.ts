import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ErrorBody } from './http-error.filter';

/** The media type of every error answer of the API (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * Problem types: absolute URIs naming what kind of problem it was (RFC 9457 section 3.1.1). They are
 * names, not links: a client compares them and never fetches them. A problem no more specific than its
 * status code is `about:blank`, titled with the status phrase. docs/api.md lists them.
 */
export const PROBLEM_TYPES = {
  /** 400: the request's fields, headers or query are not valid; `fields` names each one. */
  validation: 'urn:caretrail:problem:validation',
  /** 422: a rule of the record refuses the command; `rule` names it. */
  ruleBroken: 'urn:caretrail:problem:rule-broken',
  /** 403: the caller is a party but not the one the command is for; `rule` names it. */
  wrongParty: 'urn:caretrail:problem:wrong-party',
  /** 422: an Idempotency-Key that is not valid or was used for a different request; `rule` says which. */
  idempotencyKey: 'urn:caretrail:problem:idempotency-key',
  /** 409: the record moved on; `currentVersion` is where it is now. */
  staleVersion: 'urn:caretrail:problem:stale-version',
  /** 500: a stored entry failed its integrity check; the record is not shown. */
  integrity: 'urn:caretrail:problem:integrity-check-failed',
} as const;

/** An RFC 9457 problem detail with CareTrail's extension members (`fields`, `rule`, `currentVersion`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  fields?: { field: string; messages: string[] }[];
  rule?: string;
  currentVersion?: number;
}

/** The problem type an error body belongs to, from its status and extension members. */
function problemType(body: ErrorBody): string {
  if (body.statusCode === 400 && body.fields) return PROBLEM_TYPES.validation;
  if (body.statusCode === 422 && body.rule?.startsWith('idempotency-key')) return PROBLEM_TYPES.idempotencyKey;
  if (body.statusCode === 422 && body.rule) return PROBLEM_TYPES.ruleBroken;
  if (body.statusCode === 403 && body.rule) return PROBLEM_TYPES.wrongParty;
  if (body.statusCode === 409 && body.currentVersion !== undefined) return PROBLEM_TYPES.staleVersion;
  if (body.statusCode === 500 && body.error === 'Integrity Check Failed') return PROBLEM_TYPES.integrity;
  return 'about:blank';
}

/** The path the problem happened on (no query string: it may carry what the client typed). */
export const instanceOf = (request: Pick<Request, 'originalUrl' | 'url'>): string => (request.originalUrl ?? request.url ?? '/').split('?')[0];

/**
 * The answer a client sees for an error body. Older answers kept for an Idempotency-Key replay were
 * stored as `{statusCode, error, message, ...}`; they become problems here the same way.
 */
export function toProblem(body: ErrorBody | ProblemDetails, instance: string): ProblemDetails {
  if ('type' in body && 'status' in body) return { ...body, instance };
  const problem: ProblemDetails = {
    type: problemType(body),
    title: body.error,
    status: body.statusCode,
    detail: body.message,
    instance,
  };
  if (body.fields) problem.fields = body.fields;
  if (body.rule) problem.rule = body.rule;
  if (body.currentVersion !== undefined) problem.currentVersion = body.currentVersion;
  return problem;
}

/** Writes a problem as `application/problem+json` (used by the filter and by middleware that answers before Nest). */
export function sendProblem(request: Pick<Request, 'originalUrl' | 'url'>, response: Response, body: ErrorBody | ProblemDetails): void {
  const problem = toProblem(body, instanceOf(request));
  const text = JSON.stringify(problem);
  // Written directly, not with res.send: an error answer is no version of anything, so Express must not tag it with an ETag.
  response.status(problem.status);
  response.setHeader('Content-Type', `${PROBLEM_JSON}; charset=utf-8`);
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

class ProblemFieldDto {
  @ApiProperty({ description: 'The field, header or query parameter, as a path into the request (e.g. `actions.0.dueDate`, `If-Match`).', example: 'summary' })
  field!: string;

  @ApiProperty({ type: [String], description: 'What is wrong with it, in plain English.', example: ['summary should not be empty'] })
  messages!: string[];
}

/** The OpenAPI schema of every error answer (components/schemas/Problem). */
export class ProblemDto {
  @ApiProperty({
    description: 'What kind of problem: `about:blank` (no more than the status says) or a `urn:caretrail:problem:*` name (docs/api.md).',
    format: 'uri',
    example: PROBLEM_TYPES.ruleBroken,
  })
  type!: string;

  @ApiProperty({ description: 'A short summary of the kind of problem (the HTTP status phrase).', example: 'Unprocessable Entity' })
  title!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status code.', example: 422 })
  status!: number;

  @ApiProperty({
    description: 'What went wrong this time, in plain English.',
    example: 'An update for the period ending 2025-05-04 is already recorded (entry 0190a4b2-0000-7000-8000-0000000000a1); record a correction of it instead',
  })
  detail!: string;

  @ApiProperty({
    description: 'The request path the problem happened on.',
    format: 'uri-reference',
    example: '/concerns/0190a4b2-0000-7000-8000-000000000001/action-plan/updates',
  })
  instance!: string;

  @ApiPropertyOptional({ type: [ProblemFieldDto], description: 'Extension (400): every field that is not valid, with why.' })
  fields?: ProblemFieldDto[];

  @ApiPropertyOptional({ description: 'Extension (422, some 403): the rule of the record that refused the request.', example: 'one-update-per-period' })
  rule?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Extension (409): the record version now; reload and try again with it.', example: 7 })
  currentVersion?: number;
}
