import { Global, Module } from '@nestjs/common';
import { ProjectionHost } from '@caretrail/projections';
import { ScopeAccess } from '../reads/scope-access.service';
import { ReadAuditLog } from '../audit/read-audit.log';
import { PROJECTION_PROVIDERS } from './projection-host.provider';

/** The read side: projections kept up to date, and who may read which scope. */
@Global()
@Module({
  providers: [...PROJECTION_PROVIDERS, ReadAuditLog, ScopeAccess],
  exports: [ProjectionHost, ReadAuditLog, ScopeAccess],
})
export class ProjectionsModule {}
