// The driver-free core of the event store: the port, the recorded-event envelope, hashing, canonical
// JSON, verification and the import contract. Nothing here loads a database driver, so the offline
// bundle verifier (libs/evidence) can use it on a machine with no pg, better-sqlite3 or EventStoreDB
// client. Each adapter has its own entry, loaded only by code that opens that kind of store:
//   @caretrail/event-store/sqlite        SqliteEventStore, SQLite backup helpers (better-sqlite3)
//   @caretrail/event-store/postgres      PostgresEventStore (pg)
//   @caretrail/event-store/eventstoredb  EventStoreDbEventStore (@eventstore/db-client)
// test/lint/event-store-entries.e2e.ts proves the core and the verifier load no driver.
export * from './recorded-event';
export * from './event-store.port';
export * from './event-store.errors';
export * from './event-hashing';
export * from './sealed-content';
export * from './store-verification';
export * from './stream-snapshot';
export * from './event-import';
// Classifies errors by their code and message only (no pg import): the read store uses it too.
export { isStoreUnavailable, mapPgError } from './postgres/postgres-errors';
