import { applyDecorators, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { CommandResponseDto } from './command-response.dto';
import { RENAMED_ON, successorOf } from './renamed-routes';

const ETAG_HEADER = {
  description: 'The record version, strong: `"7"`. Send it as If-Match on a command, or as If-None-Match on a read (304 while unchanged).',
  schema: { type: 'string', example: '"7"' },
};

/**
 * On a deprecated path, every answer says so (RFC 9745 `Deprecation`) and names the path to use
 * (`Link: <…>; rel="successor-version"`, RFC 5829). Set before the handler runs, so refusals carry it too.
 */
@Injectable()
export class DeprecatedPathInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const successor = successorOf(request.method, (request.route as { path?: string } | undefined)?.path ?? '', request.params as Record<string, string>);
    if (successor) {
      const response = context.switchToHttp().getResponse<Response>();
      response.setHeader('Deprecation', RENAMED_ON);
      response.setHeader('Link', `<${successor}>; rel="successor-version"`);
    }
    return next.handle();
  }
}

/**
 * A command: a POST that records an entry on a record. 201 with the record's version as a strong ETag
 * and its address as Location; If-Match and Idempotency-Key as every command takes them. The error
 * answers are added to every operation in one place (openapi-document.ts).
 */
export const ApiCommand = (summary: string, description: string) =>
  applyDecorators(
    ApiOperation({ summary, description }),
    UseInterceptors(DeprecatedPathInterceptor),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The record version you last saw (`"7"`, as the ETag gave it); a stale one is refused with 409 and the current version. Same as expectedVersion.',
      schema: { type: 'string', example: '"7"' },
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Up to 200 characters. A repeat of the same request with the same key gets the first answer again (with `Idempotent-Replayed: true`) and records nothing twice.',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    }),
    ApiCreatedResponse({
      type: CommandResponseDto,
      description: 'Recorded. The answer names the record and its version now.',
      headers: {
        Location: {
          description: 'The record the entry was recorded on (read it with GET).',
          schema: { type: 'string', format: 'uri-reference', example: '/concerns/0190a4b2-0000-7000-8000-000000000001' },
        },
        ETag: ETAG_HEADER,
      },
    }),
  );

/** Sets a strong ETag equal to the record version a read answers with; Express then answers If-None-Match with 304. */
@Injectable()
export class RecordETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (Number.isInteger(version)) response.setHeader('ETag', `"${version as number}"`);
        return body;
      }),
    );
  }
}

/** A read of one record, folded from its stream: 200 with the version as a strong ETag, 304 for a matching If-None-Match. */
export const ApiRecordRead = (summary: string, description: string, type: Type<unknown>) =>
  applyDecorators(
    ApiOperation({ summary, description }),
    UseInterceptors(RecordETagInterceptor),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'An ETag this read gave before: 304 with no body while the record is still at that version.',
      schema: { type: 'string', example: '"7"' },
    }),
    ApiOkResponse({ type, description: 'The record as it stands (or stood, with asOf).', headers: { ETag: ETAG_HEADER } }),
    ApiResponse({ status: 304, description: 'Not modified: the record is still at the version If-None-Match named.', headers: { ETag: ETAG_HEADER } }),
  );

/** Any other read: 200 with the schema given (and CSV beside JSON where the read offers it). */
export const ApiRead = (summary: string, description: string, type: Type<unknown>, options: { csv?: true } = {}) =>
  options.csv
    ? applyDecorators(
        ApiOperation({ summary, description }),
        ApiExtraModels(type),
        ApiOkResponse({
          description: 'The answer: JSON, or CSV with format=csv or Accept: text/csv (a Link header names the next page).',
          content: { 'application/json': { schema: { $ref: getSchemaPath(type) } }, 'text/csv': { schema: { type: 'string' } } },
        }),
      )
    : applyDecorators(ApiOperation({ summary, description }), ApiOkResponse({ type, description: 'The answer.' }));

/** Work started in the background: 202 with the schema given. */
export const ApiAccepted = (summary: string, description: string, type: Type<unknown>) =>
  applyDecorators(ApiOperation({ summary, description }), ApiAcceptedResponse({ type, description: 'Started; follow its progress with the status read.' }));

/** The evidence export: the signed bundle as JSON, or its printable HTML. */
export const ApiEvidence = (summary: string, description: string) =>
  applyDecorators(
    ApiOperation({ summary, description }),
    ApiOkResponse({
      description: 'The signed bundle (format=json, verify it with `caretrail verify`), or its printable rendering (format=html).',
      content: { 'application/json': { schema: { type: 'object', additionalProperties: true } }, 'text/html': { schema: { type: 'string' } } },
    }),
  );
