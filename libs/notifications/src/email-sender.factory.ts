import { LogEmailSender, NotifyEmailSender, type EmailSender } from './email-sender';
import type { NotifyConfig } from '@caretrail/config';

/** The e-mail sender the configuration asks for: GOV.UK Notify with a key, the log without. */
export function createEmailSender(config: NotifyConfig, log: (line: string) => void): EmailSender {
  return config.apiKey ? new NotifyEmailSender(config) : new LogEmailSender(log);
}

/** The start-up line that says where e-mail goes. */
export const senderBanner = (config: NotifyConfig): string =>
  config.apiKey
    ? `E-mail: GOV.UK Notify${config.baseUrl ? ` at ${config.baseUrl}` : ''}; ${Object.keys(config.templates).length} template ids set${config.defaultTemplate ? ', and a default' : ''}`
    : 'E-mail: no CARETRAIL_NOTIFY_API_KEY, so notifications are written to the log and no e-mail is sent';
