import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { templateFor, type NotifyConfig } from '@caretrail/config';
import { activeGeneration, addToOutbox, DASHBOARD, type ReadDb } from '@caretrail/projections';
import { addDays, govukDate as day, toLondonDate, workingDaysBetween } from '@caretrail/timeline';
import { EmailSendError, type EmailSender } from './email-sender';

/** Overdue-update reminders are sent once, within this many working days of the due date (not for long-late updates on a first start). */
const OVERDUE_REMINDER_WINDOW = 10;
const BATCH = 50;

/** A contact as the read policy sees a person of its organisation. */
export interface ContactParty {
  contactId: string;
  organisationId: string;
  organisationKind: string;
}

/** The concern a message is about, as the read policy checks it. */
export interface MessageConcern {
  concernId: string;
  councilId: string | null;
  providerId: string | null;
}

export interface DispatcherOptions {
  db: ReadDb;
  sender: EmailSender;
  config: NotifyConfig;
  /** Whether this contact may read this concern: the access policy decides (the API's read policy, `readAccess.concern`). */
  mayRead: (contact: ContactParty, concern: MessageConcern) => boolean;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface DispatchCounts {
  expanded: number;
  sent: number;
  retried: number;
  failed: number;
  reminders: number;
}

/** Kinds a regulator's contact may ask for about any concern (regulators read across services). */
export const ACROSS_KINDS = new Set(['escalation', 'suspension']);

/**
 * Sends the outbox (docs/notifications.md). Three steps, each safe to repeat and to run in several
 * processes at once:
 * 1. clocks: reminders for updates and plans falling due, keyed by item and due date (added once);
 * 2. expand: each pending message gets one delivery per contact of its organisation who asked for
 *    its kind and may read its concern (the read policy decides), keyed `<message>:<contact>`;
 * 3. send: a delivery is claimed by a conditional update, sent with its key as Notify's `reference`,
 *    and marked sent. A claim left by a process that died is taken over after the lease, and then
 *    Notify is asked first whether that reference already arrived, so a kill -9 between sending and
 *    marking never sends twice. Temporary failures wait and retry with doubling delays; permanent
 *    ones (400s: a bad address, a bad template) are marked failed for an administrator.
 */
export class NotificationDispatcher {
  private readonly log: (line: string) => void;
  private readonly now: () => Date;
  private stopping: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private lastClock = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.log = options.log ?? ((line) => console.log(`[notifications] ${line}`));
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = this.follow(stopping.signal);
  }

  async stop(): Promise<void> {
    this.stopping?.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Look now rather than at the next poll. */
  poke(): void {
    this.wake?.();
  }

  /** One pass of every step (the loop's body; tests and the CLI call it directly). */
  async runOnce(options: { clocks?: boolean } = {}): Promise<DispatchCounts> {
    const counts: DispatchCounts = { expanded: 0, sent: 0, retried: 0, failed: 0, reminders: 0 };
    if (options.clocks ?? true) counts.reminders = await this.addClockReminders();
    counts.expanded = await this.expand();
    await this.sendDue(counts);
    return counts;
  }

  private async follow(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      try {
        const clocks = Date.now() - this.lastClock >= this.options.config.clockMs;
        if (clocks) this.lastClock = Date.now();
        await this.runOnce({ clocks });
      } catch (error) {
        this.log(`pass failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (stop.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.config.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Reminders from the dashboard's concern summaries against today (Europe/London). */
  async addClockReminders(): Promise<number> {
    const { db } = this.options;
    const at = this.now();
    const on = toLondonDate(at.toISOString());
    const rows = await db
      .selectFrom('concern_summaries as c')
      .leftJoin('service_managers as s', (join) => join.onRef('s.service_id', '=', 'c.service_id').onRef('s.generation', '=', 'c.generation'))
      .select([
        'c.concern_id',
        'c.council_id',
        'c.provider_id',
        'c.service_id',
        'c.category',
        'c.plan_status',
        'c.plan_due_on',
        'c.next_update_late_after',
        's.service_name',
      ])
      .where('c.generation', '=', activeGeneration(DASHBOARD))
      .where('c.state', '=', 'open')
      .execute();
    let added = 0;
    for (const r of rows) {
      const serviceName = r.service_name ?? r.service_id;
      const base = {
        concernId: r.concern_id,
        councilId: r.council_id,
        providerId: r.provider_id,
        serviceId: r.service_id,
        sourcePosition: null,
      };
      const personalisation = (subject: string, detail: string, dueOn: string) => ({
        subject,
        detail,
        concern_reference: r.concern_id,
        concern_link: `/app/concerns/${r.concern_id}`,
        category: r.category.replace(/_/g, ' '),
        service_name: serviceName,
        due_on: day(dueOn),
      });
      const add = async (kind: string, key: string, organisationId: string, subject: string, detail: string, dueOn: string) => {
        const reference = `${kind}:${r.concern_id}:${key}:${organisationId}`;
        const result = await db.selectFrom('notification_outbox').select('reference').where('reference', '=', reference).executeTakeFirst();
        if (result) return;
        await addToOutbox(db, { ...base, reference, kind, organisationId, personalisation: personalisation(subject, detail, dueOn) }, 'pending', at);
        added += 1;
      };
      const due = r.next_update_late_after;
      if (due) {
        const left = workingDaysBetween(on, due);
        if (left >= 0 && left <= 2) {
          await add(
            'update-due-soon',
            due,
            r.provider_id,
            `Plan update due for ${serviceName}`,
            `The next plan update for ${serviceName} is due by ${day(due)} (grace included).`,
            due,
          );
        } else if (left < 0 && -left >= 1 && -left <= OVERDUE_REMINDER_WINDOW) {
          const subject = `Plan update overdue for ${serviceName}`;
          const detail = `The plan update for ${serviceName} due by ${day(due)} has not been received.`;
          await add('update-overdue', due, r.provider_id, subject, detail, due);
          await add('update-overdue', due, r.council_id, subject, detail, due);
        }
      }
      if ((r.plan_status === 'requested' || r.plan_status === 'returned') && r.plan_due_on) {
        if (r.plan_due_on === addDays(on, 1) || r.plan_due_on === on) {
          await add(
            'plan-due',
            r.plan_due_on,
            r.provider_id,
            `Action plan due for ${serviceName}`,
            `The action plan for ${serviceName} is due on ${day(r.plan_due_on)}.`,
            r.plan_due_on,
          );
        }
      }
    }
    return added;
  }

  /** Pending messages become deliveries, one per contact who asked for the kind and may read the concern. */
  async expand(): Promise<number> {
    const { db } = this.options;
    const messages = await db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('reference')
      .limit(BATCH)
      .execute();
    let made = 0;
    for (const m of messages) {
      const contacts = await db
        .selectFrom('notification_contacts')
        .select(['contact_id', 'organisation_id', 'organisation_kind', 'kinds'])
        .where((eb) => eb.or([eb('organisation_id', '=', m.organisation_id), eb('organisation_kind', '=', 'regulator')]))
        .orderBy('contact_id')
        .execute();
      const at = this.now().toISOString();
      const deliveries = contacts
        .filter((c) => wantsKind(c, m.kind, m.organisation_id))
        .filter((c) => {
          if (m.concern_id === null) return c.organisation_id === m.organisation_id;
          if (
            this.options.mayRead(
              { contactId: c.contact_id, organisationId: c.organisation_id, organisationKind: c.organisation_kind },
              { concernId: m.concern_id, councilId: m.council_id, providerId: m.provider_id },
            )
          ) {
            return true;
          }
          this.log(`not e-mailed: contact ${c.contact_id} may not read concern ${m.concern_id} (${m.reference})`);
          return false;
        })
        .map((c) => ({
          reference: `${m.reference}:${c.contact_id}`,
          outbox_reference: m.reference,
          contact_id: c.contact_id,
          organisation_id: c.organisation_id,
          kind: m.kind,
          status: 'pending',
          attempts: 0,
          next_attempt_at: at,
          claimed_at: null,
          claim: null,
          notify_id: null,
          last_error: null,
          created_at: at,
          updated_at: at,
        }));
      await db.transaction().execute(async (trx) => {
        for (const d of deliveries) {
          await trx
            .insertInto('notification_deliveries')
            .values(d)
            .onConflict((oc) => oc.column('reference').doNothing())
            .execute();
        }
        await trx.updateTable('notification_outbox').set({ status: 'expanded' }).where('reference', '=', m.reference).where('status', '=', 'pending').execute();
      });
      made += deliveries.length;
    }
    return made;
  }

  private async sendDue(counts: DispatchCounts): Promise<void> {
    const { db } = this.options;
    for (;;) {
      const at = this.now();
      const cutoff = new Date(at.getTime() - this.options.config.leaseMs).toISOString();
      const due = await db
        .selectFrom('notification_deliveries')
        .select('reference')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at.toISOString())]),
            eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', cutoff)]),
          ]),
        )
        .orderBy('created_at')
        .orderBy('reference')
        .limit(BATCH)
        .execute();
      if (due.length === 0) return;
      let progressed = false;
      for (const { reference } of due) {
        const claimed = await this.claim(reference);
        if (!claimed) continue;
        progressed = true;
        await this.deliver(claimed, counts);
      }
      if (!progressed) return;
    }
  }

  /** Takes one delivery for this process: only one claimant's conditional update can succeed. */
  private async claim(
    reference: string,
  ): Promise<{ reference: string; claim: string; attempts: number; contactId: string; outboxReference: string; kind: string } | null> {
    const { db } = this.options;
    const at = this.now();
    const claim = randomUUID();
    const cutoff = new Date(at.getTime() - this.options.config.leaseMs).toISOString();
    const result = await db
      .updateTable('notification_deliveries')
      .set({ status: 'sending', claim, claimed_at: at.toISOString(), attempts: sql<number>`attempts + 1`, updated_at: at.toISOString() })
      .where('reference', '=', reference)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at.toISOString())]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', cutoff)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    const row = await db.selectFrom('notification_deliveries').selectAll().where('reference', '=', reference).where('claim', '=', claim).executeTakeFirst();
    if (!row) return null;
    return { reference, claim, attempts: Number(row.attempts), contactId: row.contact_id, outboxReference: row.outbox_reference, kind: row.kind };
  }

  private async deliver(
    d: { reference: string; claim: string; attempts: number; contactId: string; outboxReference: string; kind: string },
    counts: DispatchCounts,
  ): Promise<void> {
    const { db, sender, config } = this.options;
    const finish = async (values: { status: string; notify_id?: string | null; last_error?: string | null; next_attempt_at?: string }) => {
      await db
        .updateTable('notification_deliveries')
        .set({ ...values, claim: null, updated_at: this.now().toISOString() })
        .where('reference', '=', d.reference)
        .where('claim', '=', d.claim)
        .execute();
    };
    const contact = await db.selectFrom('notification_contacts').selectAll().where('contact_id', '=', d.contactId).executeTakeFirst();
    if (!contact) {
      await finish({ status: 'cancelled', last_error: 'The contact was removed before the message was sent' });
      return;
    }
    const message = await db.selectFrom('notification_outbox').select('personalisation').where('reference', '=', d.outboxReference).executeTakeFirst();
    const stored = JSON.parse(message?.personalisation ?? '{}') as Record<string, string>;
    const personalisation: Record<string, string> = { ...stored, concern_link: `${config.publicUrl}${stored['concern_link'] ?? ''}`, name: contact.name };
    const templateId = templateFor(config, d.kind);
    try {
      if (sender.mode === 'notify' && !templateId) {
        throw new EmailSendError(
          `No template id for ${d.kind}: set CARETRAIL_NOTIFY_TEMPLATE_${d.kind.toUpperCase().replace(/-/g, '_')} or CARETRAIL_NOTIFY_TEMPLATE_DEFAULT`,
          true,
        );
      }
      // A second attempt may follow one that reached Notify before its process died: ask first.
      const already = d.attempts > 1 ? await sender.findSent(d.reference) : null;
      const notifyId = already ?? (await sender.send({ templateId, emailAddress: contact.email_address, personalisation, reference: d.reference }));
      await finish({ status: sender.mode === 'log' ? 'logged' : 'sent', notify_id: notifyId, last_error: null });
      counts.sent += 1;
    } catch (error) {
      const failure = error instanceof EmailSendError ? error : new EmailSendError(error instanceof Error ? error.message : String(error), false);
      if (failure.permanent || d.attempts >= config.maxAttempts) {
        await finish({ status: 'failed', last_error: failure.message });
        this.log(`delivery ${d.reference} failed: ${failure.message}`);
        counts.failed += 1;
      } else {
        const wait = Math.min(config.retryMaxMs, config.retryMs * 2 ** Math.min(d.attempts - 1, 20));
        await finish({ status: 'pending', last_error: failure.message, next_attempt_at: new Date(this.now().getTime() + wait).toISOString() });
        counts.retried += 1;
      }
    }
  }
}

/** Whether a contact asked for this kind: its own organisation's messages by kind (or all), a regulator's named across kinds. */
function wantsKind(contact: { organisation_id: string; organisation_kind: string; kinds: string }, kind: string, organisationId: string): boolean {
  const kinds = parseKinds(contact.kinds);
  if (contact.organisation_id === organisationId) return kinds.includes('*') || kinds.includes(kind);
  return contact.organisation_kind === 'regulator' && ACROSS_KINDS.has(kind) && kinds.includes(kind);
}

export const parseKinds = (kinds: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(kinds);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};
