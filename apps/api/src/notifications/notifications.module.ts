import { Global, Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, loadNotifyConfig, type NotifyConfig } from '@caretrail/config';
import { createEmailSender, NotificationDispatcher, senderBanner, type ContactParty, type EmailSender, type MessageConcern } from '@caretrail/notifications';
import { isReadableConcern } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { readableConcerns } from '../access/read-access.policy';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';
import { AdminNotificationsController } from './admin-notifications.controller';
import { NotificationContactsController } from './notification-contacts.controller';
import { NotificationContactsStore } from './notification-contacts.store';
import { EMAIL_SENDER, NOTIFY_CONFIG } from './notification-tokens';
import { TodoCountInterceptor } from './todo/todo-count.interceptor';
import { TodoReader } from './todo/todo.reader';

const logger = new Logger('Notifications');

/** A contact is e-mailed about a concern only when the read policy lets a person of its organisation read it. */
const contactMayRead = (contact: ContactParty, concern: MessageConcern): boolean =>
  isReadableConcern(
    readableConcerns({
      userId: `contact:${contact.contactId}`,
      organisationId: contact.organisationId,
      organisationKind: contact.organisationKind,
      role: 'contact',
    } as unknown as Identity),
    concern,
  );

/** Runs the sender where the projections run: in this process when inline (or CARETRAIL_NOTIFY_SENDER=on). */
class NotificationsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly dispatcher: NotificationDispatcher,
    private readonly config: NotifyConfig,
    private readonly app: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    logger.log(senderBanner(this.config));
    const runs = this.config.sender === 'on' || (this.config.sender === 'auto' && this.app.CARETRAIL_PROJECTIONS === 'inline');
    if (runs) this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}

/**
 * E-mail through GOV.UK Notify (docs/notifications.md): contacts, the sender over the outbox, the
 * administrator's view, and the to-do lists the pages show. Global, so the pages read TodoReader.
 */
@Global()
@Module({
  controllers: [NotificationContactsController, AdminNotificationsController],
  providers: [
    { provide: NOTIFY_CONFIG, useFactory: () => loadNotifyConfig() },
    { provide: EMAIL_SENDER, inject: [NOTIFY_CONFIG], useFactory: (config: NotifyConfig) => createEmailSender(config, (line) => logger.log(line)) },
    { provide: NotificationContactsStore, inject: [READ_DATABASE], useFactory: (read: ReadDatabase) => new NotificationContactsStore(read.db) },
    {
      provide: NotificationDispatcher,
      inject: [READ_DATABASE, EMAIL_SENDER, NOTIFY_CONFIG],
      useFactory: (read: ReadDatabase, sender: EmailSender, config: NotifyConfig) =>
        new NotificationDispatcher({ db: read.db, sender, config, mayRead: contactMayRead, log: (line) => logger.log(line) }),
    },
    {
      provide: NotificationsLifecycle,
      inject: [NotificationDispatcher, NOTIFY_CONFIG, AppConfig],
      useFactory: (dispatcher: NotificationDispatcher, config: NotifyConfig, app: AppConfig) => new NotificationsLifecycle(dispatcher, config, app),
    },
    {
      provide: TodoReader,
      inject: [READ_DATABASE, NOTIFY_CONFIG],
      useFactory: (read: ReadDatabase, config: NotifyConfig) => new TodoReader(read.db, { actionsWithinWorkingDays: config.actionsDueWithinWorkingDays }),
    },
    { provide: APP_INTERCEPTOR, useClass: TodoCountInterceptor },
  ],
  exports: [TodoReader, NOTIFY_CONFIG, NotificationDispatcher],
})
export class NotificationsModule {
  constructor(@Inject(NOTIFY_CONFIG) readonly config: NotifyConfig) {}
}
