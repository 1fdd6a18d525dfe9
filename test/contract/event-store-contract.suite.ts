import {
  InvalidAppendError,
  StoreUnavailableError,
  verifyChain,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from '@caretrail/event-store';
import { newEvent, newEvents, sleep } from './event.fixtures';
import { FeedRecorder } from './feed-recorder.helper';

export interface ContractSubject {
  /** An initialised store on an empty database of its own. */
  store: EventStore;
  /** Closes every store opened for the test and removes its data. */
  cleanup(): Promise<void>;
  /**
   * Another, initialised store instance on the same database, as another process would open it (its
   * appends do not reach `store`'s in-process wake-up). Closed by cleanup().
   */
  openPeer?(): Promise<EventStore>;
}

/** What `fn` rejects with (fails the test if it resolves). */
async function rejectionOf(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected a rejection, but the call succeeded');
}

async function readWholeFeed(store: EventStore, limit = 1000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit });
    all.push(...page.events);
    after = page.nextAfter;
    if (page.isEnd) return all;
  }
}

/**
 * Waits until the feed shows everything up to `position` (an appended event's position), then returns
 * the head. Appends are in the feed at once on SQLite and EventStoreDB; on PostgreSQL an unrelated
 * transaction elsewhere in the cluster may hold the feed back for a while (by design, the feed horizon),
 * so feed assertions first wait, bounded, for the feed to reach what the test appended.
 */
async function caughtUp(store: EventStore, position: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [shown] = (await store.readAll({ after: position - 1, limit: 1 })).events;
    if (shown && shown.globalPosition >= position) return store.headPosition();
    if (Date.now() > deadline) throw new Error(`Feed did not show position ${position} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const idsOf = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

/** The behaviour every EventStore adapter promises; each adapter's runner calls this with its factory. */
export function describeEventStoreContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });

    afterEach(async () => {
      await subject?.cleanup();
    });

    describe('expected version', () => {
      it('creates a stream with no_stream, numbering versions from 1', async () => {
        const result = await store.append('concern-1', newEvents(3), 'no_stream');
        expect(result.streamId).toBe('concern-1');
        expect(result.nextExpectedVersion).toBe(3);
        expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(result.lastGlobalPosition).toBe(result.events[2].globalPosition);
        expect(await store.streamVersion('concern-1')).toBe(3);
      });

      it('reports version 0 for a stream that does not exist', async () => {
        expect(await store.streamVersion('nobody')).toBe(0);
        expect(await store.readStream('nobody')).toEqual([]);
      });

      it('rejects no_stream (and 0) on an existing stream, giving the actual version', async () => {
        await store.append('concern-1', newEvents(2), 'no_stream');
        for (const expected of ['no_stream', 0] as const) {
          const error = await rejectionOf(() => store.append('concern-1', [newEvent()], expected));
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({ streamId: 'concern-1', expected, actual: 2 });
        }
        expect(await store.streamVersion('concern-1')).toBe(2);
      });

      it('treats 0 as no_stream', async () => {
        const result = await store.append('concern-1', [newEvent()], 0);
        expect(result.nextExpectedVersion).toBe(1);
      });

      it('appends at the exact version and rejects a stale or future one with the actual version', async () => {
        await store.append('concern-1', newEvents(2), 'no_stream');
        const result = await store.append('concern-1', newEvents(2), 2);
        expect(result.events.map((e) => e.streamVersion)).toEqual([3, 4]);

        for (const expected of [2, 3, 5, 99]) {
          const error = await rejectionOf(() => store.append('concern-1', [newEvent()], expected));
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({ streamId: 'concern-1', expected, actual: 4 });
        }
        const missing = await rejectionOf(() => store.append('concern-2', [newEvent()], 1));
        expect(missing).toMatchObject({ name: 'WrongExpectedVersionError', actual: 0 });
      });

      it('appends with any whatever the version', async () => {
        expect((await store.append('concern-1', [newEvent()], 'any')).nextExpectedVersion).toBe(1);
        expect((await store.append('concern-1', newEvents(2), 'any')).nextExpectedVersion).toBe(3);
      });

      it('rejects an empty batch and a malformed expected version as invalid', async () => {
        await expect(store.append('concern-1', [], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        for (const expected of [-1, 1.5, 'latest'] as unknown as ExpectedVersion[]) {
          await expect(store.append('concern-1', [newEvent()], expected)).rejects.toBeInstanceOf(InvalidAppendError);
        }
        expect(await store.streamVersion('concern-1')).toBe(0);
      });
    });

    describe('atomicity', () => {
      it('stores nothing of a batch that fails its expected version', async () => {
        const head = await caughtUp(store, (await store.append('concern-1', [newEvent()], 'no_stream')).lastGlobalPosition);
        const batch = newEvents(5);
        await expect(store.append('concern-1', batch, 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream('concern-1')).toHaveLength(1);
      });

      it('stores nothing of a batch whose later event id is already stored elsewhere, naming it', async () => {
        const [taken] = (await store.append('other', [newEvent()], 'no_stream')).events;
        const head = await caughtUp(store, taken.globalPosition);
        const batch = [newEvent(), newEvent(), newEvent({ eventId: taken.eventId }), newEvent()];
        const error = await rejectionOf(() => store.append('concern-1', batch, 'any'));
        expect(error).toBeInstanceOf(InvalidAppendError);
        expect(error.message).toContain(taken.eventId);
        expect(await store.streamVersion('concern-1')).toBe(0);
        expect(await store.headPosition()).toBe(head);
        expect(idsOf(await readWholeFeed(store))).toEqual([taken.eventId]);
      });

      it('rejects a batch that repeats an id within itself', async () => {
        const e = newEvent();
        await expect(store.append('concern-1', [e, newEvent(), e], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.streamVersion('concern-1')).toBe(0);
      });

      it('rejects an event that lacks what the envelope requires', async () => {
        const broken = { ...newEvent(), data: null } as unknown as NewEvent;
        await expect(store.append('concern-1', [newEvent(), broken], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.streamVersion('concern-1')).toBe(0);
      });
    });

    describe('idempotent re-append', () => {
      it('returns the first result for the same ids, whatever the expected version, storing nothing new', async () => {
        const batch = newEvents(2);
        const first = await store.append('concern-1', batch, 'no_stream');
        const head = await caughtUp(store, first.lastGlobalPosition);
        for (const expected of ['no_stream', 'any', 0, 7] as const) {
          expect(await store.append('concern-1', batch, expected)).toEqual(first);
        }
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream('concern-1')).toEqual(first.events);
      });

      it('recognises a retry after the stream has moved on, and a retried part of a batch', async () => {
        const [a, b, c] = newEvents(3);
        const first = await store.append('concern-1', [a, b], 'no_stream');
        await store.append('concern-1', [c], 2);
        expect(await store.append('concern-1', [a, b], 'no_stream')).toEqual(first);
        const second = await store.append('concern-1', [b], 'no_stream');
        expect(second).toEqual({
          streamId: 'concern-1',
          nextExpectedVersion: 2,
          lastGlobalPosition: first.events[1].globalPosition,
          events: [first.events[1]],
        });
        expect(await store.streamVersion('concern-1')).toBe(3);
      });

      it('rejects a partial overlap, naming the id that differs, and stores nothing', async () => {
        const [a, b] = newEvents(2);
        const head = await caughtUp(store, (await store.append('concern-1', [a, b], 'no_stream')).lastGlobalPosition);
        const c = newEvent();
        const cases: [NewEvent[], NewEvent][] = [
          [[a, c], c],
          [[a, b, c], c],
          [[b, a], a],
        ];
        for (const [batch, differing] of cases) {
          const error = await rejectionOf(() => store.append('concern-1', batch, 'any'));
          expect(error).toBeInstanceOf(InvalidAppendError);
          expect(error.message).toContain(differing.eventId);
        }
        expect(await store.headPosition()).toBe(head);
        expect(idsOf(await store.readStream('concern-1'))).toEqual([a.eventId, b.eventId]);
      });

      it('rejects ids already stored in another stream, naming the id', async () => {
        const a = newEvent();
        await store.append('concern-1', [a], 'no_stream');
        const error = await rejectionOf(() => store.append('concern-2', [a], 'no_stream'));
        expect(error).toBeInstanceOf(InvalidAppendError);
        expect(error.message).toContain(a.eventId);
        expect(await store.streamVersion('concern-2')).toBe(0);
      });
    });

    describe('reading streams', () => {
      it('returns the events as appended: same fields, in version order, with the stored envelope', async () => {
        const before = new Date().toISOString();
        const batch = [
          newEvent({ causationId: 'cause-1', commandId: null }),
          newEvent({
            data: {
              text: 'Zoë said “no” 😀 \\ "quoted" \n newline',
              numbers: [0, -1, 1.5, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53 - 1, -0.000123],
              nested: { z: 1, a: [{ y: null, b: true }] },
              empty: {},
            },
          }),
        ];
        const result = await store.append('concern-1', batch, 'no_stream');
        const after = new Date().toISOString();
        const read = await store.readStream('concern-1');
        expect(read).toEqual(result.events);
        read.forEach((event, i) => {
          expect(event).toMatchObject({ ...batch[i], streamId: 'concern-1', streamVersion: i + 1 });
          expect(event.recordedAt >= before && event.recordedAt <= after).toBe(true);
          expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
        });
        verifyChain(read);
      });

      it('reads inclusive version ranges', async () => {
        await store.append('concern-1', newEvents(4), 'no_stream');
        await store.append('concern-1', newEvents(6), 4);
        const versions = async (fromVersion?: number, toVersion?: number) =>
          (await store.readStream('concern-1', { fromVersion, toVersion })).map((e) => e.streamVersion);
        expect(await versions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await versions(3, 5)).toEqual([3, 4, 5]);
        expect(await versions(8)).toEqual([8, 9, 10]);
        expect(await versions(undefined, 2)).toEqual([1, 2]);
        expect(await versions(4, 4)).toEqual([4]);
        expect(await versions(11)).toEqual([]);
        expect(await versions(6, 5)).toEqual([]);
      });

      it('keeps streams apart', async () => {
        await store.append('a', newEvents(2), 'no_stream');
        await store.append('b', newEvents(3), 'no_stream');
        await store.append('a', newEvents(1), 2);
        expect((await store.readStream('a')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect((await store.readStream('b')).map((e) => e.streamId)).toEqual(['b', 'b', 'b']);
      });
    });

    describe('hash chain', () => {
      it('links every event to the one before it, across appends, and verifies on read', async () => {
        await store.append('concern-1', newEvents(3), 'no_stream');
        await store.append('concern-1', newEvents(2), 3);
        await store.append('concern-1', [newEvent()], 'any');
        const events = await store.readStream('concern-1');
        expect(events[0].previousHash).toBeNull();
        events.slice(1).forEach((e, i) => expect(e.previousHash).toBe(events[i].hash));
        expect(verifyChain(events)).toBe(events);
        const tail = await store.readStream('concern-1', { fromVersion: 4 });
        expect(() => verifyChain(tail, events[2].hash)).not.toThrow();
      });

      it('chains each stream on its own', async () => {
        await store.append('a', newEvents(2), 'no_stream');
        await store.append('b', newEvents(2), 'no_stream');
        const b = await store.readStream('b');
        expect(b[0].previousHash).toBeNull();
        verifyChain(b);
      });
    });

    describe('global feed', () => {
      it('is empty at the start', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll()).toEqual({ events: [], nextAfter: 0, isEnd: true });
      });

      it('pages in append order, strictly after `after`, telling where the end is', async () => {
        const appended: RecordedEvent[] = [];
        for (let i = 0; i < 5; i++) {
          appended.push(...(await store.append(`stream-${i % 3}`, newEvents(5), 'any')).events);
        }
        await caughtUp(store, appended[appended.length - 1].globalPosition);
        const pages = [];
        let after = 0;
        for (;;) {
          const page = await store.readAll({ after, limit: 10 });
          pages.push(page);
          if (page.events.length > 0) expect(page.events[0].globalPosition).toBeGreaterThan(after);
          expect(page.nextAfter).toBe(page.events.at(-1)?.globalPosition ?? after);
          after = page.nextAfter;
          if (page.isEnd) break;
        }
        expect(pages.map((p) => [p.events.length, p.isEnd])).toEqual([
          [10, false],
          [10, false],
          [5, true],
        ]);
        const feed = pages.flatMap((p) => p.events);
        expect(idsOf(feed)).toEqual(idsOf(appended));
        expect(feed).toEqual(appended);
        feed.slice(1).forEach((e, i) => expect(e.globalPosition).toBeGreaterThan(feed[i].globalPosition));

        const exact = await store.readAll({ after: feed[19].globalPosition, limit: 5 });
        expect(exact).toEqual({ events: feed.slice(20), nextAfter: feed[24].globalPosition, isEnd: true });
        expect(await store.readAll({ after: feed[24].globalPosition })).toEqual({
          events: [],
          nextAfter: feed[24].globalPosition,
          isEnd: true,
        });
      });

      it('gives the head position of the last appended event at once, and the feed reaches it', async () => {
        const first = await store.append('a', newEvents(2), 'no_stream');
        // Never below what an append returned, even before the feed shows it (PostgreSQL's horizon):
        // a wait for the read models to reach the head waits for this event.
        expect(await store.headPosition()).toBe(first.lastGlobalPosition);
        expect(await caughtUp(store, first.lastGlobalPosition)).toBe(first.lastGlobalPosition);
        const second = await store.append('b', newEvents(3), 'no_stream');
        expect(second.lastGlobalPosition).toBeGreaterThan(first.lastGlobalPosition);
        expect(await store.headPosition()).toBe(second.lastGlobalPosition);
        expect(await caughtUp(store, second.lastGlobalPosition)).toBe(second.lastGlobalPosition);
      });
    });

    describe('subscription', () => {
      it('catches up page by page, then delivers new events live', async () => {
        const earlier: RecordedEvent[] = [];
        for (let i = 0; i < 6; i++) earlier.push(...(await store.append(`s-${i % 2}`, newEvents(5), 'any')).events);
        const recorder = new FeedRecorder(store, { batchSize: 7 });
        try {
          await recorder.waitFor(30, 5_000);
          await sleep(30); // let it settle into waiting at the end of the feed
          expect(recorder.events).toEqual(earlier);
          const later = (await store.append('s-live', newEvents(3), 'no_stream')).events;
          const last = await store.append('s-live', [newEvent()], 3);
          await recorder.waitFor(34, 5_000);
          expect(recorder.events.slice(30)).toEqual([...later, ...last.events]);
        } finally {
          await recorder.stop();
        }
        expect(recorder.events).toHaveLength(34);
      });

      it('starts strictly after the given position', async () => {
        const { events } = await store.append('s', newEvents(10), 'no_stream');
        const recorder = new FeedRecorder(store, { after: events[6].globalPosition, batchSize: 2 });
        try {
          await recorder.waitFor(3, 5_000);
          await sleep(30);
          expect(idsOf(recorder.events)).toEqual(idsOf(events.slice(7)));
        } finally {
          await recorder.stop();
        }
      });

      it('ends cleanly and promptly when the signal aborts', async () => {
        await store.append('s', newEvents(2), 'no_stream');
        const recorder = new FeedRecorder(store);
        await recorder.waitFor(2, 5_000);
        await sleep(20);
        const started = Date.now();
        await recorder.stop();
        expect(Date.now() - started).toBeLessThan(1_000);

        const controller = new AbortController();
        controller.abort();
        const delivered: RecordedEvent[] = [];
        for await (const e of store.subscribe({ signal: controller.signal })) delivered.push(e);
        expect(delivered).toEqual([]);
      });

      it('ends when the consumer breaks out of the loop', async () => {
        await store.append('s', newEvents(5), 'no_stream');
        const seen: RecordedEvent[] = [];
        for await (const e of store.subscribe({ batchSize: 2 })) {
          seen.push(e);
          if (seen.length === 3) break;
        }
        expect(seen.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('ends when the store closes', async () => {
        const recorder = new FeedRecorder(store);
        await sleep(20);
        await store.close();
        await expect(recorder.done).resolves.toBeUndefined();
      });
    });

    describe('after close', () => {
      it('reports the store unavailable', async () => {
        await store.close();
        await expect(store.append('s', [newEvent()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    it('can be initialised again', async () => {
      await store.append('s', [newEvent()], 'no_stream');
      await store.init();
      expect(await store.streamVersion('s')).toBe(1);
    });

    it('keeps the feed whole and ordered while 8 writers race (every event once, streams in order)', async () => {
      const WRITERS = 8;
      const OWN_EVENTS = 360; // per writer, on streams of its own
      const SHARED_EVENTS = 40; // per writer, on one stream all writers contend for
      const TOTAL = WRITERS * (OWN_EVENTS + SHARED_EVENTS);
      const peer = subject.openPeer ? await subject.openPeer() : store;
      const recorder = new FeedRecorder(store, { batchSize: 100 });
      const appended = new Map<string, RecordedEvent>();
      let conflicts = 0;
      const keep = (result: AppendResult) => result.events.forEach((e) => appended.set(e.eventId, e));

      const writer = async (w: number) => {
        // Two writers go through another instance, whose appends this process's subscriber only sees
        // through the database (poll or notification), as with a second process.
        const via = w >= WRITERS - 2 ? peer : store;
        const versions = new Map<string, number>();
        let shared: ExpectedVersion = 'any';
        let own = 0;
        let sharedDone = 0;
        for (let op = 0; own < OWN_EVENTS || sharedDone < SHARED_EVENTS; op++) {
          if (sharedDone < SHARED_EVENTS && (op % 9 === 4 || own >= OWN_EVENTS)) {
            const event = newEvent({ type: 'SharedNote', data: { writer: w, n: sharedDone } });
            for (;;) {
              try {
                const result = await via.append('shared', [event], shared);
                keep(result);
                shared = result.nextExpectedVersion;
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedVersionError)) throw error;
                conflicts += 1;
                shared = error.actual;
              }
            }
            sharedDone += 1;
          } else {
            const stream = `writer-${w}-stream-${op % 4}`;
            const size = Math.min([1, 1, 2, 1, 3, 1, 5, 1][op % 8], OWN_EVENTS - own);
            const expected = versions.get(stream) ?? 'no_stream';
            const result = await via.append(stream, newEvents(size, { data: { writer: w, op } }), expected);
            keep(result);
            versions.set(stream, result.nextExpectedVersion);
            own += size;
          }
        }
      };

      try {
        await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
        expect(appended.size).toBe(TOTAL);
        await recorder.waitFor(TOTAL, 30_000);
        await sleep(50); // anything beyond TOTAL would be a duplicate
      } finally {
        await recorder.stop();
      }

      const seen = recorder.events;
      expect(seen).toHaveLength(TOTAL);
      expect(new Set(idsOf(seen)).size).toBe(TOTAL);
      for (const e of seen) expect(appended.get(e.eventId)).toEqual(e);
      seen.slice(1).forEach((e, i) => {
        if (!(e.globalPosition > seen[i].globalPosition)) {
          throw new Error(`Feed went from ${seen[i].globalPosition} to ${e.globalPosition} at index ${i + 1}`);
        }
      });
      const byStream = new Map<string, RecordedEvent[]>();
      for (const e of seen) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      for (const [streamId, events] of byStream) {
        expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
        verifyChain(events);
        expect(await store.streamVersion(streamId)).toBe(events.length);
      }
      expect(byStream.get('shared')).toHaveLength(WRITERS * SHARED_EVENTS);
      expect(idsOf(await readWholeFeed(store, 333))).toEqual(idsOf(seen));
      expect(conflicts).toBeGreaterThan(0);
    }, 60_000);
  });
}
