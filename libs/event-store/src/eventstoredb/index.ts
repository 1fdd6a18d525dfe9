// The EventStoreDB adapter's entry (loads @eventstore/db-client): `import { EventStoreDbEventStore } from '@caretrail/event-store/eventstoredb'`.
export * from './eventstoredb-event-store';
