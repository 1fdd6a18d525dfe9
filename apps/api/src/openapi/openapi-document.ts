import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_ACCESS_POLICY } from '../access/access-policy';
import { PROBLEM_JSON, PROBLEM_TYPES, ProblemDto } from '../errors/problem-details';
import { RENAMED_ON, RENAMED_ROUTES } from './renamed-routes';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const problem = (description: string, headers?: Record<string, { description: string; schema: { type: string } }>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
});

/** One shared answer per error status (components/responses), each an RFC 9457 problem (docs/api.md). */
const PROBLEM_RESPONSES = {
  BadRequest: problem(`The request is not valid: \`type\` ${PROBLEM_TYPES.validation} with \`fields\` naming each field, header or query parameter and why.`),
  Unauthorized: problem('No bearer token, or one that is not valid (unknown, forged or expired).', {
    'WWW-Authenticate': {
      description: 'The challenge: `Bearer realm="caretrail"`, with `error="invalid_token"` when a token was sent.',
      schema: { type: 'string' },
    },
  }),
  Forbidden: problem(
    `The caller may not do this here (its role or organisation), or is a party but not the one the command is for (\`type\` ${PROBLEM_TYPES.wrongParty} with \`rule\`).`,
  ),
  NotFound: problem('No such record, or none the caller is a party to: a stranger to a record is told it is not there (docs/access.md).'),
  Conflict: problem(
    `The record moved on: \`type\` ${PROBLEM_TYPES.staleVersion} with \`currentVersion\` (reload and try again), or a request with the same Idempotency-Key is still being handled.`,
  ),
  PayloadTooLarge: problem('The request body is larger than the limit (CARETRAIL_BODY_LIMIT_KB).'),
  UnsupportedMediaType: problem('The request body is in an encoding that is not supported.'),
  UnprocessableEntity: problem(
    `A rule of the record refuses the command: \`type\` ${PROBLEM_TYPES.ruleBroken} with \`rule\` naming it; or an Idempotency-Key that is not valid or was used for a different request (\`type\` ${PROBLEM_TYPES.idempotencyKey}).`,
  ),
  TooManyRequests: problem('Too many requests from this person, or too many failed sign-ins from this address.', {
    'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
  }),
  InternalServerError: problem(
    `Something went wrong and it has been logged; or a stored entry failed its integrity check (\`type\` ${PROBLEM_TYPES.integrity}) and the record is not shown.`,
  ),
  ServiceUnavailable: problem('The event store (or the identity provider) cannot be reached; try again shortly.', {
    'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
  }),
} as const;
type ProblemName = keyof typeof PROBLEM_RESPONSES;
const STATUS_OF: Record<ProblemName, string> = {
  BadRequest: '400',
  Unauthorized: '401',
  Forbidden: '403',
  NotFound: '404',
  Conflict: '409',
  PayloadTooLarge: '413',
  UnsupportedMediaType: '415',
  UnprocessableEntity: '422',
  TooManyRequests: '429',
  InternalServerError: '500',
  ServiceUnavailable: '503',
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const renamedTo = new Map(Object.entries(RENAMED_ROUTES));

/** The error answers an operation can give, from what it takes and whether it is public. */
function problemsOf(method: string, path: string, op: Operation, isPublic: boolean): ProblemName[] {
  const takesInput = (op.parameters ?? []).length > 0 || op.requestBody !== undefined;
  const isCommand = method === 'post' && op.responses['201'] !== undefined;
  const names: ProblemName[] = [];
  if (takesInput) names.push('BadRequest');
  if (!isPublic) names.push('Unauthorized', 'Forbidden');
  if (path.includes('{') || isCommand) names.push('NotFound');
  if (isCommand) names.push('Conflict');
  if (op.requestBody !== undefined) names.push('PayloadTooLarge', 'UnsupportedMediaType');
  if (isCommand) names.push('UnprocessableEntity');
  names.push('TooManyRequests', 'InternalServerError', 'ServiceUnavailable');
  return names;
}

/**
 * Completes what Nest's explorer leaves out, in one place so a new controller gets it too: every
 * operation's error answers as problem+json, public routes without the bearer requirement, version path
 * parameters as integers, the deprecated singular paths marked and pointed at their plural names, and
 * operation ids without Nest's `[0]` alias suffixes.
 */
export function completeOpenApiDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.responses = { ...(doc.components.responses ?? {}), ...PROBLEM_RESPONSES };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const isPublic = (API_ACCESS_POLICY[key] as { public?: true } | undefined)?.public === true;
      if (isPublic) op.security = [];
      op.operationId = op.operationId?.replace(/\[\d+\]$/, '');
      const current = renamedTo.get(key);
      if (current) {
        op.deprecated = true;
        op.operationId = `${op.operationId}_deprecated`;
        op.summary = `${op.summary ?? ''} (deprecated path)`.trim();
        op.description =
          `Deprecated: the same command as \`${current}\`, under the singular name of the first API. It still answers; use the plural path.\n\n${op.description ?? ''}`.trim();
        const created = op.responses['201'] as { headers?: Record<string, unknown> } | undefined;
        if (created) {
          created.headers = {
            ...created.headers,
            Deprecation: { description: 'RFC 9745: this path is deprecated (since the date given).', schema: { type: 'string', example: RENAMED_ON } },
            Link: { description: 'The path to use instead: `<…>; rel="successor-version"`.', schema: { type: 'string' } },
          };
        }
      }
      // The bearer token is the security scheme's, never a parameter (OpenAPI ignores an Authorization header parameter).
      op.parameters = op.parameters?.filter((p) => !('in' in p && p.in === 'header' && p.name.toLowerCase() === 'authorization'));
      if (op.parameters?.length === 0) delete op.parameters;
      for (const parameter of op.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && parameter.name === 'version') parameter.schema = { type: 'integer', minimum: 1 };
      }
      const responses: Responses = op.responses;
      for (const name of problemsOf(method, path, op, isPublic)) responses[STATUS_OF[name]] ??= { $ref: `#/components/responses/${name}` };
    }
  }
  return doc;
}

/** The API's OpenAPI document, served at /docs and /docs/openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CareTrail API')
    .setDescription(
      "An honest, shared, replayable record of how a care provider answers a council's scrutiny.\n\n" +
        "Every command posts an entry to a record and answers 201 with the record version (as a strong `ETag`) and the record's address (`Location`); " +
        'send the version back as `If-Match` to refuse a stale write (409). Record reads send the version as a strong `ETag` and answer `If-None-Match` with 304. ' +
        'Every error is an RFC 9457 problem (`application/problem+json`) with `fields`, `rule` or `currentVersion` where they apply. docs/api.md has the details.',
    )
    .setVersion('0.1.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A demo token (CARETRAIL_AUTH=demo) or a JWT from the OpenID issuer (docs/security.md).' },
      'bearer',
    )
    .addSecurityRequirements('bearer')
    .build();
  return completeOpenApiDocument(SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }));
}
