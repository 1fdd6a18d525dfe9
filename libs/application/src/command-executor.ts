import {
  COMMAND_SPECS,
  RecordNotFoundError,
  EVENT_SCHEMAS,
  fold,
  type AnyCommandSpec,
  type CareTrailCommand,
  type DomainActor,
  type Occurred,
  type Recorded,
} from '@caretrail/domain';
import { verifyChain, type EventStore, type ExpectedVersion, type NewEvent, type RecordedEvent } from '@caretrail/event-store';
import { v7 as uuidv7 } from 'uuid';
import { toDomainEvent } from './recorded-to-domain';

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

/**
 * Runs one domain command: load and fold the target stream, load the records it refers to, decide,
 * and append with the version the decision was made on. Pure orchestration: the rules are the
 * domain's, the durability the store's. Every entry point (HTTP, pages, seed, CLI) comes through here.
 */
export class CommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = () => new Date(),
  ) {}

  specFor(kind: string): AnyCommandSpec {
    const spec = (COMMAND_SPECS as unknown as Record<string, AnyCommandSpec | undefined>)[kind];
    if (!spec) throw new Error(`No command spec for ${kind}`);
    return spec;
  }

  async execute(command: CareTrailCommand, meta: CommandMetadata): Promise<CommandResult> {
    const spec = this.specFor(command.kind);
    const streamId = spec.stream(command);
    const history = await this.loadStream(streamId);
    const currentVersion = history.length === 0 ? 0 : history[history.length - 1].streamVersion;

    if (spec.target === 'existing' && currentVersion === 0) {
      throw new RecordNotFoundError(spec.recordType, spec.recordId(command));
    }
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== currentVersion) {
      throw new StaleRecordError(streamId, meta.expectedVersion, currentVersion);
    }

    const state = fold(spec.decider, history);
    const refs = await this.loadRefs(spec, command, state);
    const now = this.clock().toISOString();
    const decided = spec.decider.decide(command, state, { actor: meta.actor, now, refs });

    const expected: ExpectedVersion = spec.target === 'new' ? 'no_stream' : currentVersion;
    const result = await this.store.append(streamId, decided.map((e) => this.toNewEvent(e, meta)), expected);
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

  /** A stream's events as the domain sees them. */
  /** Checks the stream's hash chain as it reads it: a tampered event is reported, never folded as valid. */
  async loadStream(streamId: string): Promise<Recorded[]> {
    const events = verifyChain(await this.store.readStream(streamId));
    return events.map(toDomainEvent);
  }

  private async loadRefs(spec: AnyCommandSpec, command: CareTrailCommand, state: unknown): Promise<Record<string, unknown>> {
    const requests = spec.refs?.(command, state) ?? {};
    const entries = await Promise.all(
      Object.entries(requests).map(async ([name, request]) => {
        const events = await this.loadStream(request.stream);
        if (events.length === 0) throw new RecordNotFoundError(request.recordType, request.recordId);
        return [name, fold(request.decider, events)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  private toNewEvent(event: Occurred, meta: CommandMetadata): NewEvent {
    return {
      eventId: uuidv7(),
      type: event.type,
      schemaVersion: EVENT_SCHEMAS[event.type].schemaVersion,
      data: event.data as unknown as Record<string, unknown>,
      occurredAt: event.occurredAt,
      actor: { userId: meta.actor.userId, organisationId: meta.actor.organisationId, role: meta.actor.role },
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      commandId: meta.commandId,
    };
  }
}

export type { RecordedEvent };
