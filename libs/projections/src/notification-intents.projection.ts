import type { RecordedEvent } from '@caretrail/event-store';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { StreamHistories, type StreamReader } from './stream-histories';
import { toLondonDate } from './timeline-lib';

export const NOTIFICATION_INTENTS = 'notification-intents';

/** The messages an event leads to, and which party of the concern each goes to. */
export const EVENT_MESSAGE_KINDS = {
  ConcernNotifiedToProvider: { kind: 'concern-notified', to: 'provider' },
  ActionPlanSubmitted: { kind: 'plan-submitted', to: 'council' },
  ActionPlanReturned: { kind: 'plan-returned', to: 'provider' },
  ActionPlanAccepted: { kind: 'plan-accepted', to: 'provider' },
  ActionCompletionClaimed: { kind: 'claim-made', to: 'council' },
  ActionVerified: { kind: 'claim-verified', to: 'provider' },
  ActionVerificationRejected: { kind: 'claim-rejected', to: 'provider' },
  ConcernEscalated: { kind: 'escalation', to: 'provider' },
  PlacementsSuspended: { kind: 'suspension', to: 'provider' },
} as const satisfies Record<string, { kind: string; to: 'provider' | 'council' }>;

/** Events recorded longer ago than this when first seen are kept as 'stale', never sent (a first start on an old record). */
export const DEFAULT_NOTIFY_CATCH_UP_MS = 3 * 24 * 60 * 60 * 1000;

/** What every template is given (GOV.UK Notify needs each placeholder filled): plain text, no personal data of people who use services. */
export interface MessagePersonalisation {
  subject: string;
  detail: string;
  concern_reference: string;
  concern_link: string;
  category: string;
  service_name: string;
  due_on: string;
  [field: string]: string;
}

export interface OutboxMessage {
  reference: string;
  kind: string;
  organisationId: string;
  concernId: string | null;
  councilId: string | null;
  providerId: string | null;
  serviceId: string | null;
  personalisation: MessagePersonalisation;
  sourcePosition: number | null;
}

/** One message row; a message already there (same reference) is left as it is, so replays never double one. */
export async function addToOutbox(trx: Pick<ReadTrx, 'insertInto'>, message: OutboxMessage, status: 'pending' | 'stale', now: Date): Promise<void> {
  await trx
    .insertInto('notification_outbox')
    .values({
      reference: message.reference,
      kind: message.kind,
      organisation_id: message.organisationId,
      concern_id: message.concernId,
      council_id: message.councilId,
      provider_id: message.providerId,
      service_id: message.serviceId,
      personalisation: JSON.stringify(message.personalisation),
      source_position: message.sourcePosition,
      status,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .execute();
}

interface ConcernParties {
  concernId: string;
  councilId: string;
  providerId: string;
  serviceId: string;
  category: string;
  serviceName: string;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The subject and one-line detail of an event's message. */
function describe(event: RecordedEvent, kind: string, c: ConcernParties): { subject: string; detail: string; dueOn: string } {
  const d = event.data;
  const where = `${c.serviceName} (${c.category.replace(/_/g, ' ')} concern)`;
  switch (kind) {
    case 'concern-notified':
      return {
        subject: `A concern has been raised about ${c.serviceName}`,
        detail: `The council has raised a concern about ${where} and notified you. Please acknowledge it.`,
        dueOn: '',
      };
    case 'plan-submitted':
      return {
        subject: `Action plan version ${text(d['version'])} submitted for ${c.serviceName}`,
        detail: `The provider submitted version ${text(d['version'])} of the action plan for ${where}. It awaits your review.`,
        dueOn: '',
      };
    case 'plan-returned':
      return {
        subject: `Action plan returned for ${c.serviceName}`,
        detail: `The council returned version ${text(d['version'])} of the action plan for ${where}: ${Array.isArray(d['reasons']) ? d['reasons'].map(text).join('; ') : text(d['reasons'])}`,
        dueOn: '',
      };
    case 'plan-accepted':
      return {
        subject: `Action plan accepted for ${c.serviceName}`,
        detail: `The council accepted version ${text(d['version'])} of the action plan for ${where}. Updates are now due on the agreed cadence.`,
        dueOn: '',
      };
    case 'claim-made':
      return {
        subject: `Action ${text(d['actionId'])} claimed complete at ${c.serviceName}`,
        detail: `The provider claims action ${text(d['actionId'])} of ${where} is complete. It awaits your verification.`,
        dueOn: '',
      };
    case 'claim-verified':
      return {
        subject: `Action ${text(d['actionId'])} verified at ${c.serviceName}`,
        detail: `The council verified action ${text(d['actionId'])} of ${where}.`,
        dueOn: '',
      };
    case 'claim-rejected':
      return {
        subject: `Action ${text(d['actionId'])} not verified at ${c.serviceName}`,
        detail: `The council did not verify action ${text(d['actionId'])} of ${where}: ${text(d['reason'])}`,
        dueOn: '',
      };
    case 'escalation':
      return {
        subject: `Concern escalated for ${c.serviceName}`,
        detail: `The council escalated ${where} from level ${text(d['fromLevel'])} to level ${text(d['toLevel'])}: ${text(d['reason'])}`,
        dueOn: '',
      };
    case 'suspension':
      return {
        subject: `Placements suspended at ${c.serviceName}`,
        detail: `The council suspended placements at ${c.serviceName} under ${where}: ${text(d['reason'])}`,
        dueOn: '',
      };
    default:
      return { subject: `CareTrail: ${kind}`, detail: `${event.type} on ${where}`, dueOn: toLondonDate(event.occurredAt) };
  }
}

/**
 * Turns the feed into outbox messages (docs/notifications.md): each event of EVENT_MESSAGE_KINDS gives
 * one message to the party it concerns, with the reference `<kind>:<event id>:<organisation>`. It
 * writes no read model of its own (no generation): rows go into the outbox once, so a replay, a
 * restart or a rebuild finds them there and adds nothing; the checkpoint and the rows commit together.
 * Who of that organisation is e-mailed, and whether they may read the concern, is decided when sent.
 */
export function notificationIntentsProjection(streams: StreamReader, options: { catchUpMs?: number; now?: () => Date } = {}): Projection {
  const histories = StreamHistories.over(streams);
  const catchUpMs = options.catchUpMs ?? DEFAULT_NOTIFY_CATCH_UP_MS;
  const now = options.now ?? (() => new Date());
  const first = async (stream: string): Promise<RecordedEvent | undefined> => (await histories.readStream(stream, { toVersion: 1 }))[0];

  const partiesOf = async (concernStream: string): Promise<ConcernParties | null> => {
    const raised = await first(concernStream);
    if (!raised || raised.type !== 'ConcernRaised') return null;
    const d = raised.data;
    const [concernId, councilId, providerId, serviceId] = [d['concernId'], d['councilId'], d['providerId'], d['serviceId']].map(text);
    if (!concernId || !councilId || !providerId) return null;
    const service = await first(`service-${serviceId}`).catch(() => undefined);
    const serviceName = service?.type === 'ServiceRegistered' ? text(service.data['name']) : serviceId;
    return { concernId, councilId, providerId, serviceId, category: text(d['category']), serviceName };
  };

  return {
    name: NOTIFICATION_INTENTS,
    version: 1,
    tables: [],
    async apply(trx: ReadTrx, events: readonly RecordedEvent[], { reportUnreadable }: ProjectionContext) {
      histories.notePage(events);
      const at = now();
      for (const event of events) {
        const message = EVENT_MESSAGE_KINDS[event.type as keyof typeof EVENT_MESSAGE_KINDS];
        if (!message || !event.streamId.startsWith('concern-')) continue;
        const parties = await partiesOf(event.streamId);
        if (!parties) continue;
        const organisationId = message.to === 'provider' ? parties.providerId : parties.councilId;
        let described: ReturnType<typeof describe>;
        try {
          described = describe(event, message.kind, parties);
        } catch (error) {
          // Data this cannot read (an old or damaged event) gives no message; the read models show it as a fault.
          reportUnreadable?.(event, error instanceof Error ? error.message : String(error));
          continue;
        }
        const { subject, detail, dueOn } = described;
        const stale = at.getTime() - Date.parse(event.recordedAt) > catchUpMs;
        await addToOutbox(
          trx,
          {
            reference: `${message.kind}:${event.eventId}:${organisationId}`,
            kind: message.kind,
            organisationId,
            concernId: parties.concernId,
            councilId: parties.councilId,
            providerId: parties.providerId,
            serviceId: parties.serviceId,
            personalisation: {
              subject,
              detail,
              concern_reference: parties.concernId,
              concern_link: `/app/concerns/${parties.concernId}`,
              category: parties.category.replace(/_/g, ' '),
              service_name: parties.serviceName,
              due_on: dueOn,
            },
            sourcePosition: event.globalPosition,
          },
          stale ? 'stale' : 'pending',
          at,
        );
      }
    },
  };
}
