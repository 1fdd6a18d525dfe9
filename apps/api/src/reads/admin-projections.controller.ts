import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WrongPartyError } from '@caretrail/domain';
import { ProjectionHost, type ProjectionStatus, type RebuildProgress } from '@caretrail/projections';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { ApiAccepted, ApiRead } from '../openapi/api-operations';
import { ProjectionsStatusDto, RebuildStartedDto } from '../openapi/read-responses.dto';

const adminOnly = (who: Identity) => {
  if (who.organisationKind !== 'admin') throw new WrongPartyError('admin-only', 'Only an administrator manages projections');
};

/**
 * Projection status and rebuilds. A rebuild runs beside the serving model and switches when caught up.
 * Each status lists the serving generation's faults (`faultCount`, and the first 100 in `faults`:
 * projection, kind, position, event id, type, stream, error): events it could not apply or read,
 * recorded and passed. A rebuild retries every one of them; those that now apply leave no fault.
 */
@ApiTags('admin')
@Controller('admin/projections')
export class AdminProjectionsController {
  private readonly logger = new Logger('Projections');

  constructor(private readonly host: ProjectionHost) {}

  /** Every projection's position, lag, last error, faults and the last rebuild's progress. */
  @ApiRead('Read the projections', 'Administrators: each read model, its position and lag, its faults and any rebuild in progress.', ProjectionsStatusDto)
  @Get()
  async status(@CurrentIdentity() who: Identity): Promise<{ projections: (ProjectionStatus & { rebuild: RebuildProgress | null })[] }> {
    adminOnly(who);
    const statuses = await this.host.status();
    return { projections: statuses.map((s) => ({ ...s, rebuild: this.host.rebuildProgress(s.name) })) };
  }

  /** Starts a rebuild and answers at once (202); poll GET /admin/projections for its progress. */
  @ApiAccepted(
    'Rebuild a projection',
    'Administrators: rebuilds a read model from the feed in the background (202); the status read shows its progress.',
    RebuildStartedDto,
  )
  @Post(':name/rebuild')
  @HttpCode(202)
  rebuild(@Param('name') name: string, @CurrentIdentity() who: Identity): { projection: string; started: true } {
    adminOnly(who);
    this.host.runner(name);
    void this.host
      .rebuild(name)
      .catch((error: unknown) => this.logger.error(`Rebuild of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
    return { projection: name, started: true };
  }
}
