import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import { PublicRoute } from '../identity/bearer-auth.guard';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionHost,
  ) {}

  /** The feed's head and each projection's lag behind it, in positions and in seconds. */
  @PublicRoute()
  @Get()
  async health() {
    const [headPosition, statuses] = await Promise.all([this.store.headPosition(), this.projections.status()]);
    return {
      status: 'ok' as const,
      headPosition,
      projections: statuses.map(({ name, position, lagPositions, lagSeconds, following, lastError }) => ({
        name,
        position,
        lagPositions,
        lagSeconds,
        following,
        lastError,
      })),
    };
  }
}
