import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '../../identity/bearer-auth.guard';
import { WebErrorFilter } from '../errors/web-error.filter';
import { WebSessionGuard } from '../session/web-session.guard';

/**
 * A controller of pages: no bearer token (the session cookie and CSRF guard instead), errors shown as
 * pages, and kept out of the OpenAPI document.
 */
export const WebController = (path = 'app') =>
  applyDecorators(Controller(path), PublicRoute(), UseGuards(WebSessionGuard), UseFilters(WebErrorFilter), ApiExcludeController());
