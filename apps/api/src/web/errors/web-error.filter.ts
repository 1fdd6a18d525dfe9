import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from '../../errors/http-error.filter';
import { PageRenderer } from '../rendering/page-renderer';
import type { WebRequest } from '../session/web-session';
import { errorPage } from './error-page';
import { CsrfRejected, SignInFailed, SignInRequired } from './web-errors';

/** Errors on pages become pages (the API's filter answers JSON); the status and message come from the one error map. */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrorFilter');

  constructor(private readonly pages: PageRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof SignInRequired) {
      const returnTo = req.method === 'GET' ? `?returnTo=${encodeURIComponent(error.returnTo)}` : '';
      res.redirect(303, `/app/sign-in${returnTo}`);
      return;
    }
    if (error instanceof SignInFailed) {
      const title = error.statusCode === 503 ? 'The identity provider cannot be reached' : 'You are not signed in';
      this.pages.send(req, res, 'sign-in-problem.njk', { title, message: error.message }, error.statusCode);
      return;
    }
    const body = error instanceof CsrfRejected ? { statusCode: 403, error: 'Forbidden', message: error.message } : toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    const page = errorPage(body, req.webIdentity, req.method);
    this.pages.send(req, res, 'error.njk', { ...page, statusCode: body.statusCode }, body.statusCode);
  }
}
