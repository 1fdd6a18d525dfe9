import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RecordNotFoundError } from '@caretrail/domain';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { AddNotificationContactDto } from './notification-contacts.dto';
import { NotificationContactsStore, type NotificationContact } from './notification-contacts.store';
import { NotificationContactDto, NotificationContactsDto } from './notification-responses.dto';

/**
 * Who is e-mailed about what (docs/notifications.md). An organisation keeps its own contacts; an
 * administrator keeps anyone's. Names and addresses are personal data: they live in the read database,
 * never in the events, and removing a contact erases them. Another organisation's contact is not there (404).
 */
@ApiTags('notifications')
@Controller('notifications/contacts')
export class NotificationContactsController {
  constructor(private readonly contacts: NotificationContactsStore) {}

  /** Your organisation's contacts; an administrator sees every organisation's, or one's with `organisationId`. */
  @Get()
  @ApiOperation({
    summary: 'List e-mail contacts',
    description:
      "Your organisation's contacts for e-mail notifications (docs/notifications.md). An administrator sees every organisation's, or one organisation's with organisationId.",
  })
  @ApiOkResponse({ type: NotificationContactsDto })
  @ApiQuery({ name: 'organisationId', required: false, description: 'Administrators only: one organisation' })
  async list(
    @CurrentIdentity() who: Identity,
    @Query('organisationId', new ParseUUIDPipe({ optional: true })) organisationId?: string,
  ): Promise<{ contacts: NotificationContact[] }> {
    if (who.organisationKind === 'admin') return { contacts: await this.contacts.list(organisationId || undefined) };
    return { contacts: await this.contacts.list(who.organisationId) };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add an e-mail contact',
    description:
      "Adds someone to e-mail about the kinds of message given (or every kind, '*'). Others add to their own organisation; an administrator names organisationId. Names and addresses are personal data, kept outside the events.",
  })
  @ApiCreatedResponse({ type: NotificationContactDto })
  async add(@Body() dto: AddNotificationContactDto, @CurrentIdentity() who: Identity): Promise<NotificationContact> {
    let organisationId = who.organisationId;
    let organisationKind: string = who.organisationKind;
    if (who.organisationKind === 'admin') {
      if (!dto.organisationId) throw new BadRequestException({ message: ['organisationId must be given by an administrator (whose contact this is)'] });
      const organisation = (await this.contacts.organisations()).find((o) => o.organisationId === dto.organisationId);
      if (!organisation) throw new RecordNotFoundError('organisation', dto.organisationId);
      organisationId = organisation.organisationId;
      organisationKind = organisation.kind;
    } else if (dto.organisationId !== undefined && dto.organisationId !== who.organisationId) {
      // Only your own organisation's contacts are yours to keep: another's is not there for you.
      throw new RecordNotFoundError('organisation', dto.organisationId);
    }
    return this.contacts.add(
      { organisationId, organisationKind, name: dto.name.trim(), emailAddress: dto.emailAddress.trim(), kinds: [...new Set(dto.kinds)] },
      who.userId,
    );
  }

  @Delete(':contactId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an e-mail contact',
    description:
      "Removes the contact and erases its name and address; e-mails not yet sent to it are cancelled. Another organisation's contact is not there (404).",
  })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@Param('contactId', ParseUUIDPipe) contactId: string, @CurrentIdentity() who: Identity): Promise<void> {
    const contact = await this.contacts.find(contactId);
    if (!contact || (who.organisationKind !== 'admin' && contact.organisationId !== who.organisationId))
      throw new RecordNotFoundError('notification contact', contactId);
    await this.contacts.remove(contactId);
  }
}
