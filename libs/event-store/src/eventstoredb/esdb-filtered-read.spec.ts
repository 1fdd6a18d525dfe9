import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { EventStoreDBClient } from '@eventstore/db-client';
import { clientInternals } from './client-esdb-gateway';
import { FILTER_SEARCH_WINDOW, filteredReadAllRequest } from './esdb-filtered-read';

describe('the filtered $all read request', () => {
  it('asks for a forward read from a position, filtered by stream-name prefix on the server', () => {
    const request = filteredReadAllRequest({ from: { commit: 1234n, prepare: 1234n }, maxCount: 501, direction: 'forwards', prefixes: ['caretrail.'] });
    const options = request.getOptions()!;
    expect(options.getAll()?.getPosition()?.toObject()).toEqual({ commitPosition: '1234', preparePosition: '1234' });
    expect(options.getReadDirection()).toBe(ReadReq.Options.ReadDirection.FORWARDS);
    expect(options.getCount()).toBe('501');
    expect(options.getResolveLinks()).toBe(false);
    expect(options.hasNoFilter()).toBe(false);
    expect(options.getFilter()?.getStreamIdentifier()?.getPrefixList()).toEqual(['caretrail.']);
    expect(options.getFilter()?.getMax()).toBe(FILTER_SEARCH_WINDOW);
    expect(() => ReadReq.deserializeBinary(request.serializeBinary())).not.toThrow();
  });

  it('reads backwards from the end, and forwards from the start', () => {
    const end = filteredReadAllRequest({ from: 'end', maxCount: 1, direction: 'backwards', prefixes: ['p.'] }).getOptions()!;
    expect(end.getAll()?.hasEnd()).toBe(true);
    expect(end.getReadDirection()).toBe(ReadReq.Options.ReadDirection.BACKWARDS);
    const start = filteredReadAllRequest({ from: 'start', maxCount: 5, direction: 'forwards', prefixes: ['p.'] }).getOptions()!;
    expect(start.getAll()?.hasStart()).toBe(true);
  });

  it('refuses a read without a prefix or a count', () => {
    expect(() => filteredReadAllRequest({ from: 'start', maxCount: 0, direction: 'forwards', prefixes: ['p.'] })).toThrow(RangeError);
    expect(() => filteredReadAllRequest({ from: 'start', maxCount: 1, direction: 'forwards', prefixes: [] })).toThrow(RangeError);
  });

  it('finds the client internals it sends the request through (no server needed to check)', async () => {
    const client = EventStoreDBClient.connectionString('esdb://127.0.0.1:1?tls=false');
    expect(() => clientInternals(client)).not.toThrow();
    await client.dispose();
  });
});
