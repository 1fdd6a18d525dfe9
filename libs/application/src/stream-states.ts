import { concernDecider, contractDecider, organisationDecider, serviceDecider, type Decider } from '@caretrail/domain';
import {
  canonicalJson,
  EventIntegrityError,
  sealSnapshot,
  snapshotProblem,
  supportsSnapshots,
  verifyChain,
  type EventStore,
  type RecordedEvent,
  type SnapshotCapable,
  type StreamHead,
} from '@caretrail/event-store';
import { toDomainEvent } from './recorded-to-domain';

/** What folds a stream: the domain's decider (or any initialState/evolve pair a reader passes). */
export type Folder<S> = Pick<Decider<S, unknown>, 'initialState' | 'evolve'>;

/**
 * The name and shape version under which a decider's folded state is snapshotted. Bump `schema`
 * whenever the state's shape or the evolve that builds it changes: stored snapshots of the old
 * schema are then ignored (and rebuilt from the events), never read as the new shape.
 */
export interface StateKind {
  name: string;
  schema: number;
}

export const STATE_KINDS: ReadonlyMap<object, StateKind> = new Map<object, StateKind>([
  // Every state holds a RecordLog: each schema moved on when its evolve became O(1) per event (issue 12),
  // so snapshots folded by the old evolve are refolded once rather than trusted.
  // Issue 16: escalations and suspensions carry their decision log, visits and plan actions their tags;
  // concern 4: visit reports drafted for the provider's challenge (item 3).
  // concern 5: + meetingPlans, meetingActions (issue 16 item 1)
  // concern 6: meeting actions carry ownerParty (the provider completes its own)
  // concern 7, service 5: a second opening event (ConcernRaised, ServiceRegistered) leaves the parties as the first set them
  [concernDecider, { name: 'concern', schema: 7 }],
  [serviceDecider, { name: 'service', schema: 5 }],
  [contractDecider, { name: 'contract', schema: 2 }],
  [organisationDecider, { name: 'organisation', schema: 3 }],
]);

/** A stream's folded state at a version, as a command decides on it or a reader shows it. */
export interface LoadedState<S> {
  /** Version of the last event folded in; 0 for a stream with no events. */
  version: number;
  /** Hash of that event (null at version 0). */
  hash: string | null;
  state: S;
  /** The stream's alteration count the state was verified at (see StreamHead). */
  alterations: number | null;
}

export interface StreamStatesOptions {
  /** Events' worth of folded state kept in memory, across streams (least recently used go first). Default 100,000. */
  maxCachedEvents?: number;
  /** Write a snapshot once a stream has this many events beyond its last one. Default 100. */
  snapshotEvery?: number;
  /** Streams shorter than this are never snapshotted (folding them is cheap). Default 100. */
  snapshotFrom?: number;
  /**
   * How often the whole chain of a stream held in memory is verified again from its first event,
   * in the background (it is also verified from zero whenever the stream's alteration count moves).
   * Default 10 minutes.
   */
  recheckEveryMs?: number;
  /** Told of a snapshot that was not used, or a background check that failed. Default: console.warn. */
  onProblem?: (message: string) => void;
  clock?: () => number;
}

interface Entry {
  loaded: LoadedState<unknown>;
  /** Version of the newest snapshot known to be stored (or being written). */
  snapshotVersion: number;
  /** When the whole chain up to some version of this entry was last verified from event 1 (0: never). */
  checkedFromZeroAt: number;
  checking: boolean;
  /** Set by a background check that found the chain broken: every later load throws it. */
  broken?: EventIntegrityError;
}

/**
 * Folded stream states that stay cheap however long a stream grows (docs/long-records.md).
 *
 * A state is held in memory per (decider, stream) with the version and hash of the last event folded
 * in and the stream's alteration count. A load reads the stream's head (one key lookup); while the
 * alteration count is unchanged it reads only the events after the held version, checks that they
 * chain from the held hash, and folds them in. When nothing is held, the newest stored snapshot of
 * the same state schema is used if its content hash matches, its alteration count is the stream's,
 * and the stored event at its version has the hash it names (that event and all after it are verified
 * as they are read); otherwise the stream is read and verified from its first event, as before.
 *
 * Stores without the capability (EventStoreDB) are read and verified from the first event on every load.
 */
export class StreamStates {
  private readonly entries = new Map<string, Entry>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private cachedEvents = 0;
  private readonly maxCachedEvents: number;
  private readonly snapshotEvery: number;
  private readonly snapshotFrom: number;
  private readonly recheckEveryMs: number;
  private readonly onProblem: (message: string) => void;
  private readonly now: () => number;
  /** Snapshot writes and background checks under way (see settled()). */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    options: StreamStatesOptions = {},
  ) {
    this.maxCachedEvents = options.maxCachedEvents ?? 100_000;
    this.snapshotEvery = options.snapshotEvery ?? 100;
    this.snapshotFrom = options.snapshotFrom ?? 100;
    this.recheckEveryMs = options.recheckEveryMs ?? 10 * 60_000;
    this.onProblem = options.onProblem ?? ((message) => console.warn(`[caretrail] ${message}`));
    this.now = options.clock ?? Date.now;
  }

  /** The stream's current folded state; throws EventIntegrityError when its chain does not verify. */
  async load<S>(streamId: string, folder: Folder<S>): Promise<LoadedState<S>> {
    const store = this.store;
    if (!supportsSnapshots(store)) return this.foldFromZero(streamId, folder, null);
    const head = await store.streamHead(streamId);
    if (head.alterations === null || head.version === 0) return this.foldFromZero(streamId, folder, head.alterations);

    const key = this.keyOf(streamId, folder);
    const entry = this.entries.get(key);
    let loaded: LoadedState<S> | undefined;
    if (entry?.broken) {
      if (entry.loaded.alterations === head.alterations) throw entry.broken;
      this.forget(key);
    } else if (entry && entry.loaded.alterations === head.alterations && entry.loaded.version <= head.version) {
      loaded = await this.continueFrom(streamId, folder, entry.loaded as LoadedState<S>, head);
    }
    loaded ??= await this.fromSnapshot(store, streamId, folder, head);
    const fromZero = !loaded;
    loaded ??= await this.foldFromZero(streamId, folder, head.alterations);
    this.hold(key, streamId, folder as Folder<unknown>, loaded, fromZero);
    return loaded;
  }

  /** Resolves once the snapshot writes and background checks started so far have finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: () => Promise<unknown>): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.onProblem(`background work failed: ${error instanceof Error ? error.message : String(error)}`));
    const tracked = run.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /**
   * After an append: the state the command decided on, with the events it recorded folded in, is
   * the stream's state at the new version (when the events follow on from it, as a fresh append's do).
   */
  remember<S>(streamId: string, folder: Folder<S>, before: LoadedState<S>, appended: readonly RecordedEvent[]): void {
    if (!supportsSnapshots(this.store) || before.alterations === null || appended.length === 0) return;
    const key = this.keyOf(streamId, folder);
    const entry = this.entries.get(key);
    if (!entry || entry.broken || entry.loaded.version !== before.version) return;
    if (appended[0].streamVersion !== before.version + 1 || appended[0].previousHash !== before.hash) return;
    const last = appended[appended.length - 1];
    const state = appended.reduce((s, e) => folder.evolve(s, toDomainEvent(e)), before.state);
    this.hold(key, streamId, folder as Folder<unknown>, { version: last.streamVersion, hash: last.hash, state, alterations: before.alterations }, false);
  }

  /** The held state, brought up to the head by the events after it; undefined when they do not follow on. */
  private async continueFrom<S>(streamId: string, folder: Folder<S>, held: LoadedState<S>, head: StreamHead): Promise<LoadedState<S> | undefined> {
    if (held.version === head.version) return held.hash === head.lastHash ? held : undefined;
    const tail = await this.store.readStream(streamId, { fromVersion: held.version + 1 });
    if (tail.length === 0 || tail[0].streamVersion !== held.version + 1) return undefined;
    verifyChain(tail, held.hash);
    return this.evolveTail(folder, held, tail);
  }

  /** The stored snapshot with the events after it, when the snapshot checks out; undefined otherwise. */
  private async fromSnapshot<S>(
    store: EventStore & SnapshotCapable,
    streamId: string,
    folder: Folder<S>,
    head: StreamHead,
  ): Promise<LoadedState<S> | undefined> {
    const kind = STATE_KINDS.get(folder);
    if (!kind || head.version < this.snapshotFrom) return undefined;
    const snapshot = await store.readSnapshot(streamId, kind.name, kind.schema);
    if (!snapshot || snapshot.alterations !== head.alterations || snapshot.streamVersion > head.version) return undefined;
    const problem = snapshotProblem(snapshot);
    if (problem) {
      this.onProblem(`snapshot of ${streamId} (${kind.name} v${kind.schema}) at version ${snapshot.streamVersion} not used: ${problem}`);
      return undefined;
    }
    // The snapshot's own event and every one after it, verified as read: the first must be the event
    // the snapshot was folded up to (its stored hash and its content both), the rest chain from it.
    const events = await store.readStream(streamId, { fromVersion: snapshot.streamVersion });
    const first = events[0];
    if (!first || first.streamVersion !== snapshot.streamVersion || first.hash !== snapshot.eventHash) {
      this.onProblem(`snapshot of ${streamId} at version ${snapshot.streamVersion} not used: it names an event hash the stream does not have there`);
      return undefined;
    }
    verifyChain(events, first.previousHash);
    const state = JSON.parse(snapshot.stateJson) as S;
    const at: LoadedState<S> = { version: first.streamVersion, hash: first.hash, state, alterations: head.alterations };
    return this.evolveTail(folder, at, events.slice(1));
  }

  private async foldFromZero<S>(streamId: string, folder: Folder<S>, alterations: number | null): Promise<LoadedState<S>> {
    const events = verifyChain(await this.store.readStream(streamId));
    const last = events[events.length - 1];
    return {
      version: last?.streamVersion ?? 0,
      hash: last?.hash ?? null,
      state: events.reduce((s, e) => folder.evolve(s, toDomainEvent(e)), folder.initialState()),
      alterations,
    };
  }

  private evolveTail<S>(folder: Folder<S>, from: LoadedState<S>, tail: readonly RecordedEvent[]): LoadedState<S> {
    if (tail.length === 0) return from;
    const last = tail[tail.length - 1];
    const state = tail.reduce((s, e) => folder.evolve(s, toDomainEvent(e)), from.state);
    return { version: last.streamVersion, hash: last.hash, state, alterations: from.alterations };
  }

  private hold(key: string, streamId: string, folder: Folder<unknown>, loaded: LoadedState<unknown>, checkedFromZero: boolean): void {
    if (loaded.version === 0) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.cachedEvents -= previous.loaded.version;
      this.entries.delete(key);
    }
    const entry: Entry = {
      loaded,
      snapshotVersion: previous?.snapshotVersion ?? 0,
      checkedFromZeroAt: checkedFromZero ? this.now() : (previous?.checkedFromZeroAt ?? 0),
      checking: previous?.checking ?? false,
    };
    // Re-inserted last: the Map's order is least recently used first.
    this.entries.set(key, entry);
    this.cachedEvents += loaded.version;
    for (const [k, e] of this.entries) {
      if (this.cachedEvents <= this.maxCachedEvents || k === key) break;
      this.entries.delete(k);
      this.cachedEvents -= e.loaded.version;
    }
    this.maybeSnapshot(streamId, folder, entry);
    this.maybeRecheck(streamId, entry);
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.cachedEvents -= entry.loaded.version;
  }

  /** Stores a snapshot of a state that has grown far enough past the last one, after the current request. */
  private maybeSnapshot(streamId: string, folder: Folder<unknown>, entry: Entry): void {
    const store = this.store;
    const kind = STATE_KINDS.get(folder);
    const { version, hash, state, alterations } = entry.loaded;
    if (!kind || !supportsSnapshots(store) || hash === null || alterations === null) return;
    if (version < this.snapshotFrom || version - entry.snapshotVersion < this.snapshotEvery) return;
    entry.snapshotVersion = version;
    this.track(async () => {
      const snapshot = sealSnapshot({
        streamId,
        stateType: kind.name,
        stateSchema: kind.schema,
        streamVersion: version,
        eventHash: hash,
        alterations,
        stateJson: JSON.stringify(state),
      });
      await store.writeSnapshot(snapshot).catch((error: unknown) => {
        this.onProblem(`snapshot of ${streamId} at version ${version} not written: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  }

  /**
   * Verifies the whole chain of a held stream again from event 1, in the background, when it has not
   * been for recheckEveryMs (or ever, for a state that came from a snapshot). A break found there
   * makes every later load of the stream fail as a tampered read does.
   */
  private maybeRecheck(streamId: string, entry: Entry): void {
    if (entry.checking || this.now() - entry.checkedFromZeroAt < this.recheckEveryMs) return;
    entry.checking = true;
    const { version, hash } = entry.loaded;
    this.track(() =>
      this.store
        .readStream(streamId, { toVersion: version })
        .then((events) => {
          verifyChain(events);
          const last = events[events.length - 1];
          if (!last || last.streamVersion !== version || last.hash !== hash) {
            throw new EventIntegrityError(streamId, version, last?.eventId ?? '', `the stored chain no longer ends in the hash verified before (${hash})`);
          }
          entry.checkedFromZeroAt = this.now();
        })
        .catch((error: unknown) => {
          if (error instanceof EventIntegrityError) {
            entry.broken = error;
            this.onProblem(`background check of ${streamId}: ${error.message}`);
          }
        })
        .finally(() => {
          entry.checking = false;
        }),
    );
  }

  private keyOf(streamId: string, folder: object): string {
    let id = this.ids.get(folder);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(folder, id);
    }
    return `${id}\u0000${streamId}`;
  }
}

export interface SnapshotCheck {
  streamId: string;
  stateType: string;
  streamVersion: number;
  problem: string;
}

/**
 * For verify-store: every stored snapshot of a known state schema is compared with a fold from zero
 * of its stream up to its version (canonical JSON), besides its content hash and its event hash. A
 * snapshot rewritten with a matching content hash is caught here. Returns the problems found.
 */
export async function verifySnapshots(
  store: EventStore,
  kinds: ReadonlyMap<object, StateKind> = STATE_KINDS,
): Promise<{ checked: number; problems: SnapshotCheck[] }> {
  if (!supportsSnapshots(store)) return { checked: 0, problems: [] };
  const byName = new Map([...kinds].map(([folder, kind]) => [`${kind.name}\u0000${kind.schema}`, folder as Folder<unknown>]));
  const problems: SnapshotCheck[] = [];
  let checked = 0;
  for (const key of await store.listSnapshots()) {
    const folder = byName.get(`${key.stateType}\u0000${key.stateSchema}`);
    if (!folder) continue;
    const snapshot = await store.readSnapshot(key.streamId, key.stateType, key.stateSchema);
    if (!snapshot) continue;
    checked += 1;
    const at = { streamId: key.streamId, stateType: key.stateType, streamVersion: snapshot.streamVersion };
    const hashProblem = snapshotProblem(snapshot);
    if (hashProblem) {
      problems.push({ ...at, problem: hashProblem });
      continue;
    }
    const events = await store.readStream(key.streamId, { toVersion: snapshot.streamVersion });
    const last = events[events.length - 1];
    if (!last || last.streamVersion !== snapshot.streamVersion || last.hash !== snapshot.eventHash) {
      problems.push({ ...at, problem: 'names an event hash the stream does not have at its version' });
      continue;
    }
    const folded = events.reduce((s, e) => folder.evolve(s, toDomainEvent(e)), folder.initialState());
    if (canonicalJson(JSON.parse(JSON.stringify(folded))) !== canonicalJson(JSON.parse(snapshot.stateJson))) {
      problems.push({ ...at, problem: 'its state differs from a fold of the stream from its first event' });
    }
  }
  return { checked, problems };
}
