import { findChainProblems, type ChainProblem } from './event-hashing';
import { EventIntegrityError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import type { RecordedEvent } from './recorded-event';

export interface StoreVerification {
  /** Events read from the feed. */
  events: number;
  /** Distinct streams among them. */
  streams: number;
  /** Global position of the last event read (0 for an empty store). */
  lastPosition: number;
  /**
   * Every broken link found, in feed order; empty when every hash chain verifies. An event that cannot
   * be read back at all is the last problem: the walk stops there.
   */
  problems: ChainProblem[];
}

export interface StoreVerificationOptions {
  /** Events per page of the feed. Default 1000. */
  pageSize?: number;
  /** Told of each problem as it is found (verify-store prints them as it goes). */
  onProblem?: (problem: ChainProblem) => void;
}

/**
 * Walks the whole global feed once, checking every stream's hash chain as its events go by: each
 * stream starts at version 1, versions follow one another, and each event's hashes match its content
 * and the event before it (findChainProblems). Only the last event of each stream is kept in memory.
 */
export async function verifyStoreChains(store: Pick<EventStore, 'readAll'>, options: StoreVerificationOptions = {}): Promise<StoreVerification> {
  const pageSize = options.pageSize ?? 1000;
  const lastOf = new Map<string, RecordedEvent>();
  const problems: ChainProblem[] = [];
  let events = 0;
  let lastPosition = 0;
  for (let after = 0, end = false; !end;) {
    let page;
    try {
      page = await store.readAll({ after, limit: pageSize });
    } catch (error) {
      // An event the adapter cannot even read back (its stored JSON damaged): named, and the walk ends there.
      if (!(error instanceof EventIntegrityError)) throw error;
      const problem = { streamId: error.streamId, streamVersion: error.streamVersion, eventId: error.eventId, problem: error.problem };
      options.onProblem?.(problem);
      problems.push(problem);
      break;
    }
    for (const event of page.events) {
      const previous = lastOf.get(event.streamId);
      const found = findChainProblems([event], previous?.hash ?? null);
      const at = { streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId };
      if (!previous && event.streamVersion !== 1) found.push({ ...at, problem: 'stream does not start at version 1' });
      if (previous && event.streamVersion !== previous.streamVersion + 1) found.push({ ...at, problem: `follows version ${previous.streamVersion}` });
      for (const problem of found) options.onProblem?.(problem);
      problems.push(...found);
      lastOf.set(event.streamId, event);
      lastPosition = event.globalPosition;
      events += 1;
    }
    after = page.nextAfter;
    end = page.isEnd;
  }
  return { events, streams: lastOf.size, lastPosition, problems };
}

/** One line per problem, as verify-store prints it: `BROKEN <stream> v<version> (<event id>): <problem>`. */
export function describeChainProblem(problem: ChainProblem): string {
  return `BROKEN ${problem.streamId} v${problem.streamVersion} (${problem.eventId}): ${problem.problem}`;
}
