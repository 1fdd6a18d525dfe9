import { NotifyClient } from 'notifications-node-client';
import type { NotifyConfig } from '@caretrail/config';

export interface EmailRequest {
  templateId: string | null;
  emailAddress: string;
  personalisation: Record<string, string>;
  /** Notify's `reference`: deterministic per message and contact. */
  reference: string;
}

/** A refusal or failure from Notify: `permanent` ones (a bad address, a 400) are never retried. */
export class EmailSendError extends Error {
  override readonly name = 'EmailSendError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Where e-mails go: GOV.UK Notify, or the log when no key is configured. */
export interface EmailSender {
  readonly mode: 'notify' | 'log';
  /** Sends one e-mail; resolves with Notify's notification id (null in the log). */
  send(request: EmailRequest): Promise<string | null>;
  /** Notify's id of an e-mail already sent with this reference, or null: asked before a retry, so nothing is sent twice. */
  findSent(reference: string): Promise<string | null>;
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new EmailSendError(`GOV.UK Notify did not answer within ${ms} ms`, false)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/** Notify's errors as the client raises them (axios): 400 and 403 are permanent, 429, 5xx and network failures temporary. */
export function classifyNotifyError(error: unknown): EmailSendError {
  if (error instanceof EmailSendError) return error;
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } } }).response;
  const status = response?.status;
  const details = (response?.data?.errors ?? []).map((e) => `${e.error ?? ''}: ${e.message ?? ''}`).join('; ');
  if (status === undefined) return new EmailSendError(`GOV.UK Notify could not be reached: ${(error as Error)?.message ?? String(error)}`, false);
  const permanent = status >= 400 && status < 500 && status !== 429 && status !== 408;
  return new EmailSendError(`GOV.UK Notify answered ${status}${details ? ` (${details})` : ''}`, permanent);
}

export class NotifyEmailSender implements EmailSender {
  readonly mode = 'notify' as const;
  private readonly client: NotifyClient;

  constructor(private readonly config: Pick<NotifyConfig, 'apiKey' | 'baseUrl' | 'timeoutMs'>) {
    if (!config.apiKey) throw new Error('NotifyEmailSender needs an API key');
    this.client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey);
  }

  async send(request: EmailRequest): Promise<string | null> {
    if (!request.templateId) throw new EmailSendError('No template id is configured for this kind of message', true);
    try {
      const response = await withTimeout(
        this.client.sendEmail(request.templateId, request.emailAddress, { personalisation: request.personalisation, reference: request.reference }),
        this.config.timeoutMs,
      );
      return String((response.data as { id?: string }).id ?? '');
    } catch (error) {
      throw classifyNotifyError(error);
    }
  }

  async findSent(reference: string): Promise<string | null> {
    try {
      const response = await withTimeout(this.client.getNotifications('email', undefined, reference), this.config.timeoutMs);
      const found = ((response.data as { notifications?: { id: string; reference?: string }[] }).notifications ?? []).find((n) => n.reference === reference);
      return found ? found.id : null;
    } catch (error) {
      // Looking up never gives up a message: any failure is temporary.
      const classified = classifyNotifyError(error);
      throw new EmailSendError(`looking up reference at GOV.UK Notify: ${classified.message}`, false);
    }
  }
}

/** Without a key: each e-mail is written to the log (contact by id, never the address) and counts as sent. */
export class LogEmailSender implements EmailSender {
  readonly mode = 'log' as const;
  constructor(private readonly log: (line: string) => void) {}

  async send(request: EmailRequest): Promise<string | null> {
    this.log(`e-mail not sent (no CARETRAIL_NOTIFY_API_KEY): ${request.reference} "${request.personalisation['subject'] ?? ''}"`);
    return null;
  }

  async findSent(): Promise<string | null> {
    return null;
  }
}
