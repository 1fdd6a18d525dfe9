import { StoreUnavailableError } from '../event-store.errors';

/** SQLite result codes that mean "the database cannot be used right now", not "this call is wrong". */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|NOTADB|READONLY|PROTOCOL)/;

export function isUniqueEventIdViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(e.message).includes('events.event_id');
}

/** Turns driver errors into the port's errors; anything else is passed through unchanged. */
export function mapSqliteError(error: unknown, doing: string): unknown {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && UNAVAILABLE_CODES.test(e.code)) {
    return new StoreUnavailableError(`SQLite store unavailable while ${doing}: ${String(e.message)} (${e.code})`, error);
  }
  // By name, not instanceof: the native module's errors come from another realm under jest.
  if (e?.constructor?.name === 'TypeError' && /database connection is not open/i.test(String(e.message))) {
    return new StoreUnavailableError(`SQLite store is closed (while ${doing})`, error);
  }
  return error;
}
