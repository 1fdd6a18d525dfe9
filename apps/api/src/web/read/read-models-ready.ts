import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import { DASHBOARD, ProjectionHost, ProjectionNotCaughtUpError, SCOPE_EVENTS, TIMELINE } from '@caretrail/projections';

/**
 * Pages that show a record's timeline from the read model wait (bounded, as the API's reads do) until
 * the model has applied the record's last event, so a person who has just recorded something sees it.
 */
@Injectable()
export class ReadModelsReady {
  constructor(
    private readonly projections: ProjectionHost,
    private readonly config: AppConfig,
  ) {}

  /** The timeline model (and, with `withDashboard`, the dashboard model the service page lists concerns from). */
  async timelineUpTo(position: number | null, withDashboard = false): Promise<void> {
    if (position === null) return;
    try {
      await this.projections.waitFor(position, this.config.CARETRAIL_READ_WAIT_MS, withDashboard ? [TIMELINE, DASHBOARD] : [TIMELINE]);
    } catch (error) {
      if (error instanceof ProjectionNotCaughtUpError) {
        throw new ServiceUnavailableException('The timeline is still being brought up to date. Try again in a moment.');
      }
      throw error;
    }
  }

  /** The organisations the lists show (the scope-events model) up to this position, bounded the same way. */
  async organisationsUpTo(position: number): Promise<void> {
    try {
      await this.projections.waitFor(position, this.config.CARETRAIL_READ_WAIT_MS, [SCOPE_EVENTS]);
    } catch (error) {
      if (error instanceof ProjectionNotCaughtUpError) {
        throw new ServiceUnavailableException('The list of organisations is still being brought up to date. Try again in a moment.');
      }
      throw error;
    }
  }

  /** The services the services list shows (the dashboard model) up to this position, bounded the same way. */
  async servicesUpTo(position: number): Promise<void> {
    try {
      await this.projections.waitFor(position, this.config.CARETRAIL_READ_WAIT_MS, [DASHBOARD]);
    } catch (error) {
      if (error instanceof ProjectionNotCaughtUpError) {
        throw new ServiceUnavailableException('The list of services is still being brought up to date. Try again in a moment.');
      }
      throw error;
    }
  }
}
