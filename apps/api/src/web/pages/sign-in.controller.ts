import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import { DEMO_IDENTITIES, demoIdentityByToken } from '@caretrail/demo';
import { AppConfig } from '@caretrail/config';
import type { Response } from 'express';
import { homeFor } from '../rendering/navigation';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedOutAllowed } from '../session/web-session.guard';
import { newSession, safeReturn, writeSession, type WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';


@WebController()
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  @SignedOutAllowed()
  form(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo?: string, @Query('signedOut') signedOut?: string) {
    this.render(req, res, { returnTo: safeReturn(returnTo) ?? '', success: signedOut ? 'You have signed out.' : null });
  }

  @Post('sign-in')
  @SignedOutAllowed()
  signIn(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>) {
    const chosen = this.config.CARETRAIL_AUTH === 'demo' && typeof body.identity === 'string' ? demoIdentityByToken(body.identity) : undefined;
    if (!chosen) {
      const message = 'Select who you want to sign in as';
      this.render(req, res, { returnTo: safeReturn(body.returnTo) ?? '', errors: [{ text: message, href: '#identity' }], fieldErrors: { identity: message } }, 400);
      return;
    }
    // A new session id at sign-in, so a session fixed before it is worth nothing afterwards.
    writeSession(req, res, newSession(chosen.token));
    res.redirect(303, safeReturn(body.returnTo) ?? homeFor({ ...chosen }));
  }

  @Post('sign-out')
  @SignedOutAllowed()
  signOut(@Req() req: WebRequest, @Res() res: Response) {
    writeSession(req, res, newSession());
    res.redirect(303, '/app/sign-in?signedOut=1');
  }

  private render(req: WebRequest, res: Response, context: Record<string, unknown>, status = 200): void {
    const current = req.webSession?.token;
    const identities = (this.config.CARETRAIL_AUTH === 'demo' ? DEMO_IDENTITIES : []).map((i) => ({
      value: i.token,
      text: `${i.displayName}, ${i.organisationName}`,
      hint: { text: i.description },
      checked: i.token === current,
    }));
    this.pages.send(req, res, 'sign-in.njk', { title: 'Who are you signing in as?', identities, fieldErrors: {}, ...context }, status);
  }
}
