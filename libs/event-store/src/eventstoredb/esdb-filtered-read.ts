import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { EsdbAllRead } from './esdb-gateway';

/** How many events the server looks at per internal page while it searches for matching ones. */
export const FILTER_SEARCH_WINDOW = 1000;

/**
 * A read of $all filtered by the server to streams with the given name prefixes. The client's
 * readAll has no filter option (its subscriptions do), but the protocol's read request does: this
 * builds that request, so a page of CareTrail events costs one round trip however many other events
 * share the database.
 */
export function filteredReadAllRequest(read: EsdbAllRead): ReadReq {
  if (!Number.isSafeInteger(read.maxCount) || read.maxCount < 1) throw new RangeError(`maxCount must be >= 1, got ${read.maxCount}`);
  if (read.prefixes.length === 0) throw new RangeError('A filtered read needs at least one prefix');
  const all = new ReadReq.Options.AllOptions();
  if (read.from === 'start') all.setStart(new Empty());
  else if (read.from === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(read.from.commit.toString(10));
    position.setPreparePosition(read.from.prepare.toString(10));
    all.setPosition(position);
  }
  const expression = new ReadReq.Options.FilterOptions.Expression();
  expression.setPrefixList([...read.prefixes]);
  const filter = new ReadReq.Options.FilterOptions();
  filter.setStreamIdentifier(expression);
  filter.setMax(FILTER_SEARCH_WINDOW);
  filter.setCheckpointintervalmultiplier(1);

  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  const options = new ReadReq.Options();
  options.setAll(all);
  options.setReadDirection(read.direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS);
  options.setResolveLinks(false);
  options.setCount(String(read.maxCount));
  options.setUuidOption(uuid);
  options.setFilter(filter);
  const request = new ReadReq();
  request.setOptions(options);
  return request;
}
