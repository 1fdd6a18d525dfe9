import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { demoIdentityByToken } from '@caretrail/demo';
import { AppConfig } from '@caretrail/config';
import { CSRF_PROTECTION, type CsrfProtection } from './csrf-protection';
import type { WebRequest } from './web-session';
import { CsrfRejected, SignInRequired } from '../errors/web-errors';
import { PAGE_ACCESS_POLICY } from '../../access/access-policy';
import { assertMayAttempt, policyKey } from '../../access/access-decision';

const SIGNED_OUT_ALLOWED = 'caretrail:web-signed-out-allowed';
/** A page anyone may open without signing in (the sign-in page itself). */
export const SignedOutAllowed = () => SetMetadata(SIGNED_OUT_ALLOWED, true);

/**
 * The pages' guard: the identity comes from the signed session cookie (the API's bearer guard is
 * skipped for these routes), and every POST must carry the session's CSRF token.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CSRF_PROTECTION) private readonly csrf: CsrfProtection,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WebRequest>();
    // Each mode trusts only its own sessions: a demo choice never signs anyone in under oidc, nor the reverse.
    if (this.config.CARETRAIL_AUTH === 'oidc') {
      req.webIdentity = req.webSession?.identity;
    } else {
      const found = req.webSession?.token ? demoIdentityByToken(req.webSession.token) : undefined;
      if (found) {
        const { token: _token, description: _description, ...identity } = found;
        req.webIdentity = identity;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !this.csrf.isValid(req)) throw new CsrfRejected();
    const open = this.reflector.getAllAndOverride<boolean>(SIGNED_OUT_ALLOWED, [context.getHandler(), context.getClass()]);
    if (!req.webIdentity && !open) throw new SignInRequired(req.originalUrl);
    // The same policy as the API's: a page without an entry is refused to everyone.
    const key = policyKey(req.method, (req.route as { path?: string } | undefined)?.path ?? req.path);
    assertMayAttempt(key, PAGE_ACCESS_POLICY[key], req.webIdentity, req.params as Record<string, string>);
    return true;
  }
}
