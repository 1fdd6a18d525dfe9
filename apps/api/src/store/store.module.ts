import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CommandExecutor } from '@caretrail/application';
import { AppConfig, createEventStore, openConfiguredReadDatabase } from '@caretrail/config';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { IdempotencyStore, type ReadDatabase } from '@caretrail/read-store';

export const READ_DATABASE = Symbol('READ_DATABASE');

/** Binds the EventStore port to the configured adapter, and the read database beside it. */
@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [AppConfig], useFactory: (config: AppConfig) => createEventStore(config) },
    { provide: READ_DATABASE, inject: [AppConfig], useFactory: openConfiguredReadDatabase },
    { provide: CommandExecutor, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CommandExecutor(store) },
    { provide: IdempotencyStore, inject: [READ_DATABASE], useFactory: (read: ReadDatabase) => new IdempotencyStore(read.db) },
  ],
  exports: [EVENT_STORE, READ_DATABASE, CommandExecutor, IdempotencyStore],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.store.close(), this.read.close()]);
  }
}
