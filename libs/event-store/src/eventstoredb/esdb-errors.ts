import { InvalidAppendError, StoreUnavailableError } from '../event-store.errors';
import { type EsdbCurrentRevision, versionOfRevision } from './esdb-revisions';

interface EsdbLikeError {
  type?: unknown;
  code?: unknown;
  message?: unknown;
  actualVersion?: unknown;
}

/** Client error types meaning "the server cannot be reached or cannot serve now; try again". */
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);
/** gRPC status codes of the same: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const UNAVAILABLE_CODES = new Set([1, 4, 8, 10, 14]);
/** Messages of failures that come without a type: cluster discovery, a closed channel, sockets. */
const UNAVAILABLE_MESSAGES =
  /Failed to discover|No connection established|Channel has been shut down|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up/i;

const typeOf = (error: unknown): string | undefined => {
  const type = (error as EsdbLikeError)?.type;
  return typeof type === 'string' ? type : undefined;
};

export function isWrongExpectedVersion(error: unknown): boolean {
  return typeOf(error) === 'wrong-expected-version';
}

/** The CareTrail version ESDB said the stream is at, in a wrong-expected-version error. */
export function actualVersionOf(error: unknown): number {
  return versionOfRevision((error as EsdbLikeError)?.actualVersion as EsdbCurrentRevision | undefined);
}

export function isEsdbUnavailable(error: unknown): boolean {
  const e = error as EsdbLikeError;
  const type = typeOf(error);
  if (type !== undefined && UNAVAILABLE_TYPES.has(type)) return true;
  if (typeof e?.code === 'number' && UNAVAILABLE_CODES.has(e.code) && (type === undefined || type === 'unknown')) return true;
  return typeof e?.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}

/** Turns client errors into the port's errors; anything else is passed through unchanged. */
export function mapEsdbError(error: unknown, doing: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isEsdbUnavailable(error)) {
    const e = error as EsdbLikeError;
    return new StoreUnavailableError(`EventStoreDB unavailable while ${doing}: ${String(e?.message || e?.type || error)}`, error);
  }
  switch (typeOf(error)) {
    case 'stream-deleted':
      return new InvalidAppendError(`EventStoreDB stream was deleted (while ${doing})`, { cause: error });
    case 'maximum-append-size-exceeded':
      return new InvalidAppendError(`Append is larger than EventStoreDB accepts in one write (while ${doing})`, { cause: error });
    default:
      return error;
  }
}
