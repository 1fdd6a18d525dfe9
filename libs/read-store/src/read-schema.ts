/** Tables of the read database, as Kysely sees them. Projections add theirs here. */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  /** 0 while the first request is being handled. */
  status: number;
  body: string | null;
  created_at: string;
}

/** Who read a provider's records, and every export (migration 0004). */
export interface ReadAuditTable {
  read_at: string;
  provider_id: string;
  user_id: string;
  organisation_id: string;
  organisation_kind: string;
  role: string;
  /** 'read' or 'export' */
  action: string;
  scope_kind: string;
  scope_id: string;
  correlation_id: string | null;
}

export interface ReadSchema extends ProjectionTables {
  idempotency_keys: IdempotencyKeysTable;
  read_audit: ReadAuditTable;
  notification_contacts: NotificationContactsTable;
  notification_outbox: NotificationOutboxTable;
  notification_deliveries: NotificationDeliveriesTable;
}

/**
 * Who an organisation wants e-mailed, for which kinds of message (migration 0007). Names and
 * addresses are personal data: kept here, never in events; deleting the row erases them.
 */
export interface NotificationContactsTable {
  contact_id: string;
  organisation_id: string;
  organisation_kind: string;
  name: string;
  email_address: string;
  /** JSON array of message kinds, or ["*"] for every kind. */
  kinds: string;
  created_at: string;
  created_by: string;
}

/** A message for one organisation, derived from an event or a clock; `reference` is deterministic. */
export interface NotificationOutboxTable {
  reference: string;
  kind: string;
  organisation_id: string;
  concern_id: string | null;
  council_id: string | null;
  provider_id: string | null;
  service_id: string | null;
  /** JSON: the template's personalisation (no personal data). */
  personalisation: string;
  source_position: number | string | null;
  /** 'pending' (contacts not yet looked up), 'expanded' (deliveries made), 'stale' (older than the catch-up window: not sent). */
  status: string;
  created_at: string;
}

/** One e-mail: a message to one contact. `reference` is the Notify reference. */
export interface NotificationDeliveriesTable {
  reference: string;
  outbox_reference: string;
  contact_id: string;
  organisation_id: string;
  kind: string;
  /** 'pending' | 'sending' | 'sent' | 'logged' | 'failed' | 'cancelled'. */
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  claim: string | null;
  notify_id: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/*
 * Projection bookkeeping and read models (libs/projections). Every read-model row carries the
 * generation that built it; readers see only the active generation of its projection, so a rebuild
 * can fill a new generation beside the serving one and switch by flipping one row.
 * Positions and epoch-millisecond columns are bigint: PostgreSQL hands them back as strings.
 */
export interface ProjectionCheckpointsTable {
  name: string;
  generation: number;
  /** 'active' serves readers; 'building' is a rebuild in progress; 'retired' awaits deletion. */
  status: string;
  version: number;
  position: number | string;
  /** recordedAt of the newest event applied, for lag in seconds. */
  last_recorded_at: string | null;
  updated_at: string;
}

/**
 * An event a projection could not apply or read (migration 0005), kept per generation: a rebuild
 * retries it in the new generation, and the old generation's faults are deleted with its rows.
 */
export interface ProjectionFaultsTable {
  projection: string;
  generation: number;
  event_id: string;
  global_position: number | string;
  stream_id: string;
  event_type: string;
  /** 'skipped': applying it failed, the read model goes on without it; 'unreadable': its entry is shown as not readable. */
  kind: string;
  error: string;
  recorded_at: string;
}

export interface ProjectionGenerationSequenceTable {
  id: number;
  last_generation: number;
}

export interface OrganisationsTable {
  generation: number;
  organisation_id: string;
  kind: string;
  name: string;
  /** Global position of its OrganisationRegistered: an entry's party uses only organisations registered before it. */
  registered_position: number | string;
}

/** Which provider, service, concern, council and contract each record's stream belongs to. */
export interface RecordScopesTable {
  generation: number;
  stream_id: string;
  provider_id: string | null;
  service_id: string | null;
  concern_id: string | null;
  council_id: string | null;
  contract_id: string | null;
}

/** The services each contract covers, so a council's portfolio can be found from its contracts. */
export interface ContractServicesTable {
  generation: number;
  contract_id: string;
  service_id: string;
  council_id: string;
  provider_id: string;
}

export interface TimelineEntriesTable {
  generation: number;
  event_id: string;
  global_position: number | string;
  stream_id: string;
  provider_id: string | null;
  service_id: string | null;
  concern_id: string | null;
  council_id: string | null;
  occurred_at: string;
  occurred_ms: number | string;
  recorded_at: string;
  recorded_ms: number | string;
  party: string | null;
  kind: string;
  category: string | null;
  /** links.concernId and links.serviceId, for the timeline filters of the same names. */
  link_concern_id: string | null;
  link_service_id: string | null;
  summary: string;
  /** JSON. */
  links: string;
  /** JSON; corrections and retractions of this entry rewrite these, the entry stays. */
  flags: string;
  /** JSON: the rest of the entry as the timeline library built it (links and flags are in their own columns). */
  entry: string;
}

export interface ScopeEventsTable {
  generation: number;
  global_position: number | string;
  event_id: string;
  stream_id: string;
  type: string;
  provider_id: string | null;
  service_id: string | null;
  concern_id: string | null;
  council_id: string | null;
  contract_id: string | null;
  occurred_ms: number | string;
  recorded_ms: number | string;
  /** JSON of the whole RecordedEvent. */
  envelope: string;
}

export interface ConcernSummariesTable {
  generation: number;
  concern_id: string;
  council_id: string;
  provider_id: string;
  service_id: string;
  contract_id: string;
  category: string;
  severity: string;
  /** 'open' or 'closed'. */
  state: string;
  escalation_level: number;
  raised_at: string;
  closed_at: string | null;
  /** 'none' | 'requested' | 'submitted' | 'returned' | 'accepted' | 'completed'. */
  plan_status: string;
  plan_due_on: string | null;
  plan_version: number | null;
  /** When the plan version now awaiting the council's review was submitted. */
  plan_submitted_at: string | null;
  plan_accepted_on: string | null;
  update_cadence_days: number | null;
  grace_days: number | null;
  last_period_ending: string | null;
  /** The day after which the next plan update is late (period end plus grace), while the plan is active. */
  next_update_late_after: string | null;
  last_position: number | string;
}

export interface ConcernActionsTable {
  generation: number;
  concern_id: string;
  action_id: string;
  council_id: string;
  provider_id: string;
  service_id: string;
  description: string;
  due_on: string;
  /** open | in_progress | completion_claimed | verified. */
  status: string;
  /** Actions of a superseded plan version, or of a completed or closed concern, are not live. */
  live: number;
}

export interface ServiceManagersTable {
  generation: number;
  service_id: string;
  provider_id: string;
  service_name: string;
  /** The manager in post (id only: names are personal data and stay in the events). */
  manager_id: string | null;
  manager_basis: string | null;
  registered_manager_id: string | null;
  /** Since when the service has had no registered manager (null while it has one). */
  without_registered_manager_since: string | null;
}

/**
 * What an open concern owes or awaits, one row per item (migration 0008, libs/projections
 * due-items.projection.ts): the to-do page and the header's count. Overdue or due soon is judged
 * when read, against the day asked and the working-day calendar.
 */
export interface DueItemsTable {
  generation: number;
  concern_id: string;
  /** Unique within the concern: 'plan', 'action:<id>', 'review:escalation', ... */
  item_key: string;
  /** acknowledge | plan | update | action | claim-rejected | plan-review | decision-review | to-notify. */
  kind: string;
  council_id: string;
  provider_id: string;
  service_id: string;
  contract_id: string;
  /** Due by (Europe/London), grace included; null when it has none or it is worked out when read. */
  due_on: string | null;
  /** The plan's or action's status where the item has one. */
  state: string | null;
  /** JSON: the words and dates it is shown with (DueItemFacts). */
  facts: string;
}

export interface ProjectionTables {
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_generation_sequence: ProjectionGenerationSequenceTable;
  projection_faults: ProjectionFaultsTable;
  organisations: OrganisationsTable;
  record_scopes: RecordScopesTable;
  contract_services: ContractServicesTable;
  timeline_entries: TimelineEntriesTable;
  scope_events: ScopeEventsTable;
  concern_summaries: ConcernSummariesTable;
  concern_actions: ConcernActionsTable;
  service_managers: ServiceManagersTable;
  due_items: DueItemsTable;
}
