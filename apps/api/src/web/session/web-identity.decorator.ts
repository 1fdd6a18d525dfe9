import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Identity } from '../../identity/identity';
import { SignInRequired } from '../errors/web-errors';
import type { WebRequest } from './web-session';

/** The signed-in person of a page request (set by WebSessionGuard). */
export const WebIdentity = createParamDecorator((_: unknown, context: ExecutionContext): Identity => {
  const req = context.switchToHttp().getRequest<WebRequest>();
  if (!req.webIdentity) throw new SignInRequired(req.originalUrl);
  return req.webIdentity;
});
