import {
  commandSpecFor,
  RecordNotFoundError,
  EVENT_SCHEMAS,
  type AnyCommandSpec,
  type CareTrailCommand,
  type DomainActor,
  type Occurred,
  type Recorded,
} from '@caretrail/domain';
import {
  sealPending,
  verifyChain,
  WrongExpectedVersionError,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from '@caretrail/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { toDomainEvent } from './recorded-to-domain';
import { StreamStates, type Folder, type LoadedState, type StreamStatesOptions } from './stream-states';

export interface CommandMetadata {
  actor: DomainActor;
  /** Id of this command; also the commandId of every event it records. */
  commandId: string;
  correlationId: string;
  causationId: string | null;
  /** The version the client last saw (If-Match / expectedVersion); the loaded version otherwise. */
  expectedVersion?: number;
}

export interface CommandResult {
  streamId: string;
  recordType: string;
  recordId: string;
  /** Version of the record's stream after the command. */
  version: number;
  /** Global position of the last event recorded: ask a query to show at least this. */
  position: number;
  events: { eventId: string; type: string; streamVersion: number; globalPosition: number }[];
}

/** The stale-version error a client sees when its expected version is not the record's current one. */
export class StaleRecordError extends Error {
  override readonly name = 'StaleRecordError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Record ${streamId} is at version ${currentVersion}, not ${expectedVersion}: reload it and try again`);
  }
}

export type Clock = () => Date;

export interface CommandExecutorOptions extends StreamStatesOptions {
  /**
   * How many times a command sent without an expected version is decided again on fresh state when
   * another writer moved the stream between its read and its append, before it answers 409. Default 8.
   */
  maxAttempts?: number;
}

/**
 * Runs one domain command: load the target stream's folded state, load the records it refers to,
 * decide, and append with the version the decision was made on. Pure orchestration: the rules are the
 * domain's, the durability the store's. Every entry point (HTTP, pages, seed, CLI) comes through here.
 *
 * States come from StreamStates (held in memory, snapshots, incremental chain checks: see
 * docs/long-records.md), so a command costs the same on a long record as on a short one. Commands on
 * one stream run one at a time in this process; a command with no expected version that still meets a
 * concurrent writer (another process) is decided again on the fresh state, a bounded number of times.
 */
export class CommandExecutor {
  readonly states: StreamStates;
  private readonly maxAttempts: number;
  /** The tail of each stream's queue of commands in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = () => new Date(),
    options: CommandExecutorOptions = {},
  ) {
    this.states = new StreamStates(store, options);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  }

  /** The catalogue's spec for a kind (the domain's commandSpecFor, the one lookup), or an error naming the kind. */
  specFor(kind: string): AnyCommandSpec {
    const spec = commandSpecFor(kind);
    if (!spec) throw new Error(`No command spec for ${kind}`);
    return spec;
  }

  async execute(command: CareTrailCommand, meta: CommandMetadata): Promise<CommandResult> {
    const spec = this.specFor(command.kind);
    const streamId = spec.stream(command);
    const attempts = meta.expectedVersion === undefined ? this.maxAttempts : 1;
    return this.oneAtATime(streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attempt(spec, streamId, command, meta);
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError) || attempt >= attempts) throw error;
          // Another process appended meanwhile: decide again on what it recorded, after a short jittered pause.
          await sleep(Math.floor(Math.random() * 5 * attempt));
        }
      }
    });
  }

  private async attempt(spec: AnyCommandSpec, streamId: string, command: CareTrailCommand, meta: CommandMetadata): Promise<CommandResult> {
    const loaded = await this.states.load(streamId, spec.decider as Folder<unknown>);
    const currentVersion = loaded.version;

    if (spec.target === 'existing' && currentVersion === 0) {
      throw new RecordNotFoundError(spec.recordType, spec.recordId(command));
    }
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== currentVersion) {
      throw new StaleRecordError(streamId, meta.expectedVersion, currentVersion);
    }

    const state = loaded.state;
    const refs = await this.loadRefs(spec, command, state);
    const now = this.clock().toISOString();
    const decided = spec.decider.decide(command, state, { actor: meta.actor, now, refs });

    const expected: ExpectedVersion = spec.target === 'new' ? 'no_stream' : currentVersion;
    const result = await this.store.append(
      streamId,
      decided.map((e) => this.toNewEvent(e, meta)),
      expected,
    );
    this.states.remember(streamId, spec.decider as Folder<unknown>, loaded, result.events);
    return {
      streamId,
      recordType: spec.recordType,
      recordId: spec.recordId(command),
      version: result.nextExpectedVersion,
      position: result.lastGlobalPosition,
      events: result.events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        streamVersion: e.streamVersion,
        globalPosition: e.globalPosition,
      })),
    };
  }

  /** Runs `work` after every earlier command on the same stream in this process has finished. */
  private async oneAtATime<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(streamId) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(streamId, tail);
    try {
      return await run;
    } finally {
      if (this.queues.get(streamId) === tail) this.queues.delete(streamId);
    }
  }

  /** The stream's current state folded by `folder`, and its version: cheap however long the stream (see StreamStates). */
  loadState<S>(streamId: string, folder: Folder<S>): Promise<LoadedState<S>> {
    return this.states.load(streamId, folder);
  }

  /**
   * A stream's events as the domain sees them, every one, its hash chain checked from the first as it
   * reads it: a tampered event is reported, never folded as valid. For replays and whole histories;
   * current state is cheaper through loadState.
   */
  async loadStream(streamId: string): Promise<Recorded[]> {
    return (await this.readVerifiedStream(streamId)).map(toDomainEvent);
  }

  /** A stream's events as stored (the envelope: hashes, positions), every one, its hash chain checked from the first. */
  async readVerifiedStream(streamId: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(streamId);
    verifyChain(events);
    return events;
  }

  /** The global position of the stream's event at `version`: a held state's last event, checked when it was folded. */
  async positionOf(streamId: string, version: number): Promise<number | null> {
    const [event] = await this.store.readStream(streamId, { fromVersion: version, toVersion: version });
    return event?.globalPosition ?? null;
  }

  private async loadRefs(spec: AnyCommandSpec, command: CareTrailCommand, state: unknown): Promise<Record<string, unknown>> {
    const requests = spec.refs?.(command, state) ?? {};
    const entries = await Promise.all(
      Object.entries(requests).map(async ([name, request]) => {
        const loaded = await this.states.load(request.stream, request.decider as Folder<unknown>);
        if (loaded.version === 0) throw new RecordNotFoundError(request.recordType, request.recordId);
        return [name, loaded.state] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  private toNewEvent(event: Occurred, meta: CommandMetadata): NewEvent {
    return {
      eventId: uuidv7(),
      type: event.type,
      schemaVersion: EVENT_SCHEMAS[event.type].schemaVersion,
      // A restricted entry's content is sealed here, with its digest (docs/restricted-entries.md).
      data: sealPending(event.data as unknown as Record<string, unknown>),
      occurredAt: event.occurredAt,
      actor: { userId: meta.actor.userId, organisationId: meta.actor.organisationId, role: meta.actor.role },
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      commandId: meta.commandId,
    };
  }
}

export type { RecordedEvent };
