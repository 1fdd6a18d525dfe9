import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import type nunjucks from 'nunjucks';
import { CSRF_FIELD, CSRF_PROTECTION, type CsrfProtection } from '../session/csrf-protection';
import { OidcWebSignIn } from '../session/oidc-web-sign-in';
import type { WebRequest } from '../session/web-session';
import { homeFor, serviceNavigation } from './navigation';

export const NUNJUCKS = Symbol('NUNJUCKS');

/** Renders a view with what every page needs: the signed-in person, navigation and the CSRF token. */
@Injectable()
export class PageRenderer {
  constructor(
    @Inject(NUNJUCKS) private readonly env: nunjucks.Environment,
    @Inject(CSRF_PROTECTION) private readonly csrf: CsrfProtection,
    private readonly signIn: OidcWebSignIn,
  ) {}

  html(req: WebRequest, res: Response, view: string, context: Record<string, unknown>, cspNonce = ''): string {
    const who = req.webIdentity;
    return this.env.render(view, {
      cspNonce,
      identity: who,
      homeUrl: who ? homeFor(who) : '/app/sign-in',
      navigation: serviceNavigation(who, req.path),
      csrfField: CSRF_FIELD,
      csrfToken: this.csrf.tokenFor(req, res),
      currentPath: req.originalUrl,
      // The to-do counts for the header and the start page's banner (TodoCountInterceptor).
      todo: res.locals.todo,
      ...context,
    });
  }

  /**
   * Sends a page. Pages hold records about people's care: never cached, never framed, and only our
   * own scripts run (the GOV.UK template's one inline line carries this response's nonce).
   */
  send(req: WebRequest, res: Response, view: string, context: Record<string, unknown>, status = 200): void {
    const nonce = randomBytes(16).toString('base64');
    const body = this.html(req, res, view, context, nonce);
    // Signing out continues at the OpenID provider: the sign-out form's redirect must be let through.
    const formActionIssuer = this.signIn.issuerOrigin ? ` ${this.signIn.issuerOrigin}` : '';
    res.status(status);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; ` +
        `object-src 'none'; base-uri 'none'; form-action 'self'${formActionIssuer}; frame-ancestors 'none'`,
    );
    res.type('html').send(body);
  }
}
