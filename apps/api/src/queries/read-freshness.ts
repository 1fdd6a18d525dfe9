import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import { ProjectionHost, ProjectionNotCaughtUpError } from '@caretrail/projections';

/** Waits (bounded) until the read models include a position the client wrote, so a user who records something sees it at once. */
@Injectable()
export class ReadFreshness {
  constructor(
    private readonly projections: ProjectionHost,
    private readonly config: AppConfig,
  ) {}

  async waitFor(position: number | undefined): Promise<void> {
    if (position === undefined) return;
    try {
      await this.projections.waitFor(position, this.config.CARETRAIL_READ_WAIT_MS);
    } catch (error) {
      if (error instanceof ProjectionNotCaughtUpError) {
        throw new ServiceUnavailableException(`The read models have not reached position ${position} yet; try again shortly`);
      }
      throw error;
    }
  }
}
