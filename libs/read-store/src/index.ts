export * from './read-database';
export * from './read-schema';
export * from './read-migrations';
export * from './idempotency-store';
