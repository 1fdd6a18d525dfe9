/**
 * @caretrail/notifications: e-mail through GOV.UK Notify (docs/notifications.md), shared by the API
 * and the projector process: the sender (Notify's official client, or the log without a key) and the
 * dispatcher that expands the outbox to contacts and sends it. Its configuration is @caretrail/config's
 * loadNotifyConfig; the outbox is written by @caretrail/projections' notification-intents.
 */
export * from './email-sender';
export * from './email-sender.factory';
export * from './notification-dispatcher';
export * from './contact-access';
