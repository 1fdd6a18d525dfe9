import { setTimeout as sleep } from 'node:timers/promises';
import { assertAppendable, EXPECT_ANY, expectationMet, expectedVersionCode, type ExpectedVersionCode } from '../append-batch';
import { importError, importProblem, storedDifference, type EventImporter, type ImportResult } from '../event-import';
import { EventIntegrityError, InvalidAppendError, StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import type { AppendResult, EventStore, ExpectedVersion, ReadAllOptions, ReadAllPage, ReadStreamOptions, SubscribeOptions } from '../event-store.port';
import { DEFAULT_SUBSCRIBE_BATCH, eitherSignal } from '../feed-subscription';
import { resultOfRepeat } from '../idempotent-repeat';
import type { NewEvent, RecordedEvent } from '../recorded-event';
import { ClientEsdbGateway } from './client-esdb-gateway';
import { chainEvents, type StreamHead } from './esdb-chain';
import { actualVersionOf, isEsdbUnavailable, isWrongExpectedVersion, mapEsdbError } from './esdb-errors';
import { fromStoredEvent, streamNameOf, toProposedEvent } from './esdb-event-codec';
import type { EsdbGateway, EsdbStoredEvent } from './esdb-gateway';
import { EventIdClaims, type ClaimOutcome, type TakenClaim } from './esdb-id-claims';
import { LiveQueue } from './esdb-live-queue';
import { END, toGlobalPosition, toReadPosition, type EsdbPosition, type EsdbReadFrom } from './esdb-positions';
import { revisionAtVersion, revisionOfVersion, versionOfEvent } from './esdb-revisions';

export interface EventStoreDbEventStoreOptions {
  /** esdb://host:2113?tls=false, or esdb://node1:2113,node2:2113,node3:2113?tls=false for a cluster. */
  connectionString: string;
  /** Every CareTrail stream is `<streamPrefix><streamId>`; $all is filtered to it. Default 'caretrail.'. */
  streamPrefix?: string;
  /** Streams that claim event ids are `<claimPrefix><eventId>`. Default 'caretrail-ids.'. */
  claimPrefix?: string;
  /** Source of recordedAt. Default: the system clock (the demo seed replays history with its own). */
  clock?: () => Date;
  /** How to reach ESDB; by default the @eventstore/db-client gateway to connectionString (tests pass a double). */
  gateway?: EsdbGateway;
}

export const DEFAULT_STREAM_PREFIX = 'caretrail.';
export const DEFAULT_CLAIM_PREFIX = 'caretrail-ids.';

const DEFAULT_PAGE = 500;
/** Events read per page while looking for an earlier append in a stream, or back to an odd position. */
const SCAN_PAGE = 200;
/** Appends with 'any' re-read and re-chain when another writer got in first; this many times at most. */
const MAX_ANY_ATTEMPTS = 50;
/** Live events queued before the subscription is paused. */
const LIVE_HIGH_WATER = 1000;
const RECONNECT_DELAY_MS = 1000;

/** Waits `ms`, or less when the signal aborts. */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch((error: unknown) => {
    if ((error as { name?: string }).name !== 'AbortError') throw error;
  });

const asPosition = (globalPosition: number): EsdbPosition => toReadPosition(globalPosition) as EsdbPosition;

/**
 * The EventStore on EventStoreDB / KurrentDB. Each CareTrail stream is one ESDB stream under a
 * prefix; versions are revisions + 1; global positions are ESDB log positions (esdb-positions.ts);
 * the feed and the subscription read $all filtered by the server to the prefix. ESDB checks expected
 * revisions and deduplicates repeated event ids within a stream; ids are made unique across streams
 * by claims (esdb-id-claims.ts). Hash chains are computed here, from the last event read back, and
 * every append sends the exact revision it chained from, so a concurrent writer can never fork one.
 */
export class EventStoreDbEventStore implements EventStore, EventImporter {
  readonly streamPrefix: string;
  readonly claimPrefix: string;
  private readonly clock: () => Date;
  private readonly closed = new AbortController();
  private gateway: EsdbGateway | undefined;
  private claims: EventIdClaims | undefined;
  private initialised: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: EventStoreDbEventStoreOptions) {
    this.streamPrefix = options.streamPrefix ?? DEFAULT_STREAM_PREFIX;
    this.claimPrefix = options.claimPrefix ?? DEFAULT_CLAIM_PREFIX;
    if (this.streamPrefix.length === 0 || this.streamPrefix.startsWith('$')) {
      throw new TypeError(`Stream prefix ${JSON.stringify(this.streamPrefix)} must be non-empty and not a system ($) name`);
    }
    if (this.claimPrefix.startsWith(this.streamPrefix) || this.streamPrefix.startsWith(this.claimPrefix) || this.claimPrefix.startsWith('$')) {
      throw new TypeError(`Claim prefix ${JSON.stringify(this.claimPrefix)} must not overlap the stream prefix ${JSON.stringify(this.streamPrefix)}`);
    }
    this.clock = options.clock ?? (() => new Date());
  }

  init(): Promise<void> {
    this.initialised ??= this.connect().catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    return this.initialised;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed.abort();
      await this.gateway?.dispose().catch(() => undefined);
    })();
    return this.closing;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const code = expectedVersionCode(expected);
    const { claims } = this.open();
    try {
      return await this.appendClaimed(claims, streamId, events, expected, code);
    } catch (error) {
      throw mapEsdbError(error, `appending to ${streamId}`);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(1, options.fromVersion ?? 1);
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    if (to < from) return [];
    this.open();
    try {
      return await this.readRange(streamId, from, to);
    } catch (error) {
      throw mapEsdbError(error, `reading ${streamId}`);
    }
  }

  async streamVersion(streamId: string): Promise<number> {
    const { gateway } = this.open();
    try {
      const [last] = await gateway.readStream(this.nameOf(streamId), { from: 'end', maxCount: 1, direction: 'backwards' }, this.closed.signal);
      return last ? versionOfEvent(last.revision) : 0;
    } catch (error) {
      throw mapEsdbError(error, `reading the version of ${streamId}`);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = options.after ?? 0;
    const limit = options.limit ?? DEFAULT_PAGE;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${limit}`);
    this.open();
    try {
      const events = await this.eventsAfter(after, limit + 1);
      const page = events.slice(0, limit);
      return { events: page, nextAfter: page.length > 0 ? page[page.length - 1].globalPosition : after, isEnd: events.length <= limit };
    } catch (error) {
      throw mapEsdbError(error, 'reading the feed');
    }
  }

  async headPosition(): Promise<number> {
    const last = await this.lastEvent();
    return last?.globalPosition ?? 0;
  }

  async lastEvent(): Promise<RecordedEvent | undefined> {
    const { gateway } = this.open();
    try {
      const [last] = await gateway.readAll({ from: END, maxCount: 1, direction: 'backwards', prefixes: [this.streamPrefix] }, this.closed.signal);
      return last ? this.decode(last) : undefined;
    } catch (error) {
      throw mapEsdbError(error, 'reading the head of the feed');
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return this.follow(options, eitherSignal(this.closed.signal, options.signal));
  }

  /**
   * Appends another store's events (migrate-store), in the order given, keeping ids, recordedAt and
   * hashes: each run of one stream is one ESDB append at the exact revision it must follow, after the
   * hashes were recomputed and found equal. Already stored events (same id, same hash) are skipped.
   */
  async importEvents(events: readonly RecordedEvent[]): Promise<ImportResult> {
    const { claims } = this.open();
    let imported = 0;
    let skipped = 0;
    try {
      for (let i = 0; i < events.length;) {
        let j = i + 1;
        while (j < events.length && events[j].streamId === events[i].streamId) j++;
        const run = events.slice(i, j);
        const outcome = await this.importRun(claims, run);
        imported += outcome.imported;
        skipped += outcome.skipped;
        i = j;
      }
    } catch (error) {
      throw mapEsdbError(error, 'importing events');
    }
    return { imported, skipped };
  }

  // ---------------------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.closed.signal.aborted) throw new StoreUnavailableError('EventStoreDB store is closed');
    let gateway = this.gateway;
    if (!gateway) {
      gateway = this.options.gateway ?? new ClientEsdbGateway(this.options.connectionString);
      this.gateway = gateway;
      this.claims = new EventIdClaims(gateway, this.claimPrefix, this.closed.signal);
    }
    // A first read, so a server that cannot be reached fails init() rather than the first request.
    try {
      await gateway.readAll({ from: END, maxCount: 1, direction: 'backwards', prefixes: [this.streamPrefix] }, this.closed.signal);
    } catch (error) {
      throw mapEsdbError(error, 'connecting');
    }
  }

  private open(): { gateway: EsdbGateway; claims: EventIdClaims } {
    if (this.closed.signal.aborted) throw new StoreUnavailableError('EventStoreDB store is closed');
    if (!this.gateway || !this.claims) throw new Error('EventStoreDbEventStore: call init() before using the store');
    return { gateway: this.gateway, claims: this.claims };
  }

  private nameOf(streamId: string): string {
    return streamNameOf(this.streamPrefix, streamId);
  }

  private decode(stored: EsdbStoredEvent): RecordedEvent {
    return fromStoredEvent(stored, this.streamPrefix);
  }

  /** Claims the ids, recognises a repeat, and appends what is new; releases its claims if that fails. */
  private async appendClaimed(
    claims: EventIdClaims,
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
    code: ExpectedVersionCode,
  ): Promise<AppendResult> {
    const outcomes = await claims.claimAll(
      streamId,
      events.map((e) => e.eventId),
    );
    const taken = outcomes.find((o): o is TakenClaim => o.kind === 'taken');
    if (taken) {
      await claims.release(streamId, outcomes);
      throw await this.takenError(streamId, taken);
    }
    const held = new Set(outcomes.filter((o) => o.kind === 'held').map((o) => o.eventId));
    try {
      if (held.has(events[0].eventId)) {
        const stored = await this.storedRunFrom(streamId, events[0].eventId, events.length);
        if (stored) {
          const result = resultOfRepeat(streamId, events, stored);
          await this.confirmRepeat(streamId, result.events);
          return result;
        }
      }
      for (const e of events.slice(1)) {
        if (!held.has(e.eventId)) continue;
        const place = await this.findStored(streamId, e.eventId);
        if (place) {
          throw new InvalidAppendError(
            `Event ${e.eventId} is already stored (${streamId} version ${place.streamVersion}); ` +
              `the batch for ${streamId} does not repeat an earlier append`,
          );
        }
      }
      const result = await this.appendNew(streamId, events, expected, code);
      if (held.size > 0) await claims.reassert(streamId, outcomes);
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError || error instanceof InvalidAppendError || error instanceof EventIntegrityError) {
        await claims.release(streamId, outcomes);
      }
      throw error;
    }
  }

  /** Chains after the stream's last event and appends at exactly that revision. */
  private async appendNew(streamId: string, events: NewEvent[], expected: ExpectedVersion, code: ExpectedVersionCode): Promise<AppendResult> {
    const { gateway } = this.open();
    const recordedAt = this.clock().toISOString();
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(streamId);
      if (!expectationMet(code, head.version)) throw new WrongExpectedVersionError(streamId, expected, head.version);
      const drafts = chainEvents(streamId, events, head, recordedAt);
      try {
        await gateway.append(this.nameOf(streamId), drafts.map(toProposedEvent), revisionAtVersion(head.version));
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        if (code !== EXPECT_ANY) throw new WrongExpectedVersionError(streamId, expected, actualVersionOf(error));
        if (attempt >= MAX_ANY_ATTEMPTS) {
          throw new StoreUnavailableError(`Append to ${streamId} kept meeting concurrent writers (${attempt} attempts)`);
        }
        await pause(Math.floor(Math.random() * 5 * attempt), this.closed.signal);
        continue;
      }
      // Read back: ESDB places the events (positions), or recognised the ids of a concurrent identical
      // append and kept those; either way the stored events are the result.
      const stored = await this.readRange(streamId, head.version + 1, head.version + events.length);
      return resultOfRepeat(streamId, events, stored);
    }
  }

  /**
   * A repeat is sent to ESDB again, at the revision before its first event: the server must
   * recognise the ids and store nothing (its idempotent append). Proves the deduplication the port
   * promises is the server's as well as ours; a server that stored anything fails loudly.
   */
  private async confirmRepeat(streamId: string, stored: readonly RecordedEvent[]): Promise<void> {
    const { gateway } = this.open();
    const first = stored[0];
    const last = stored[stored.length - 1];
    let outcome;
    try {
      outcome = await gateway.append(this.nameOf(streamId), stored.map(toProposedEvent), revisionAtVersion(first.streamVersion - 1));
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        throw new EventIntegrityError(streamId, first.streamVersion, first.eventId, 'ESDB did not recognise a repeated append of stored events');
      }
      throw error;
    }
    if (outcome.nextExpectedRevision !== revisionOfVersion(last.streamVersion)) {
      throw new EventIntegrityError(
        streamId,
        last.streamVersion,
        last.eventId,
        `ESDB answered a repeated append with revision ${outcome.nextExpectedRevision}, not ${revisionOfVersion(last.streamVersion)}`,
      );
    }
  }

  private async takenError(streamId: string, taken: TakenClaim): Promise<InvalidAppendError> {
    const stored = await this.findStored(taken.by, taken.eventId).catch(() => undefined);
    return new InvalidAppendError(
      stored
        ? `Event ${taken.eventId} cannot be appended to ${streamId}: it is already stored in ${taken.by}`
        : `Event ${taken.eventId} cannot be appended to ${streamId}: it is claimed by an append to ${taken.by} that did not finish`,
    );
  }

  private async head(streamId: string): Promise<StreamHead> {
    const { gateway } = this.open();
    const [last] = await gateway.readStream(this.nameOf(streamId), { from: 'end', maxCount: 1, direction: 'backwards' }, this.closed.signal);
    return last ? { version: versionOfEvent(last.revision), hash: this.decode(last).hash } : { version: 0, hash: null };
  }

  private async readRange(streamId: string, from: number, to: number): Promise<RecordedEvent[]> {
    const { gateway } = this.open();
    const count = Math.min(to - from + 1, Number.MAX_SAFE_INTEGER);
    const stored = await gateway.readStream(
      this.nameOf(streamId),
      { from: revisionOfVersion(from), maxCount: count, direction: 'forwards' },
      this.closed.signal,
    );
    return stored.map((e) => this.decode(e));
  }

  /** The stored event with this id in the stream, looking from the newest back. */
  private async findStored(streamId: string, eventId: string): Promise<RecordedEvent | undefined> {
    const { gateway } = this.open();
    let from: bigint | 'end' = 'end';
    for (;;) {
      const page = await gateway.readStream(this.nameOf(streamId), { from, maxCount: SCAN_PAGE, direction: 'backwards' }, this.closed.signal);
      for (const stored of page) {
        const event = this.decode(stored);
        if (event.eventId === eventId) return event;
      }
      const oldest = page[page.length - 1];
      if (page.length < SCAN_PAGE || !oldest || oldest.revision === 0n) return undefined;
      from = oldest.revision - 1n;
    }
  }

  /** Up to `count` stored events of the stream from the one with `eventId` on, if it is stored there. */
  private async storedRunFrom(streamId: string, eventId: string, count: number): Promise<RecordedEvent[] | undefined> {
    const first = await this.findStored(streamId, eventId);
    if (!first) return undefined;
    return this.readRange(streamId, first.streamVersion, first.streamVersion + count - 1);
  }

  /**
   * Up to `count` events strictly after `after`. A position CareTrail handed out (or 0) is read from
   * directly; any other number is not a place ESDB can start a read (it would land inside a record),
   * so the feed is then walked back from its end to that number (slower, but exact).
   */
  private async eventsAfter(after: number, count: number): Promise<RecordedEvent[]> {
    const { gateway } = this.open();
    const from: EsdbReadFrom = toReadPosition(after);
    let stored: EsdbStoredEvent[];
    try {
      // Forward reads include the event at `from`: one more, dropped below.
      stored = await gateway.readAll({ from, maxCount: count + (after > 0 ? 1 : 0), direction: 'forwards', prefixes: [this.streamPrefix] }, this.closed.signal);
    } catch (error) {
      if (after === 0 || isEsdbUnavailable(error) || this.closed.signal.aborted) throw error;
      return this.eventsAfterAnyNumber(after, count);
    }
    return stored
      .map((e) => this.decode(e))
      .filter((e) => e.globalPosition > after)
      .slice(0, count);
  }

  private async eventsAfterAnyNumber(after: number, count: number): Promise<RecordedEvent[]> {
    const { gateway } = this.open();
    let earliest: RecordedEvent[] = [];
    let from: EsdbReadFrom = END;
    for (;;) {
      const page = await gateway.readAll({ from, maxCount: SCAN_PAGE, direction: 'backwards', prefixes: [this.streamPrefix] }, this.closed.signal);
      let reached = false;
      for (const stored of page) {
        const event = this.decode(stored);
        if (event.globalPosition <= after) {
          reached = true;
          break;
        }
        earliest.unshift(event);
      }
      if (earliest.length > count) earliest = earliest.slice(0, count);
      if (reached || page.length < SCAN_PAGE) return earliest;
      from = asPosition(toGlobalPosition(page[page.length - 1].position));
    }
  }

  /** Catches up page by page, then follows a server-side filtered subscription; reconnects when ESDB drops it. */
  private async *follow(options: SubscribeOptions, stop: AbortSignal): AsyncGenerator<RecordedEvent, void, undefined> {
    const batchSize = options.batchSize ?? DEFAULT_SUBSCRIBE_BATCH;
    let after = options.after ?? 0;
    let afterIsEvent = after === 0;
    while (!stop.aborted) {
      // Catch up through the feed (any `after`, also one that is not an event's own position).
      let caughtUp = false;
      while (!caughtUp && !stop.aborted) {
        let page: ReadAllPage;
        try {
          page = await this.readAll({ after, limit: batchSize });
        } catch (error) {
          if (stop.aborted) return;
          if (!(error instanceof StoreUnavailableError)) throw error;
          await pause(RECONNECT_DELAY_MS, stop);
          continue;
        }
        for (const event of page.events) {
          if (stop.aborted) return;
          yield event;
          after = event.globalPosition;
          afterIsEvent = true;
        }
        caughtUp = page.isEnd;
      }
      if (stop.aborted) return;

      // Live, from a position ESDB can start at: the last event delivered, or the newest at or before `after`.
      let from: 'start' | EsdbPosition = after === 0 ? 'start' : asPosition(after);
      if (!afterIsEvent) {
        let head: number;
        try {
          head = await this.headPosition();
        } catch (error) {
          if (stop.aborted) return;
          if (!(error instanceof StoreUnavailableError)) throw error;
          await pause(RECONNECT_DELAY_MS, stop);
          continue;
        }
        if (head > after) continue; // something arrived meanwhile: catch up again
        from = head === 0 ? 'start' : asPosition(head);
      }

      const { gateway } = this.open();
      // `let`, not `const`: the queue's callbacks may run before subscribeAll returns, and must then see undefined.
      // eslint-disable-next-line prefer-const
      let subscription: { pause(): void; resume(): void; close(): Promise<void> } | undefined;
      const queue = new LiveQueue<EsdbStoredEvent>(
        LIVE_HIGH_WATER,
        () => subscription?.pause(),
        () => subscription?.resume(),
      );
      subscription = gateway.subscribeAll(from, [this.streamPrefix], {
        event: (e) => queue.push(e),
        error: (e) => queue.fail(e),
        end: () => queue.end(),
      });
      try {
        for (;;) {
          const stored = await queue.next(stop);
          if (stored === undefined) break;
          const event = this.decode(stored);
          if (event.globalPosition <= after) continue;
          yield event;
          after = event.globalPosition;
          afterIsEvent = true;
        }
        if (stop.aborted) return;
      } catch (error) {
        if (stop.aborted) return;
        const mapped = mapEsdbError(error, 'following $all');
        if (!(mapped instanceof StoreUnavailableError)) throw mapped;
        await pause(RECONNECT_DELAY_MS, stop);
      } finally {
        await subscription.close().catch(() => undefined);
      }
    }
  }

  /** One stream's run of an import: skip what is stored, verify and append the rest at the exact revision. */
  private async importRun(claims: EventIdClaims, run: readonly RecordedEvent[]): Promise<ImportResult> {
    const { gateway } = this.open();
    const streamId = run[0].streamId;
    const outcomes = await claims.claimAll(
      streamId,
      run.map((e) => e.eventId),
    );
    const taken = outcomes.find((o): o is TakenClaim => o.kind === 'taken');
    if (taken) {
      await claims.release(streamId, outcomes);
      const event = run.find((e) => e.eventId === taken.eventId)!;
      throw importError(event, (await this.takenError(streamId, taken)).message);
    }
    try {
      const fresh: RecordedEvent[] = [];
      let skipped = 0;
      for (let i = 0; i < run.length; i++) {
        const event = run[i];
        if (outcomes[i].kind === 'held') {
          const [stored] = await this.readRange(streamId, event.streamVersion, event.streamVersion);
          if (stored?.eventId === event.eventId) {
            const difference = storedDifference(stored, event);
            if (difference) throw importError(event, difference);
            skipped += 1;
            continue;
          }
        }
        fresh.push(event);
      }
      if (fresh.length === 0) return { imported: 0, skipped };
      let head = await this.head(streamId);
      for (const event of fresh) {
        const problem = importProblem(event, head.version, head.hash);
        if (problem) throw importError(event, problem);
        head = { version: event.streamVersion, hash: event.hash };
      }
      // Canonical data and actor, exactly as hashed (importProblem recomputed from them).
      const proposed = fresh.map(toProposedEvent);
      try {
        await gateway.append(this.nameOf(streamId), proposed, revisionAtVersion(fresh[0].streamVersion - 1));
      } catch (error) {
        if (isWrongExpectedVersion(error)) throw importError(fresh[0], `the target stream moved to version ${actualVersionOf(error)} meanwhile`);
        throw error;
      }
      return { imported: fresh.length, skipped };
    } catch (error) {
      if (error instanceof EventIntegrityError) await claims.release(streamId, outcomes as ClaimOutcome[]);
      throw error;
    }
  }
}
