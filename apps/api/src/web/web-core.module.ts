import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule, type Provider } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import cookieParser from 'cookie-parser';
import { CommandsModule } from '../commands/commands.module';
import { WebErrorFilter } from './errors/web-error.filter';
import { importUpload } from './import/import-upload';
import { createNunjucksEnvironment } from './rendering/nunjucks-environment';
import { NUNJUCKS, PageRenderer } from './rendering/page-renderer';
import { CSRF_PROTECTION, createCsrfProtection } from './session/csrf-protection';
import { OidcWebSignIn } from './session/oidc-web-sign-in';
import { webSecrets, type WebSecrets } from './session/web-secrets';
import { SessionClock, WebSessionMiddleware, WebSessions } from './session/web-sessions';
import { WebSessionGuard } from './session/web-session.guard';
import { WEB_CONTROLLERS } from './web-controllers';
import { WEB_PROVIDERS } from './web-providers';

const WEB_SECRETS = Symbol('WEB_SECRETS');

const PROVIDERS: Provider[] = [
  { provide: WEB_SECRETS, inject: [AppConfig], useFactory: (config: AppConfig) => webSecrets(config) },
  { provide: CSRF_PROTECTION, inject: [WEB_SECRETS], useFactory: (secrets: WebSecrets) => createCsrfProtection(secrets.csrf) },
  { provide: NUNJUCKS, inject: [AppConfig], useFactory: (config: AppConfig) => createNunjucksEnvironment({ watch: config.NODE_ENV === 'development' }) },
  PageRenderer,
  OidcWebSignIn,
  SessionClock,
  WebSessions,
  WebSessionGuard,
  WebErrorFilter,
  ...WEB_PROVIDERS,
];

/**
 * What every area's pages share (GOV.UK Frontend, server-rendered): the renderer, the cookie session
 * and CSRF guard, the error pages, the page readers and the form handler, over the same
 * CommandDispatcher, domain and read policy as the REST API. Each area's Nest module imports this and
 * declares its own page controllers (web-controllers.ts); the session middleware covers all of them.
 * Static assets are mounted by mountWebAssets.
 */
@Module({
  imports: [CommandsModule],
  providers: PROVIDERS,
  exports: [CommandsModule, ...PROVIDERS.map((p) => (typeof p === 'function' ? p : p.provide))],
})
export class WebCoreModule implements NestModule {
  constructor(@Inject(WEB_SECRETS) private readonly secrets: WebSecrets) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser(this.secrets.cookie), WebSessionMiddleware).forRoutes(...WEB_CONTROLLERS);
    // The import page's multipart form, read before the session guard checks its CSRF field.
    consumer.apply(importUpload).forRoutes({ path: 'app/import', method: RequestMethod.POST });
  }
}
