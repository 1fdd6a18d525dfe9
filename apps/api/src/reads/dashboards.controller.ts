import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { dashboard, type Dashboard } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { toLondonDate } from '@caretrail/timeline';
import { readableConcerns, readAccess } from '../access/read-access.policy';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { FreshnessQueryDto } from './read-query.dto';
import { ScopeAccess } from './scope-access.service';
import { ReadAuditLog } from '../audit/read-audit.log';
import { ApiRead } from '../openapi/api-operations';
import { DashboardDto } from '../openapi/read-responses.dto';

/**
 * What needs attention: open concerns by level and age, plans awaiting council review, overdue
 * updates and actions, services without a registered manager.
 */
@ApiTags('dashboards')
@Controller('dashboards')
export class DashboardsController {
  constructor(
    private readonly scopes: ScopeAccess,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
    private readonly audit: ReadAuditLog,
  ) {}

  @ApiRead("Read a council's dashboard", "The council's open concerns and what is due or overdue across its portfolio.", DashboardDto)
  @Get('councils/:councilId')
  async council(@Param('councilId', ParseUUIDPipe) councilId: string, @Query() q: FreshnessQueryDto, @CurrentIdentity() who: Identity): Promise<Dashboard> {
    readAccess.council(who, councilId);
    await this.scopes.waitFor(q.minPosition);
    return dashboard(this.read.db, { councilId, readableConcerns: readableConcerns(who) }, { on: toLondonDate(new Date()) });
  }

  @ApiRead("Read a provider's dashboard", "The provider's open concerns and what it owes, service by service.", DashboardDto)
  @Get('providers/:providerId')
  async provider(@Param('providerId', ParseUUIDPipe) providerId: string, @Query() q: FreshnessQueryDto, @CurrentIdentity() who: Identity): Promise<Dashboard> {
    readAccess.provider(who, providerId);
    this.audit.record(who, 'read', { kind: 'dashboards', id: providerId }, providerId);
    await this.scopes.waitFor(q.minPosition);
    return dashboard(this.read.db, { providerId, readableConcerns: readableConcerns(who) }, { on: toLondonDate(new Date()) });
  }
}
