// The PostgreSQL adapter's entry (loads pg): `import { PostgresEventStore } from '@caretrail/event-store/postgres'`.
export * from './postgres-event-store';
export { isStoreUnavailable, mapPgError } from './postgres-errors';
