import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SignInFailed } from '../errors/web-errors';
import { homeFor } from '../rendering/navigation';
import { OidcWebSignIn } from '../session/oidc-web-sign-in';
import { clearSignInTransaction, readSignInTransaction, writeSignInTransaction } from '../session/sign-in-transaction';
import { SignedOutAllowed } from '../session/web-session.guard';
import { safeReturn, type WebRequest } from '../session/web-session';
import { WebSessions } from '../session/web-sessions';
import { AuthFailureLimiter } from '../../security/auth-failure-limiter';
import { WebController } from './web-controller.decorator';

/**
 * Sign-in through the OpenID provider (CARETRAIL_AUTH=oidc): `start` sends the browser to the issuer,
 * `callback` is where the issuer sends it back with a code. Failures are pages that offer a retry.
 */
@WebController()
export class OidcSignInController {
  constructor(
    private readonly oidc: OidcWebSignIn,
    private readonly sessions: WebSessions,
    private readonly failures: AuthFailureLimiter,
  ) {}

  @Get('sign-in/start')
  @SignedOutAllowed()
  async start(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo?: string) {
    this.assertEnabled();
    const { url, transaction } = await this.oidc.begin(safeReturn(returnTo));
    writeSignInTransaction(req, res, transaction);
    res.redirect(303, url);
  }

  @Get('sign-in/callback')
  @SignedOutAllowed()
  async callback(@Req() req: WebRequest, @Res() res: Response) {
    this.assertEnabled();
    const transaction = readSignInTransaction(req);
    clearSignInTransaction(req, res);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    const identity = await this.oidc.complete(query, transaction).catch(async (error: unknown) => {
      // A refused or forged return counts against the address; the issuer being unreachable does not.
      if (error instanceof SignInFailed && error.statusCode < 500) await this.failures.failed(req as never, res);
      throw error;
    });
    // A new session id at sign-in, so a session fixed before it is worth nothing afterwards.
    await this.sessions.signIn(req, res, null, identity);
    res.redirect(303, safeReturn(transaction?.returnTo) ?? homeFor(identity));
  }

  private assertEnabled(): void {
    if (!this.oidc.enabled) throw new SignInFailed(404, 'Sign-in through an identity provider is not switched on here.');
  }
}
