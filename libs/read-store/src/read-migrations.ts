import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Column names are checked by the schema interfaces, not here: a builder that lets any column be named.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TableBuilder = CreateTableBuilder<string, any>;

/** Migrations in code, in order; never edit one that has shipped, add the next. */
export const READ_MIGRATIONS: Record<string, Migration> = {
  '0001_idempotency_keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_keys')
        .ifNotExists()
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  },
  '0002_projections': {
    // Read models of libs/projections. Every read-model table leads with `generation` (see read-schema.ts),
    // and so does every index, because every query asks for the active generation first.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('last_recorded_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('projection_checkpoints_pk', ['name', 'generation'])
        .execute();
      // At most one serving generation per projection.
      await db.schema
        .createIndex('projection_checkpoints_one_active')
        .unique()
        .on('projection_checkpoints')
        .column('name')
        .where(sql.ref('status'), '=', 'active')
        .execute();
      await db.schema
        .createTable('projection_generation_sequence')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last_generation', 'integer', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO projection_generation_sequence (id, last_generation) VALUES (1, 0)`.execute(db);

      const table = (name: string, build: (t: TableBuilder) => TableBuilder) =>
        build(db.schema.createTable(name).addColumn('generation', 'integer', (c) => c.notNull())).execute();
      const index = (table: string, name: string, columns: string[]) =>
        db.schema
          .createIndex(name)
          .on(table)
          .columns(['generation', ...columns])
          .execute();
      const scopeColumns = (t: TableBuilder) =>
        t.addColumn('provider_id', 'text').addColumn('service_id', 'text').addColumn('concern_id', 'text').addColumn('council_id', 'text');

      await table('organisations', (t) =>
        t
          .addColumn('organisation_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('organisations_pk', ['generation', 'organisation_id']),
      );
      await table('record_scopes', (t) =>
        scopeColumns(t.addColumn('stream_id', 'text', (c) => c.notNull()))
          .addColumn('contract_id', 'text')
          .addPrimaryKeyConstraint('record_scopes_pk', ['generation', 'stream_id']),
      );
      await table('contract_services', (t) =>
        t
          .addColumn('contract_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('council_id', 'text', (c) => c.notNull())
          .addColumn('provider_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('contract_services_pk', ['generation', 'contract_id', 'service_id']),
      );
      await index('contract_services', 'contract_services_by_council', ['council_id', 'service_id']);
      await index('contract_services', 'contract_services_by_service', ['service_id']);

      await table('timeline_entries', (t) =>
        scopeColumns(
          t
            .addColumn('event_id', 'text', (c) => c.notNull())
            .addColumn('global_position', 'bigint', (c) => c.notNull())
            .addColumn('stream_id', 'text', (c) => c.notNull()),
        )
          .addColumn('occurred_at', 'text', (c) => c.notNull())
          .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .addColumn('recorded_ms', 'bigint', (c) => c.notNull())
          .addColumn('party', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('category', 'text')
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('links', 'text', (c) => c.notNull())
          .addColumn('flags', 'text', (c) => c.notNull())
          .addColumn('entry', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('timeline_entries_pk', ['generation', 'event_id']),
      );
      for (const scope of ['provider', 'service', 'concern', 'council']) {
        await index('timeline_entries', `timeline_entries_by_${scope}`, [`${scope}_id`, 'occurred_ms', 'global_position']);
      }
      // Every entry in order, for the portfolio query's service branch and for whole-store reads.
      await index('timeline_entries', 'timeline_entries_in_order', ['occurred_ms', 'global_position']);

      await table('scope_events', (t) =>
        scopeColumns(
          t
            .addColumn('global_position', 'bigint', (c) => c.notNull())
            .addColumn('event_id', 'text', (c) => c.notNull())
            .addColumn('stream_id', 'text', (c) => c.notNull())
            .addColumn('type', 'text', (c) => c.notNull()),
        )
          .addColumn('contract_id', 'text')
          .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
          .addColumn('recorded_ms', 'bigint', (c) => c.notNull())
          .addColumn('envelope', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('scope_events_pk', ['generation', 'global_position']),
      );
      for (const scope of ['provider', 'service', 'concern', 'council', 'contract']) {
        await index('scope_events', `scope_events_by_${scope}`, [`${scope}_id`, 'global_position']);
      }

      await table('concern_summaries', (t) =>
        t
          .addColumn('concern_id', 'text', (c) => c.notNull())
          .addColumn('council_id', 'text', (c) => c.notNull())
          .addColumn('provider_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('contract_id', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('escalation_level', 'integer', (c) => c.notNull())
          .addColumn('raised_at', 'text', (c) => c.notNull())
          .addColumn('closed_at', 'text')
          .addColumn('plan_status', 'text', (c) => c.notNull())
          .addColumn('plan_due_on', 'text')
          .addColumn('plan_version', 'integer')
          .addColumn('plan_submitted_at', 'text')
          .addColumn('plan_accepted_on', 'text')
          .addColumn('update_cadence_days', 'integer')
          .addColumn('grace_days', 'integer')
          .addColumn('last_period_ending', 'text')
          .addColumn('next_update_late_after', 'text')
          .addColumn('last_position', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('concern_summaries_pk', ['generation', 'concern_id']),
      );
      for (const party of ['council', 'provider']) {
        await index('concern_summaries', `concern_summaries_by_${party}`, [`${party}_id`, 'state', 'escalation_level']);
      }

      await table('concern_actions', (t) =>
        t
          .addColumn('concern_id', 'text', (c) => c.notNull())
          .addColumn('action_id', 'text', (c) => c.notNull())
          .addColumn('council_id', 'text', (c) => c.notNull())
          .addColumn('provider_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('due_on', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('live', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('concern_actions_pk', ['generation', 'concern_id', 'action_id']),
      );
      for (const party of ['council', 'provider']) {
        await index('concern_actions', `concern_actions_by_${party}`, [`${party}_id`, 'live', 'due_on']);
      }

      await table('service_managers', (t) =>
        t
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('provider_id', 'text', (c) => c.notNull())
          .addColumn('service_name', 'text', (c) => c.notNull())
          .addColumn('manager_id', 'text')
          .addColumn('manager_basis', 'text')
          .addColumn('registered_manager_id', 'text')
          .addColumn('without_registered_manager_since', 'text')
          .addPrimaryKeyConstraint('service_managers_pk', ['generation', 'service_id']),
      );
      await index('service_managers', 'service_managers_by_provider', ['provider_id', 'service_id']);
    },
  },
  '0003_timeline_links_and_registration_order': {
    // Timeline filters on links.concernId/serviceId, an entry's party uses organisations registered
    // before it, and a stream's entries are rebuilt together (index by stream replaces the unused one).
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('organisations')
        .addColumn('registered_position', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('timeline_entries').addColumn('link_concern_id', 'text').execute();
      await db.schema.alterTable('timeline_entries').addColumn('link_service_id', 'text').execute();
      await db.schema.dropIndex('timeline_entries_in_order').execute();
      await db.schema.createIndex('timeline_entries_by_stream').on('timeline_entries').columns(['generation', 'stream_id']).execute();
    },
  },
  '0004_read_audit': {
    // Who looked: reads of a provider's records by others, and every export. Not a read model (no
    // generation): it is the only copy, so a rebuild never touches it.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('read_audit')
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('organisation_kind', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('scope_kind', 'text', (c) => c.notNull())
        .addColumn('scope_id', 'text', (c) => c.notNull())
        .addColumn('correlation_id', 'text')
        .execute();
      await db.schema.createIndex('read_audit_by_provider').on('read_audit').columns(['provider_id', 'read_at']).execute();
    },
  },
  '0005_projection_faults': {
    // Events a projection could not apply (left out, the runner moved past them) or could not read (shown
    // marked as such): one row per projection, generation and event. Kept with the generation: a rebuild
    // builds a new one (retrying every event) and the retired generation's faults go with its rows.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projection_faults')
        .addColumn('projection', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('global_position', 'bigint', (c) => c.notNull())
        .addColumn('stream_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('projection_faults_pk', ['projection', 'generation', 'event_id'])
        .execute();
      await db.schema.createIndex('projection_faults_by_position').on('projection_faults').columns(['projection', 'generation', 'global_position']).execute();
    },
  },
  '0006_web_sessions': {
    // The pages' signed-in sessions, so the server can end one (sign-out, idle and absolute timeouts)
    // whatever copy of its cookie is still about. Keyed by a hash of the session id: the table alone
    // opens nothing. Not a read model (no generation): a rebuild never touches it.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('web_sessions')
        .addColumn('session_key', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('end_reason', 'text')
        .execute();
      await db.schema.createIndex('web_sessions_by_created_at').on('web_sessions').column('created_at').execute();
    },
  },
  '0007_notifications': {
    // E-mail through GOV.UK Notify (apps/api/src/notifications). Not read models (no generation): the
    // outbox and deliveries are the only record of what was sent, and contacts are data people keep.
    // Contacts hold names and addresses (personal data): they live here, never in the events, so
    // deleting a contact erases them; deliveries name the contact by id only.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notification_contacts')
        .addColumn('contact_id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('organisation_kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email_address', 'text', (c) => c.notNull())
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_contacts_by_organisation').on('notification_contacts').column('organisation_id').execute();
      // One row per message for one organisation, keyed by its deterministic reference.
      await db.schema
        .createTable('notification_outbox')
        .addColumn('reference', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('concern_id', 'text')
        .addColumn('council_id', 'text')
        .addColumn('provider_id', 'text')
        .addColumn('service_id', 'text')
        .addColumn('personalisation', 'text', (c) => c.notNull())
        .addColumn('source_position', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_outbox_by_status').on('notification_outbox').columns(['status', 'created_at']).execute();
      // One row per message and contact: what is sent to Notify, with the Notify `reference` as key.
      await db.schema
        .createTable('notification_deliveries')
        .addColumn('reference', 'text', (c) => c.primaryKey())
        .addColumn('outbox_reference', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text')
        .addColumn('claim', 'text')
        .addColumn('notify_id', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_deliveries_by_status').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();
    },
  },
  '0008_due_items': {
    // The due-items read model (libs/projections due-items.projection.ts): one row per item an open
    // concern owes or awaits, read by organisation for the to-do page and the header's count.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('due_items')
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('concern_id', 'text', (c) => c.notNull())
        .addColumn('item_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('council_id', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('contract_id', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('state', 'text')
        .addColumn('facts', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('due_items_pk', ['generation', 'concern_id', 'item_key'])
        .execute();
      for (const party of ['council', 'provider']) {
        await db.schema
          .createIndex(`due_items_by_${party}`)
          .on('due_items')
          .columns(['generation', `${party}_id`, 'kind', 'due_on'])
          .execute();
      }
    },
  },
  '0009_list_orders': {
    // The lists (issue 13): a party's concerns in the default order (newest raised first) read from an
    // index in that order instead of sorting every row of the party; a service's open concerns (the
    // services list's count, filter and sort) from an index by service.
    async up(db: Kysely<unknown>) {
      for (const party of ['council', 'provider']) {
        await db.schema
          .createIndex(`concern_summaries_by_${party}_raised`)
          .on('concern_summaries')
          .columns(['generation', `${party}_id`, 'raised_at', 'concern_id'])
          .execute();
      }
      await db.schema.createIndex('concern_summaries_by_service').on('concern_summaries').columns(['generation', 'service_id', 'state']).execute();
    },
  },
};

const provider = (migrations: Record<string, Migration>): MigrationProvider => ({
  getMigrations: async () => migrations,
});

/**
 * `schema` names where Kysely keeps its own migration tables on PostgreSQL. Without it Kysely looks
 * for them in every schema of the database, and another deployment's (or test's) tables would make it
 * skip creating this one's.
 */
export async function migrateReadDatabase(db: Kysely<any>, migrations: Record<string, Migration> = READ_MIGRATIONS, schema?: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: provider(migrations), migrationTableSchema: schema }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
