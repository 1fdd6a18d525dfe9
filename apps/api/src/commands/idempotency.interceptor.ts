import { Injectable, UnprocessableEntityException, ConflictException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { IdempotencyStore } from '@caretrail/read-store';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { ReplayedErrorResponse, toErrorBody } from '../errors/http-error.filter';
import type { AuthenticatedRequest } from '../identity/bearer-auth.guard';
import { setRecordHeaders, type CommandResponse } from './command-dispatcher';

/**
 * `Idempotency-Key` on a POST: the first answer is kept and returned again for a repeat of the same
 * request, so a client that lost a response can retry without recording anything twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.identity) return next.handle();
    if (key.length === 0 || key.length > 200) {
      throw new UnprocessableEntityException({ message: 'Idempotency-Key must be 1 to 200 characters', rule: 'idempotency-key-valid' });
    }
    return from(this.handle(request, context.switchToHttp().getResponse<Response>(), key, next));
  }

  private async handle(request: AuthenticatedRequest, response: Response, key: string, next: CallHandler): Promise<unknown> {
    const scope = request.identity!.userId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const claim = await this.keys.claim(scope, key, requestHash);
    if (claim.outcome === 'mismatch') {
      throw new UnprocessableEntityException({ message: 'This Idempotency-Key was used for a different request', rule: 'idempotency-key-reused' });
    }
    if (claim.outcome === 'in_progress') throw new ConflictException('A request with this Idempotency-Key is still being handled');
    if (claim.outcome === 'replay') {
      response.setHeader('Idempotent-Replayed', 'true');
      if (claim.status >= 400) throw new ReplayedErrorResponse(claim.status, JSON.parse(claim.body));
      const replayed = JSON.parse(claim.body) as Partial<CommandResponse> | null;
      // The replay names the same record and version the first answer did (not a hash of the body).
      if (replayed && typeof replayed.version === 'number' && replayed.recordType && replayed.recordId) setRecordHeaders(response, replayed as CommandResponse);
      return replayed;
    }
    try {
      const body = await lastValueFrom(next.handle().pipe(), { defaultValue: undefined });
      await this.keys.complete(scope, key, response.statusCode || 201, JSON.stringify(body ?? null));
      return body;
    } catch (error) {
      const answer = toErrorBody(error);
      // A refusal is an answer worth keeping; a fault is not, so the client may retry.
      if (answer.statusCode < 500) await this.keys.complete(scope, key, answer.statusCode, JSON.stringify(answer));
      else await this.keys.release(scope, key);
      throw error;
    }
  }
}
