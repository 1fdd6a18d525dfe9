import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { RecordNotFoundError } from '@caretrail/domain';
import { CurrentIdentity } from '../identity/current-identity.decorator';
import type { Identity } from '../identity/identity';
import { AddNotificationContactDto } from './notification-contacts.dto';
import { NotificationContactsStore, type NotificationContact } from './notification-contacts.store';

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
  @ApiQuery({ name: 'organisationId', required: false, description: 'Administrators only: one organisation' })
  async list(@CurrentIdentity() who: Identity, @Query('organisationId') organisationId?: string): Promise<{ contacts: NotificationContact[] }> {
    if (who.organisationKind === 'admin') return { contacts: await this.contacts.list(organisationId || undefined) };
    return { contacts: await this.contacts.list(who.organisationId) };
  }

  @Post()
  @HttpCode(201)
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
    return this.contacts.add({ organisationId, organisationKind, name: dto.name.trim(), emailAddress: dto.emailAddress.trim(), kinds: [...new Set(dto.kinds)] }, who.userId);
  }

  @Delete(':contactId')
  @HttpCode(204)
  async remove(@Param('contactId', ParseUUIDPipe) contactId: string, @CurrentIdentity() who: Identity): Promise<void> {
    const contact = await this.contacts.find(contactId);
    if (!contact || (who.organisationKind !== 'admin' && contact.organisationId !== who.organisationId)) throw new RecordNotFoundError('notification contact', contactId);
    await this.contacts.remove(contactId);
  }
}

