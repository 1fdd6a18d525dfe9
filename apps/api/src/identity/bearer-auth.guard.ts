import { Inject, Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { BEARER_CHALLENGE } from '../errors/http-error.filter';
import { AuthFailureLimiter } from '../security/auth-failure-limiter';
import type { Identity } from './identity';
import { IDENTITY_RESOLVER, type IdentityResolver } from './identity-resolver';

const PUBLIC_ROUTE = 'caretrail:public';
/** Marks a route that needs no identity (health, docs). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;

export type AuthenticatedRequest = Request & { identity?: Identity };

/**
 * Every request carries an identity from its bearer token; no token (or an unknown, forged or expired
 * one) is 401, and each such failure counts against the client's address (past its limit, 429).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IDENTITY_RESOLVER) private readonly identities: IdentityResolver,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.identity = await this.authenticate(request);
    } catch (error) {
      // The identity provider being unreachable (503) is not the client's failure.
      if (error instanceof UnauthorizedException) {
        const response = context.switchToHttp().getResponse<Response>();
        await this.failures.failed(request as never, response); // past the address's limit: 429 instead
        // RFC 6750 section 3: no credentials gets the bare challenge; a token that failed is named invalid_token.
        const sent = /^Bearer\s+\S+$/i.test(request.headers.authorization ?? '');
        response.setHeader(
          'WWW-Authenticate',
          sent
            ? `${BEARER_CHALLENGE}, error="invalid_token", error_description="${error.message.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '')}"`
            : BEARER_CHALLENGE,
        );
      }
      throw error;
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Identity> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Sign in: send Authorization: Bearer <token>');
    const identity = await this.identities.resolve(match[1]);
    if (!identity) throw new UnauthorizedException('The bearer token is not valid');
    return identity;
  }
}
