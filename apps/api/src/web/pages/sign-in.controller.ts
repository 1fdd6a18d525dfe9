import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import { DEMO_IDENTITIES, demoIdentityByToken } from '@caretrail/demo';
import { AppConfig } from '@caretrail/config';
import type { Response } from 'express';
import { SignInFailed } from '../errors/web-errors';
import { homeFor } from '../rendering/navigation';
import { PageRenderer } from '../rendering/page-renderer';
import { OidcWebSignIn } from '../session/oidc-web-sign-in';
import { SignedOutAllowed } from '../session/web-session.guard';
import { safeReturn, type WebRequest } from '../session/web-session';
import { WebSessions } from '../session/web-sessions';
import { AuthFailureLimiter } from '../../security/auth-failure-limiter';
import { WebController } from './web-controller.decorator';

/** The sign-in page (a demo identity chooser, or the way to the OpenID provider) and sign-out. */
@WebController()
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
    private readonly oidc: OidcWebSignIn,
    private readonly sessions: WebSessions,
    private readonly failures: AuthFailureLimiter,
  ) {}

  @Get('sign-in')
  @SignedOutAllowed()
  form(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo?: string, @Query('signedOut') signedOut?: string) {
    this.render(req, res, { returnTo: safeReturn(returnTo) ?? '', success: signedOut ? 'You have signed out.' : null });
  }

  @Post('sign-in')
  @SignedOutAllowed()
  async signIn(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>) {
    if (this.config.CARETRAIL_AUTH !== 'demo') {
      throw new SignInFailed(403, "Choosing a demonstration identity is switched off here: sign in with your organisation's account.");
    }
    const chosen = typeof body.identity === 'string' ? demoIdentityByToken(body.identity) : undefined;
    if (!chosen) {
      await this.failures.failed(req as never, res);
      const message = 'Select who you want to sign in as';
      this.render(
        req,
        res,
        { returnTo: safeReturn(body.returnTo) ?? '', errors: [{ text: message, href: '#identity' }], fieldErrors: { identity: message } },
        400,
      );
      return;
    }
    // A new session id at sign-in, so a session fixed before it is worth nothing afterwards.
    await this.sessions.signIn(req, res, chosen.token);
    res.redirect(303, safeReturn(body.returnTo) ?? homeFor({ ...chosen }));
  }

  /** Ends the session here (on the server: a copy of its cookie opens nothing afterwards), then (OpenID, where the issuer offers it) at the issuer, which sends the person back signed out. */
  @Post('sign-out')
  @SignedOutAllowed()
  async signOut(@Req() req: WebRequest, @Res() res: Response) {
    await this.sessions.signOut(req, res);
    res.redirect(303, (await this.oidc.signOutUrl()) ?? '/app/sign-in?signedOut=1');
  }

  private render(req: WebRequest, res: Response, context: Record<string, unknown>, status = 200): void {
    if (this.oidc.enabled) {
      const returnTo = typeof context.returnTo === 'string' && context.returnTo ? `?returnTo=${encodeURIComponent(context.returnTo)}` : '';
      this.pages.send(
        req,
        res,
        'sign-in.njk',
        { title: 'Sign in to CareTrail', signInUrl: `/app/sign-in/start${returnTo}`, fieldErrors: {}, ...context },
        status,
      );
      return;
    }
    const current = req.webSession?.token;
    const identities = DEMO_IDENTITIES.map((i) => ({
      value: i.token,
      text: `${i.displayName}, ${i.organisationName}`,
      hint: { text: i.description },
      checked: i.token === current,
    }));
    this.pages.send(req, res, 'sign-in.njk', { title: 'Who are you signing in as?', identities, fieldErrors: {}, ...context }, status);
  }
}
