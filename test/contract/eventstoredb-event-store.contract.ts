import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { StoreUnavailableError, verifyChain, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from '@caretrail/event-store/eventstoredb';
import { ClientEsdbGateway } from '../../libs/event-store/src/eventstoredb/client-esdb-gateway';
import type { EsdbGateway } from '../../libs/event-store/src/eventstoredb/esdb-gateway';
import { InMemoryEsdbServer } from '../../libs/event-store/src/eventstoredb/testing/in-memory-esdb';
import { describeEventStoreContract } from './event-store-contract.suite';
import { newEvent, newEvents, sleep } from './event.fixtures';
import { FeedRecorder } from './feed-recorder.helper';

/**
 * The EventStore contract on EventStoreDB / KurrentDB:
 * - against a real server: CARETRAIL_TEST_ESDB_URL if set, else a KurrentDB container started with
 *   testcontainers (insecure single node). Without a container runtime these tests are skipped with
 *   the reason printed; with CARETRAIL_REQUIRE_CONTAINERS=1 that is a failure instead;
 * - always, against the in-memory ESDB double (testing/in-memory-esdb.ts), which runs the adapter's
 *   own logic (claims, repeats, chains, paging, live feed) here too. It is not a substitute for the server.
 */

const IMAGE = process.env.CARETRAIL_ESDB_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';
const requireContainers = process.env.CARETRAIL_REQUIRE_CONTAINERS === '1';
const externalUrl = process.env.CARETRAIL_TEST_ESDB_URL;

/**
 * Asks testcontainers, up front and synchronously (jest must know whether to skip before tests are
 * declared), whether a container runtime works here. Runs in a child process because the detection is
 * asynchronous and leaves handles open.
 */
function containerRuntimeProblem(): string | undefined {
  const script = `require('testcontainers').getContainerRuntimeClient().then(
    () => { console.log('OK'); process.exit(0); },
    (e) => { console.log('NO ' + (e && e.message)); process.exit(0); })`;
  const probe = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, cwd: __dirname });
  const out = (probe.stdout ?? '').trim().split('\n').pop() ?? '';
  if (out === 'OK') return undefined;
  if (out.startsWith('NO ')) return out.slice(3);
  return `the runtime probe failed (${probe.error?.message ?? probe.stderr?.trim() ?? 'no output'})`;
}

/** Insecure single node; KurrentDB images read KURRENTDB_*, older EventStoreDB images EVENTSTORE_*. */
function serverEnvironment(image: string): Record<string, string> {
  const prefix = /eventstore\/eventstore|eventstoredb/i.test(image) ? 'EVENTSTORE' : 'KURRENTDB';
  return { [`${prefix}_CLUSTER_SIZE`]: '1', [`${prefix}_RUN_PROJECTIONS`]: 'None', [`${prefix}_INSECURE`]: 'true' };
}

/** Fresh prefixes per test: tests share one server but never see each other's streams. */
function freshPrefixes(): Pick<EventStoreDbEventStoreOptions, 'streamPrefix' | 'claimPrefix'> {
  const tag = randomBytes(4).toString('hex');
  return { streamPrefix: `ct${tag}.`, claimPrefix: `ctid${tag}.` };
}

interface EsdbTarget {
  /** A new store on the target (a connection of its own); the same `prefixes` give the same streams. */
  open(
    prefixes: Pick<EventStoreDbEventStoreOptions, 'streamPrefix' | 'claimPrefix'>,
    options?: Partial<EventStoreDbEventStoreOptions>,
  ): Promise<EventStoreDbEventStore>;
  /** A raw gateway to the same server, to look at ESDB without the adapter. */
  gateway(): EsdbGateway;
}

function describeOn(name: string, target: () => EsdbTarget): void {
  describeEventStoreContract(name, async () => {
    const prefixes = freshPrefixes();
    const stores: EventStore[] = [];
    const open = async () => {
      const store = await target().open(prefixes);
      stores.push(store);
      return store;
    };
    const store = await open();
    return { store, openPeer: open, cleanup: async () => void (await Promise.all(stores.map((s) => s.close()))) };
  });

  describe(`${name}: ESDB specifics`, () => {
    const stores: EventStore[] = [];
    const gateways: EsdbGateway[] = [];
    const open = async (prefixes = freshPrefixes(), options: Partial<EventStoreDbEventStoreOptions> = {}) => {
      const store = await target().open(prefixes, options);
      stores.push(store);
      return store;
    };
    const rawGateway = () => {
      const gateway = target().gateway();
      gateways.push(gateway);
      return gateway;
    };
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await Promise.all(gateways.splice(0).map((g) => g.dispose()));
    });

    it('lets the server deduplicate a repeated append of the same event ids (nothing new is stored)', async () => {
      const gateway = rawGateway();
      const stream = `dedup-${randomUUID()}`;
      const events = [randomUUID(), randomUUID()].map((id) => ({ id, type: 'Probe', data: { id }, metadata: {} }));
      const signal = new AbortController().signal;
      const first = await gateway.append(stream, events, 'no_stream');
      const again = await gateway.append(stream, events, 'no_stream');
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      const stored = await gateway.readStream(stream, { from: 'start', maxCount: 10, direction: 'forwards' }, signal);
      expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('stores one copy when two identical appends race, both getting the stored events back', async () => {
      const store = await open();
      const batch = newEvents(3);
      const [a, b] = await Promise.all([store.append('s', batch, 'no_stream'), store.append('s', batch, 'no_stream')]);
      expect(a).toEqual(b);
      expect(await store.readStream('s')).toEqual(a.events);
      expect(await store.streamVersion('s')).toBe(3);
    });

    it('maps each event of a multi-event append to its own log position, commit equal to prepare', async () => {
      const gateway = rawGateway();
      const prefixes = freshPrefixes();
      const store = await open(prefixes);
      const { events } = await store.append('s', newEvents(4), 'no_stream');
      const raw = await gateway.readStream(`${prefixes.streamPrefix}s`, { from: 'start', maxCount: 10, direction: 'forwards' }, new AbortController().signal);
      expect(raw.map((e) => e.position?.commit)).toEqual(raw.map((e) => e.position?.prepare));
      expect(events.map((e) => e.globalPosition)).toEqual(raw.map((e) => Number(e.position?.commit)));
      events.slice(1).forEach((e, i) => expect(e.globalPosition).toBeGreaterThan(events[i].globalPosition));
    });

    it('reads the feed after a number that is no event position (e.g. head - 1) without failing', async () => {
      const store = await open();
      await store.append('s', newEvents(3), 'no_stream');
      const head = await store.headPosition();
      const page = await store.readAll({ after: head - 1 });
      expect(page.events.map((e) => e.globalPosition)).toEqual([head]);
      expect(page.isEnd).toBe(true);
      const recorder = new FeedRecorder(store, { after: head - 1 });
      try {
        await recorder.waitFor(1, 5_000);
        await store.append('s', [newEvent()], 3);
        await recorder.waitFor(2, 5_000);
      } finally {
        await recorder.stop();
      }
      expect(recorder.events[0].globalPosition).toBe(head);
    });

    it('keeps CareTrail streams and claims under their prefixes, out of each other', async () => {
      const prefixes = freshPrefixes();
      const store = await open(prefixes);
      const { events } = await store.append('concern-1', newEvents(2), 'no_stream');
      const gateway = rawGateway();
      const feed = await gateway.readAll(
        { from: 'start', maxCount: 100, direction: 'forwards', prefixes: [prefixes.streamPrefix!] },
        new AbortController().signal,
      );
      expect(feed.map((e) => e.streamName)).toEqual([`${prefixes.streamPrefix}concern-1`, `${prefixes.streamPrefix}concern-1`]);
      const claims = await gateway.readAll(
        { from: 'start', maxCount: 100, direction: 'forwards', prefixes: [prefixes.claimPrefix!] },
        new AbortController().signal,
      );
      expect(claims.map((e) => e.streamName).sort()).toEqual(events.map((e) => `${prefixes.claimPrefix}${e.eventId}`).sort());
    });

    it('imports recorded events keeping ids, timestamps and hashes, skipping them on a second run', async () => {
      const source = await open();
      await source.append('a', newEvents(3), 'no_stream');
      await source.append('b', newEvents(2), 'no_stream');
      await source.append('a', newEvents(1), 3);
      const recorded = (await source.readAll()).events;
      const target = await open();
      expect(await target.importEvents(recorded)).toEqual({ imported: 6, skipped: 0 });
      expect(await target.importEvents(recorded)).toEqual({ imported: 0, skipped: 6 });
      const copied = (await target.readAll()).events;
      const strip = (e: RecordedEvent) => ({ ...e, globalPosition: 0 });
      expect(copied.map(strip)).toEqual(recorded.map(strip));
      verifyChain(await target.readStream('a'));
      expect((await target.lastEvent())?.eventId).toBe(recorded[5].eventId);
    });

    it('refuses to import an event whose hash does not match its content, storing nothing', async () => {
      const source = await open();
      const { events } = await source.append('a', newEvents(2), 'no_stream');
      const target = await open();
      const forged = [events[0], { ...events[1], data: { forged: true } }];
      await expect(target.importEvents(forged)).rejects.toMatchObject({ name: 'EventIntegrityError' });
      expect(await target.streamVersion('a')).toBe(0);
    });
  });
}

// ---- the in-memory double: always ----------------------------------------------------------------

describe('on the in-memory ESDB double', () => {
  const server = new InMemoryEsdbServer();
  describeOn('EventStoreDbEventStore (in-memory ESDB double)', () => ({
    open: async (prefixes, options = {}) => {
      const store = new EventStoreDbEventStore({ connectionString: 'esdb://in-memory', gateway: server.connect(), ...prefixes, ...options });
      await store.init();
      return store;
    },
    gateway: () => server.connect(),
  }));

  it('reconnects a live subscription the server drops, delivering every event once', async () => {
    const store = new EventStoreDbEventStore({ connectionString: 'esdb://in-memory', gateway: server.connect(), ...freshPrefixes() });
    await store.init();
    const recorder = new FeedRecorder(store);
    try {
      await store.append('s', newEvents(2), 'no_stream');
      await recorder.waitFor(2, 5_000);
      server.dropSubscriptions();
      await store.append('s', newEvents(2), 2);
      await recorder.waitFor(4, 5_000);
      await sleep(50);
      expect(recorder.events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    } finally {
      await recorder.stop();
      await store.close();
    }
  });

  it('reports an unreachable server as StoreUnavailableError, and recovers', async () => {
    const store = new EventStoreDbEventStore({ connectionString: 'esdb://in-memory', gateway: server.connect(), ...freshPrefixes() });
    await store.init();
    server.unavailable = true;
    try {
      await expect(store.append('s', [newEvent()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      server.unavailable = false;
    }
    await expect(store.append('s', [newEvent()], 'any')).resolves.toMatchObject({ nextExpectedVersion: 1 });
    await store.close();
  });

  it('had the server recognise every repeated append in these runs (none was written twice)', () => {
    expect(server.idempotentRepeats).toBeGreaterThan(0);
  });
});

// ---- a real server ---------------------------------------------------------------------------------

const problem = externalUrl ? undefined : containerRuntimeProblem();

if (problem) {
  const reason = `no container runtime (${problem}); set CARETRAIL_TEST_ESDB_URL to use a running server`;
  if (requireContainers) {
    describe('EventStoreDbEventStore on KurrentDB (CARETRAIL_REQUIRE_CONTAINERS=1)', () => {
      it('needs a container runtime', () => {
        throw new Error(`CARETRAIL_REQUIRE_CONTAINERS=1 but ${reason}`);
      });
    });
  } else {
    console.warn(`EventStoreDbEventStore contract tests on KurrentDB skipped: ${reason}`);
    describe.skip(`EventStoreDbEventStore on KurrentDB (skipped: ${reason})`, () => {
      it('needs a KurrentDB server', () => undefined);
    });
  }
} else {
  describe('on a KurrentDB server', () => {
    let url = externalUrl ?? '';
    let stopContainer: (() => Promise<unknown>) | undefined;

    beforeAll(async () => {
      if (!url) {
        const { GenericContainer, Wait } = await import('testcontainers');
        const container = await new GenericContainer(IMAGE)
          .withEnvironment(serverEnvironment(IMAGE))
          .withExposedPorts(2113)
          .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300))
          .withStartupTimeout(180_000)
          .start();
        stopContainer = () => container.stop();
        url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
      }
      // The node answers health before it has elected itself leader: wait until a store can start.
      for (const deadline = Date.now() + 60_000; ; await sleep(500)) {
        const probe = new EventStoreDbEventStore({ connectionString: url, ...freshPrefixes() });
        try {
          await probe.init();
          await probe.append('probe', [newEvent()], 'no_stream');
          break;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`KurrentDB at ${url} did not become writable: ${String(error)}`);
        } finally {
          await probe.close();
        }
      }
    }, 300_000);

    afterAll(async () => {
      await stopContainer?.();
    }, 60_000);

    describeOn('EventStoreDbEventStore (KurrentDB)', () => ({
      open: async (prefixes, options = {}) => {
        const store = new EventStoreDbEventStore({ connectionString: url, ...prefixes, ...options });
        await store.init();
        return store;
      },
      gateway: () => new ClientEsdbGateway(url),
    }));

    it('reports an unreachable server as StoreUnavailableError', async () => {
      const nowhere = new EventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false&defaultDeadline=2000&maxDiscoverAttempts=1' });
      try {
        await expect(nowhere.init()).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await nowhere.close();
      }
    }, 30_000);
  });
}
