import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@caretrail/config';
import { ConfigModule } from './config/config.module';
import { CommandsModule } from './commands/commands.module';
import { IdempotencyInterceptor } from './commands/idempotency.interceptor';
import { HttpErrorFilter } from './errors/http-error.filter';
import { createValidationPipe } from './errors/validation-pipe';
import { HealthController } from './health/health.controller';
import { AccessPolicyGuard } from './access/access-policy.guard';
import { ReadAuditController } from './audit/read-audit.controller';
import { BearerAuthGuard } from './identity/bearer-auth.guard';
import { identityResolverProvider } from './identity/identity-resolver.provider';
import { IdentityThrottlerGuard } from './security/identity-throttler.guard';
import { SecurityModule } from './security/auth-failure-limiter';
import { RESOURCE_MODULES } from './resources/resource-modules';
import { ProjectionsModule } from './projections/projections.module';
import { QueriesModule } from './queries/queries.module';
import { READ_CONTROLLERS } from './reads/read-controllers';
import { StoreModule } from './store/store.module';
import { WebModule } from './web/web.module';
import { ReportsModule } from './reports/reports.module';
import { EvidenceModule } from './evidence/evidence.module';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: config.CARETRAIL_RATE_WINDOW_MS, limit: config.CARETRAIL_RATE_LIMIT }] }),
        SecurityModule,
        StoreModule,
        CommandsModule,
        ...RESOURCE_MODULES,
        ProjectionsModule,
        QueriesModule,
        EvidenceModule,
        ReportsModule,
        WebModule,
        NotificationsModule,
      ],
      controllers: [HealthController, ...READ_CONTROLLERS, ReadAuditController],
      providers: [
        identityResolverProvider,
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        // Order matters: who is asking, then how often they ask, then whether they may.
        { provide: APP_GUARD, useClass: IdentityThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
