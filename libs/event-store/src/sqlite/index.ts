// The SQLite adapter's entry (loads better-sqlite3): `import { SqliteEventStore } from '@caretrail/event-store/sqlite'`.
export * from './sqlite-event-store';
export * from './sqlite-backup';
