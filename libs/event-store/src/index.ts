export * from './recorded-event';
export * from './event-store.port';
export * from './event-store.errors';
export * from './event-hashing';
export * from './sqlite/sqlite-event-store';
export * from './postgres/postgres-event-store';
export * from './event-import';
export * from './eventstoredb/eventstoredb-event-store';
export { isStoreUnavailable, mapPgError } from './postgres/postgres-errors';
