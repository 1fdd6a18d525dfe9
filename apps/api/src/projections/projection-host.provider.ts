import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AppConfig, loadNotifyConfig } from '@caretrail/config';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { careTrailProjections, notificationIntentsProjection, ProjectionHost } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { EventsRecorded } from '../commands/events-recorded.event';
import { READ_DATABASE } from '../store/store.module';

export const createProjectionHost = (store: EventStore, read: ReadDatabase): ProjectionHost =>
  new ProjectionHost({
    store,
    db: read.db,
    dialect: read.dialect,
    // The outbox of e-mail notifications is kept from the feed like a read model (docs/notifications.md).
    projections: [...careTrailProjections(store), notificationIntentsProjection(store, { catchUpMs: loadNotifyConfig().catchUpMs })],
    onError: (error, projection) => new Logger('Projections').error(`${projection}: ${error instanceof Error ? error.message : String(error)}`),
  });

/** Runs the projections inside the API process, unless a standalone projector does (CARETRAIL_PROJECTIONS=external). */
@Injectable()
export class InlineProjections implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly host: ProjectionHost,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.CARETRAIL_PROJECTIONS === 'inline') await this.host.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}

/** An append in this process wakes the projections at once instead of at their next poll. */
@EventsHandler(EventsRecorded)
export class WakeProjectionsOnRecord implements IEventHandler<EventsRecorded> {
  constructor(private readonly host: ProjectionHost) {}

  handle(): void {
    this.host.poke();
  }
}

export const PROJECTION_PROVIDERS = [
  { provide: ProjectionHost, inject: [EVENT_STORE, READ_DATABASE], useFactory: createProjectionHost },
  InlineProjections,
  WakeProjectionsOnRecord,
];
