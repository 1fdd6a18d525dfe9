import { InvalidAppendError, StoreUnavailableError } from '../event-store.errors';
import { actualVersionOf, isEsdbUnavailable, isWrongExpectedVersion, mapEsdbError } from './esdb-errors';

const clientError = (type: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(type), { type, ...extra });

describe('ESDB errors to the port', () => {
  it('recognises wrong expected version and reads the actual version from it', () => {
    const error = clientError('wrong-expected-version', { actualVersion: 4n });
    expect(isWrongExpectedVersion(error)).toBe(true);
    expect(actualVersionOf(error)).toBe(5);
    expect(actualVersionOf(clientError('wrong-expected-version', { actualVersion: 'no_stream' }))).toBe(0);
    expect(isWrongExpectedVersion(clientError('unavailable'))).toBe(false);
  });

  it.each(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled'])('maps %s to StoreUnavailableError', (type) => {
    const mapped = mapEsdbError(clientError(type), 'appending');
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as StoreUnavailableError).retryable).toBe(true);
  });

  it('maps gRPC unavailable codes and socket or discovery failures to StoreUnavailableError', () => {
    expect(isEsdbUnavailable(Object.assign(new Error('x'), { code: 14 }))).toBe(true);
    expect(isEsdbUnavailable(new Error('Failed to discover after 10 attempts.'))).toBe(true);
    expect(isEsdbUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:2113'))).toBe(true);
    expect(isEsdbUnavailable(new Error('something else'))).toBe(false);
    expect(isEsdbUnavailable(clientError('access-denied', { code: 7 }))).toBe(false);
  });

  it('maps a deleted stream and an oversized append to InvalidAppendError, passes the rest through', () => {
    expect(mapEsdbError(clientError('stream-deleted'), 'x')).toBeInstanceOf(InvalidAppendError);
    expect(mapEsdbError(clientError('maximum-append-size-exceeded'), 'x')).toBeInstanceOf(InvalidAppendError);
    const other = clientError('access-denied');
    expect(mapEsdbError(other, 'x')).toBe(other);
    const already = new StoreUnavailableError('down');
    expect(mapEsdbError(already, 'x')).toBe(already);
  });
});
