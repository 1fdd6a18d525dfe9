import { InvalidAppendError, StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import type { ExpectedVersion } from '../event-store.port';
import { INVALID_APPEND_SQLSTATE, WRONG_VERSION_SQLSTATE } from './postgres-schema';

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  constraint?: unknown;
}

/** Socket-level failures Node reports while reaching the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** SQLSTATEs meaning the server is not taking work now (connection class 08, shutting down, full). */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300|53400)$/;

/** Messages of pg and pg-pool for a lost or unobtainable connection; they carry no code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|Client was closed|not queryable/i;

export function isStoreUnavailable(error: unknown): boolean {
  const e = error as PgLikeError;
  if (typeof e?.code === 'string' && (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.test(e.code))) return true;
  // Duck-typed, not instanceof: errors from Node's own sockets belong to another realm under jest.
  const nested = (error as { errors?: unknown })?.errors;
  if (Array.isArray(nested)) return nested.some(isStoreUnavailable);
  return typeof e?.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}

/** Turns driver errors into the port's errors; anything else is passed through unchanged. */
export function mapPgError(error: unknown, doing: string): unknown {
  if (isStoreUnavailable(error)) {
    const message = (error as PgLikeError)?.message || (error as PgLikeError)?.code || String(error);
    return new StoreUnavailableError(`PostgreSQL store unavailable while ${doing}: ${String(message)}`, error);
  }
  return error;
}

/** The insert hit the unique index on event ids: an id of the batch is stored already. */
export function isDuplicateEventId(error: unknown): boolean {
  const e = error as PgLikeError;
  return e?.code === '23505' && (e.constraint === 'events_event_id_key' || /\(event_id\)=/.test(String(e.detail)));
}

/** Errors of the append call: the function's own SQLSTATEs, duplicate ids and values PostgreSQL cannot store. */
export function mapAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const e = error as PgLikeError;
  switch (e?.code) {
    case WRONG_VERSION_SQLSTATE:
      return new WrongExpectedVersionError(streamId, expected, Number(e.detail));
    case INVALID_APPEND_SQLSTATE:
      return new InvalidAppendError(String(e.message), { cause: error });
    case '23505': {
      const id = /\(event_id\)=\((.*)\) already exists/.exec(String(e.detail))?.[1];
      if (e.constraint === 'events_event_id_key' || id !== undefined) {
        return new InvalidAppendError(`Event ${id ?? '(unknown)'} is already stored; the batch for ${streamId} does not repeat an earlier append`, {
          cause: error,
        });
      }
      return error;
    }
    case '22P05': // untranslatable character, e.g. \u0000 in a jsonb string
    case '22021': // character not in repertoire, e.g. NUL in a text column
      return new InvalidAppendError(`Append to ${streamId} holds text PostgreSQL cannot store: ${String(e.message)}`, {
        cause: error,
      });
    default:
      return mapPgError(error, `appending to ${streamId}`);
  }
}
