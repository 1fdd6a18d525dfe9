import { Controller, Get, Headers, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost, type ProjectionStatus } from '@caretrail/projections';
import { PublicRoute } from '../identity/bearer-auth.guard';
import { IDENTITY_RESOLVER, type IdentityResolver } from '../identity/identity-resolver';
import { ApiRead } from '../openapi/api-operations';
import { HealthDto } from '../openapi/read-responses.dto';

/** A projection is degraded while it has recorded faults (events it could not apply or read) or its last page failed. */
const isDegraded = (s: ProjectionStatus): boolean => s.faultCount > 0 || s.lastError !== null;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionHost,
    @Inject(IDENTITY_RESOLVER) private readonly identities: IdentityResolver,
  ) {}

  /**
   * `ok`, or `degraded` while a projection has recorded faults or is failing (the API still serves:
   * 200 either way). Everyone sees the status, the feed's head and each projection's lag; only an
   * administrator (a bearer token of the admin organisation) sees why: the last error and the faults
   * (projection, position, event id, error). A missing or invalid token just gets the public answer.
   */
  @PublicRoute()
  @ApiRead(
    'Check health',
    "`ok`, or `degraded` while a projection has recorded faults or is failing (200 either way): the feed head and each projection's lag. An administrator's token also shows the faults. Needs no token.",
    HealthDto,
  )
  @Get()
  async health(@Headers('authorization') authorization?: string) {
    const [headPosition, statuses, administrator] = await Promise.all([
      this.store.headPosition(),
      this.projections.status(),
      this.isAdministrator(authorization),
    ]);
    const status = statuses.some(isDegraded) ? ('degraded' as const) : ('ok' as const);
    return {
      status,
      headPosition,
      projections: statuses.map((s) => ({
        name: s.name,
        status: isDegraded(s) ? ('degraded' as const) : ('ok' as const),
        position: s.position,
        lagPositions: s.lagPositions,
        lagSeconds: s.lagSeconds,
        following: s.following,
        ...(administrator
          ? {
              lastError: s.lastError,
              faultCount: s.faultCount,
              faults: s.faults.map(({ kind, globalPosition, eventId, eventType, streamId, error, recordedAt }) => ({
                projection: s.name,
                kind,
                position: globalPosition,
                eventId,
                eventType,
                streamId,
                error,
                recordedAt,
              })),
            }
          : {}),
      })),
    };
  }

  private async isAdministrator(authorization: string | undefined): Promise<boolean> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return false;
    try {
      return (await this.identities.resolve(token))?.organisationKind === 'admin';
    } catch {
      return false; // the identity provider away: health still answers, without the details
    }
  }
}
