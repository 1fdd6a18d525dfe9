import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { createOpenApiDocument } from './openapi/openapi-document';
import { mountWebAssets } from './web/rendering/web-assets';
import type { AppConfig } from '@caretrail/config';
import { applyHttpHardening } from './security/http-hardening';
import { PinoNestLogger } from './security/pino-nest-logger';
import { correlationContext } from './security/correlation-context';
import { createRootLogger, requestLogger } from './security/request-logging';

/** Builds the HTTP application (used by main and by the end-to-end tests alike). */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const log = createRootLogger(options.logger !== false);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : new PinoNestLogger(log),
    bodyParser: false, // registered with our limit (and JSON error answers) below
  });
  app.set('query parser', 'simple');
  app.use(requestLogger(log));
  app.use(correlationContext);
  applyHttpHardening(app, config);
  app.enableShutdownHooks();
  mountWebAssets(app);
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
