import { randomUUID } from 'node:crypto';
import { listOrganisations, type OrganisationRow, type ReadDb } from '@caretrail/projections';
import { parseKinds } from '@caretrail/notifications';

export interface NotificationContact {
  contactId: string;
  organisationId: string;
  organisationKind: string;
  name: string;
  emailAddress: string;
  kinds: string[];
  createdAt: string;
}

type Row = { contact_id: string; organisation_id: string; organisation_kind: string; name: string; email_address: string; kinds: string; created_at: string };

const toContact = (r: Row): NotificationContact => ({
  contactId: r.contact_id,
  organisationId: r.organisation_id,
  organisationKind: r.organisation_kind,
  name: r.name,
  emailAddress: r.email_address,
  kinds: parseKinds(r.kinds),
  createdAt: r.created_at,
});

/** Contacts in the read database (migration 0007): data people keep, not history, so removing one erases it. */
export class NotificationContactsStore {
  constructor(private readonly db: ReadDb) {}

  async list(organisationId?: string): Promise<NotificationContact[]> {
    let query = this.db.selectFrom('notification_contacts').selectAll();
    if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
    return (await query.orderBy('organisation_id').orderBy('created_at').orderBy('contact_id').execute()).map(toContact);
  }

  /** Registered organisations (an administrator names one for a contact). */
  organisations(): Promise<OrganisationRow[]> {
    return listOrganisations(this.db);
  }

  async find(contactId: string): Promise<NotificationContact | null> {
    const row = await this.db.selectFrom('notification_contacts').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
    return row ? toContact(row) : null;
  }

  async add(contact: Omit<NotificationContact, 'contactId' | 'createdAt'>, createdBy: string, now = new Date()): Promise<NotificationContact> {
    const row = {
      contact_id: randomUUID(),
      organisation_id: contact.organisationId,
      organisation_kind: contact.organisationKind,
      name: contact.name,
      email_address: contact.emailAddress,
      kinds: JSON.stringify(contact.kinds),
      created_at: now.toISOString(),
      created_by: createdBy,
    };
    await this.db.insertInto('notification_contacts').values(row).execute();
    return toContact(row);
  }

  /** Removes the contact and with it its name and address; its deliveries keep only its id. */
  async remove(contactId: string): Promise<void> {
    await this.db.deleteFrom('notification_contacts').where('contact_id', '=', contactId).execute();
  }
}
