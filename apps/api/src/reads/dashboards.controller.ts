import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Dashboard } from '@caretrail/projections';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { ReadDashboardQuery } from '../queries/read-dashboard.query';
import { FreshnessQueryDto } from './read-query.dto';
import { ApiRead } from '../openapi/api-operations';
import { DashboardDto } from '../openapi/read-responses.dto';

/**
 * What needs attention: open concerns by level and age, plans awaiting council review, overdue
 * updates and actions, services without a registered manager.
 */
@ApiTags('dashboards')
@Controller('dashboards')
export class DashboardsController {
  constructor(private readonly queries: QueryBus) {}

  @ApiRead("Read a council's dashboard", "The council's open concerns and what is due or overdue across its portfolio.", DashboardDto)
  @Get('councils/:councilId')
  council(@Param('councilId', ParseUUIDPipe) councilId: string, @Query() q: FreshnessQueryDto, @CurrentIdentity() who: Identity): Promise<Dashboard> {
    return this.queries.execute(new ReadDashboardQuery(who, 'councils', councilId, q.minPosition));
  }

  @ApiRead("Read a provider's dashboard", "The provider's open concerns and what it owes, service by service.", DashboardDto)
  @Get('providers/:providerId')
  provider(@Param('providerId', ParseUUIDPipe) providerId: string, @Query() q: FreshnessQueryDto, @CurrentIdentity() who: Identity): Promise<Dashboard> {
    return this.queries.execute(new ReadDashboardQuery(who, 'providers', providerId, q.minPosition));
  }
}
