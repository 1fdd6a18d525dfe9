/** Injection tokens of the notifications module. */
export const NOTIFY_CONFIG = Symbol('NOTIFY_CONFIG');
export const EMAIL_SENDER = Symbol('EMAIL_SENDER');
