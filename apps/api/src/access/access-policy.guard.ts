import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { isPublicRoute, type AuthenticatedRequest } from '../identity/bearer-auth.guard';
import { API_ACCESS_POLICY } from './access-policy';
import { assertMayAttempt, policyKey } from './access-decision';
import { RecordOpeningQuery } from '../queries/record-opening.query';
import { assertNotStranger } from './record-strangers';

/**
 * Runs after the bearer guard on every API route: the route must have a policy, and the caller's
 * kind and role must be able to hold one of the relations it admits (403 otherwise). Then a caller
 * with no relation to the concern, contract or service the path names is told it is not there (404).
 * Pages (public to this guard) are checked by the web session guard against the same policy, and
 * read their records through the same read policy.
 */
@Injectable()
export class AccessPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly queries: QueryBus,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = policyKey(request.method, (request.route as { path?: string } | undefined)?.path ?? request.path);
    assertMayAttempt(key, API_ACCESS_POLICY[key], request.identity, request.params as Record<string, string>);
    await assertNotStranger((streamId) => this.queries.execute(new RecordOpeningQuery(streamId)), request.identity, request.params as Record<string, string>);
    return true;
  }
}
