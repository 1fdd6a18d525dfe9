import { randomUUID } from 'node:crypto';
import { StoreUnavailableError } from '../event-store.errors';
import { isWrongExpectedVersion } from './esdb-errors';
import type { EsdbGateway, EsdbStoredEvent } from './esdb-gateway';
import { NO_STREAM, type EsdbExpectedRevision } from './esdb-revisions';

export const CLAIMED = 'CareTrailEventIdClaimed';
export const RELEASED = 'CareTrailEventIdReleased';

/** This call took the id for the stream; it must release it if its append fails. */
export interface FreshClaim {
  kind: 'fresh';
  eventId: string;
  revision: bigint;
}
/** The id was already claimed for this stream, by an earlier (or concurrent) append of the same event. */
export interface HeldClaim {
  kind: 'held';
  eventId: string;
}
/** The id belongs to another stream. */
export interface TakenClaim {
  kind: 'taken';
  eventId: string;
  by: string;
}
export type ClaimOutcome = FreshClaim | HeldClaim | TakenClaim;

const MAX_ATTEMPTS = 20;

/** What the last event of a claim stream says about its id. */
export function claimStateOf(last: EsdbStoredEvent | undefined): { owner: string | null; revision: bigint | null } {
  if (!last) return { owner: null, revision: null };
  const owner = (last.data as { streamId?: unknown } | null)?.streamId;
  if (last.type === CLAIMED && typeof owner === 'string') return { owner, revision: last.revision };
  return { owner: null, revision: last.revision };
}

/** How a claim attempt ends, given the owner the claim stream names now (null: free). */
export function outcomeFor(eventId: string, streamId: string, owner: string | null): HeldClaim | TakenClaim | undefined {
  if (owner === null) return undefined;
  return owner === streamId ? { kind: 'held', eventId } : { kind: 'taken', eventId, by: owner };
}

/**
 * ESDB deduplicates event ids within a stream only; CareTrail ids are unique across the store. So
 * each id is claimed, before its append, in a stream of its own (`<claimPrefix><eventId>`) that
 * names the CareTrail stream holding it: the first writer wins (expected revision "no stream"),
 * later writers read the owner. A claim whose append then fails definitely (wrong version, invalid
 * batch) is released with a second event, so the id can be used again. A process that dies between
 * claim and append leaves the claim naming its stream: a retry to that stream works (it finds the
 * event absent and appends it); the same id in another stream is refused, as it should be anyway.
 */
export class EventIdClaims {
  constructor(
    private readonly gateway: EsdbGateway,
    private readonly claimPrefix: string,
    private readonly signal: AbortSignal,
  ) {}

  claimStreamOf(eventId: string): string {
    return this.claimPrefix + eventId;
  }

  claimAll(streamId: string, eventIds: readonly string[]): Promise<ClaimOutcome[]> {
    return Promise.all(eventIds.map((id) => this.claim(streamId, id)));
  }

  async claim(streamId: string, eventId: string): Promise<ClaimOutcome> {
    const name = this.claimStreamOf(eventId);
    let expected: EsdbExpectedRevision = NO_STREAM;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        const outcome = await this.gateway.append(name, [claimEvent(CLAIMED, streamId)], expected);
        return { kind: 'fresh', eventId, revision: outcome.nextExpectedRevision };
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
      }
      const state = claimStateOf(await this.last(name));
      const settled = outcomeFor(eventId, streamId, state.owner);
      if (settled) return settled;
      expected = state.revision ?? NO_STREAM; // released (or emptied): claim after its last event
    }
    throw new StoreUnavailableError(`Could not settle the claim of event id ${eventId}: too much contention`);
  }

  /** Gives back ids this call claimed; best effort (a claim left behind only blocks the id elsewhere). */
  async release(streamId: string, claims: readonly ClaimOutcome[]): Promise<void> {
    await Promise.all(
      claims
        .filter((c): c is FreshClaim => c.kind === 'fresh')
        .map((c) => this.gateway.append(this.claimStreamOf(c.eventId), [claimEvent(RELEASED, streamId)], c.revision).catch(() => undefined)),
    );
  }

  /**
   * After appending an id this call found already held, makes sure the claim still names the stream:
   * a concurrent attempt that failed may have released it meanwhile.
   */
  async reassert(streamId: string, claims: readonly ClaimOutcome[]): Promise<void> {
    await Promise.all(
      claims
        .filter((c) => c.kind === 'held')
        .map(async (c) => {
          const name = this.claimStreamOf(c.eventId);
          const state = claimStateOf(await this.last(name));
          if (state.owner !== null) return;
          await this.gateway.append(name, [claimEvent(CLAIMED, streamId)], state.revision ?? NO_STREAM).catch(() => undefined);
        }),
    );
  }

  /** The stream the claim of `eventId` names, or null. */
  async ownerOf(eventId: string): Promise<string | null> {
    return claimStateOf(await this.last(this.claimStreamOf(eventId))).owner;
  }

  private async last(name: string): Promise<EsdbStoredEvent | undefined> {
    const [last] = await this.gateway.readStream(name, { from: 'end', maxCount: 1, direction: 'backwards' }, this.signal);
    return last;
  }
}

function claimEvent(type: string, streamId: string) {
  return { id: randomUUID(), type, data: { streamId }, metadata: { caretrailClaim: 1 } };
}
