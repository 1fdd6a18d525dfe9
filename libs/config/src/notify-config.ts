import { readFileSync } from 'node:fs';
import { ConfigError } from './app-config';

/** Kinds of message, each with its own template id setting (CARETRAIL_NOTIFY_TEMPLATE_<KIND>). */
export const MESSAGE_KINDS = [
  'concern-notified',
  'plan-submitted',
  'plan-returned',
  'plan-accepted',
  'claim-made',
  'claim-verified',
  'claim-rejected',
  'escalation',
  'suspension',
  'update-due-soon',
  'update-overdue',
  'plan-due',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const templateVariable = (kind: string): string => `CARETRAIL_NOTIFY_TEMPLATE_${kind.toUpperCase().replace(/-/g, '_')}`;

/**
 * GOV.UK Notify settings (docs/notifications.md), read from the environment beside AppConfig: the API
 * and the projector both load them here (loadNotifyConfig), and @caretrail/notifications sends with them.
 */
export interface NotifyConfig {
  /** The Notify API key (`name-serviceId-secret`); null: messages are written to the log instead. */
  apiKey: string | null;
  /** Notify's API address; default Notify's own. A test or a proxy sets it. */
  baseUrl: string | null;
  /** Template id per kind; kinds without one use `defaultTemplate`. */
  templates: Partial<Record<MessageKind, string>>;
  defaultTemplate: string | null;
  /** The pages' public address, for links in e-mails. */
  publicUrl: string;
  /** How often the sender looks for messages to send. */
  pollMs: number;
  /** How often clock reminders are looked for. */
  clockMs: number;
  /** A message being sent by a process that died is taken over after this long (and looked up at Notify first). */
  leaseMs: number;
  /** The first retry after a temporary failure; each further one waits twice as long, up to retryMaxMs. */
  retryMs: number;
  retryMaxMs: number;
  /** Temporary failures before a message is given up as failed. */
  maxAttempts: number;
  /** One call to Notify may take this long. */
  timeoutMs: number;
  /** Events recorded longer ago than this when first seen are not sent (a first start on an old record). */
  catchUpMs: number;
  /** Whether this process sends: 'auto' sends where the projections run (inline API, or the projector). */
  sender: 'auto' | 'on' | 'off';
  /** The to-do page lists actions due within this many working days. */
  actionsDueWithinWorkingDays: number;
}

const NOTIFY_KEY = /^[A-Za-z0-9_\-]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function loadNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number >= ${min}`);
      return fallback;
    }
    return value;
  };

  let apiKey = env['CARETRAIL_NOTIFY_API_KEY'] || null;
  const keyFile = env['CARETRAIL_NOTIFY_API_KEY_FILE'];
  if (keyFile) {
    if (apiKey) problems.push('Set CARETRAIL_NOTIFY_API_KEY or CARETRAIL_NOTIFY_API_KEY_FILE, not both');
    else {
      try {
        apiKey = readFileSync(keyFile, 'utf8').trim();
      } catch (error) {
        problems.push(`CARETRAIL_NOTIFY_API_KEY_FILE=${keyFile} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  }
  // The key itself is never echoed.
  if (apiKey && !NOTIFY_KEY.test(apiKey))
    problems.push('CARETRAIL_NOTIFY_API_KEY: not a GOV.UK Notify API key (key name, service id and secret, as Notify shows it)');

  const baseUrl = env['CARETRAIL_NOTIFY_BASE_URL'] || null;
  if (baseUrl && !/^https?:\/\/[^\s]+$/.test(baseUrl)) problems.push(`CARETRAIL_NOTIFY_BASE_URL=${JSON.stringify(baseUrl)}: must be an http(s) address`);

  const templates: Partial<Record<MessageKind, string>> = {};
  for (const kind of MESSAGE_KINDS) {
    const id = env[templateVariable(kind)];
    if (!id) continue;
    if (!UUID.test(id)) problems.push(`${templateVariable(kind)}=${JSON.stringify(id)}: must be a Notify template id (a UUID)`);
    templates[kind] = id;
  }
  const defaultTemplate = env['CARETRAIL_NOTIFY_TEMPLATE_DEFAULT'] || null;
  if (defaultTemplate && !UUID.test(defaultTemplate))
    problems.push(`CARETRAIL_NOTIFY_TEMPLATE_DEFAULT=${JSON.stringify(defaultTemplate)}: must be a Notify template id (a UUID)`);

  const publicUrl = (env['CARETRAIL_PUBLIC_URL'] || 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) problems.push(`CARETRAIL_PUBLIC_URL=${JSON.stringify(publicUrl)}: must be an http(s) address`);

  const sender = (env['CARETRAIL_NOTIFY_SENDER'] || 'auto') as NotifyConfig['sender'];
  if (!['auto', 'on', 'off'].includes(sender)) problems.push(`CARETRAIL_NOTIFY_SENDER=${JSON.stringify(sender)}: must be auto, on or off`);

  const config: NotifyConfig = {
    apiKey,
    baseUrl,
    templates,
    defaultTemplate,
    publicUrl,
    pollMs: whole('CARETRAIL_NOTIFY_POLL_MS', 1000, 10),
    clockMs: whole('CARETRAIL_NOTIFY_CLOCK_MS', 60_000, 10),
    leaseMs: whole('CARETRAIL_NOTIFY_LEASE_MS', 120_000, 10),
    retryMs: whole('CARETRAIL_NOTIFY_RETRY_MS', 5_000, 1),
    retryMaxMs: whole('CARETRAIL_NOTIFY_RETRY_MAX_MS', 15 * 60_000, 1),
    maxAttempts: whole('CARETRAIL_NOTIFY_MAX_ATTEMPTS', 10, 1),
    timeoutMs: whole('CARETRAIL_NOTIFY_TIMEOUT_MS', 30_000, 100),
    catchUpMs: whole('CARETRAIL_NOTIFY_CATCH_UP_MS', 3 * 24 * 60 * 60 * 1000, 0),
    sender,
    actionsDueWithinWorkingDays: whole('CARETRAIL_TODO_DUE_WITHIN_WORKING_DAYS', 5, 0),
  };
  if (config.leaseMs <= config.timeoutMs)
    problems.push('CARETRAIL_NOTIFY_LEASE_MS must be longer than CARETRAIL_NOTIFY_TIMEOUT_MS (a send in progress must not be taken over)');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

/** The template for a kind, or null when none is configured. */
export const templateFor = (config: NotifyConfig, kind: string): string | null => config.templates[kind as MessageKind] ?? config.defaultTemplate;
