import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminNotificationsDto, NotificationRetryDto } from './notification-responses.dto';
import { RecordNotFoundError, WrongPartyError } from '@caretrail/domain';
import { READ_DATABASE } from '../store/store.module';
import type { ReadDatabase } from '@caretrail/read-store';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import type { EmailSender } from '@caretrail/notifications';
import { EMAIL_SENDER } from './notification-tokens';

const adminOnly = (who: Identity) => {
  if (who.organisationKind !== 'admin') throw new WrongPartyError('admin-only', 'Only an administrator sees the state of e-mail notifications');
};

/** What an administrator needs to see about e-mail: where it goes, how much is waiting, and what failed for good. */
@ApiTags('admin')
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
    @Inject(EMAIL_SENDER) private readonly sender: EmailSender,
  ) {}

  /**
   * `sender`: 'notify' or 'log' (no API key: e-mails are written to the log). `deliveries`: counts by
   * status. `failed`: deliveries given up (Notify refused them: a bad address or template, a 400; or
   * too many temporary failures), newest first, with Notify's answer. `retrying`: waiting to try again.
   */
  @Get()
  @ApiOperation({
    summary: 'E-mail notifications: sender, counts and failures',
    description:
      "Where e-mail goes (GOV.UK Notify or the log), deliveries and messages by status, the deliveries given up with Notify's answer, and those waiting to retry. Administrators only.",
  })
  @ApiOkResponse({ type: AdminNotificationsDto })
  async status(@CurrentIdentity() who: Identity) {
    adminOnly(who);
    const db = this.read.db;
    const [byStatus, outbox, failed, retrying] = await Promise.all([
      db
        .selectFrom('notification_deliveries')
        .select(['status', db.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute(),
      db
        .selectFrom('notification_outbox')
        .select(['status', db.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute(),
      db.selectFrom('notification_deliveries').selectAll().where('status', '=', 'failed').orderBy('updated_at', 'desc').limit(200).execute(),
      db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('status', '=', 'pending')
        .where('attempts', '>', 0)
        .orderBy('next_attempt_at')
        .limit(200)
        .execute(),
    ]);
    const row = (d: (typeof failed)[number]) => ({
      reference: d.reference,
      kind: d.kind,
      organisationId: d.organisation_id,
      contactId: d.contact_id,
      attempts: Number(d.attempts),
      error: d.last_error,
      nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
      updatedAt: d.updated_at,
    });
    return {
      sender: this.sender.mode,
      deliveries: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.count)])),
      messages: Object.fromEntries(outbox.map((r) => [r.status, Number(r.count)])),
      failed: failed.map(row),
      retrying: retrying.map(row),
    };
  }

  /** Tries a failed delivery again (after fixing its contact's address or a template); Notify is asked first whether it arrived. */
  @Post(':reference/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Try a failed e-mail again',
    description:
      'Puts a failed delivery back in the queue; GOV.UK Notify is asked first whether its reference already arrived, so it is never sent twice. Administrators only.',
  })
  @ApiAcceptedResponse({ type: NotificationRetryDto })
  async retry(@Param('reference') reference: string, @CurrentIdentity() who: Identity): Promise<{ reference: string; status: 'pending' }> {
    adminOnly(who);
    const now = new Date().toISOString();
    const result = await this.read.db
      .updateTable('notification_deliveries')
      .set({ status: 'pending', next_attempt_at: now, updated_at: now })
      .where('reference', '=', reference)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new RecordNotFoundError('failed notification', reference);
    return { reference, status: 'pending' };
  }
}
