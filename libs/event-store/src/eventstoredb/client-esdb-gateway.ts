import type { Readable } from 'node:stream';
import {
  EventStoreDBClient,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils';
import { StoreUnavailableError } from '../event-store.errors';
import { filteredReadAllRequest } from './esdb-filtered-read';
import type {
  EsdbAllRead,
  EsdbAppendOutcome,
  EsdbGateway,
  EsdbLiveHandlers,
  EsdbLiveSubscription,
  EsdbProposedEvent,
  EsdbStoredEvent,
  EsdbStreamRead,
} from './esdb-gateway';
import type { EsdbPosition } from './esdb-positions';
import type { EsdbExpectedRevision } from './esdb-revisions';

/** The client's protected members the filtered read needs (present in @eventstore/db-client 6.x). */
interface ClientInternals {
  GRPCStreamCreator: (client: typeof StreamsClient, name: string, create: (c: StreamsClient) => unknown) => () => Promise<unknown>;
  callArguments: (options: { requiresLeader?: boolean }, callOptions?: { deadline?: number }) => unknown[];
}

export function clientInternals(client: EventStoreDBClient): ClientInternals {
  const internals = client as unknown as Partial<ClientInternals>;
  if (typeof internals.GRPCStreamCreator !== 'function' || typeof internals.callArguments !== 'function') {
    throw new Error('This @eventstore/db-client lacks the internals the filtered $all read uses (6.x has them)');
  }
  return internals as ClientInternals;
}

/** Collects a finite read, ending early (and cancelling it) when `signal` aborts. */
export function drain<T>(read: Readable & { cancel?: () => Promise<void> }, signal: AbortSignal): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const items: T[] = [];
    const done = (error?: unknown): void => {
      read.off('data', onData);
      read.off('end', onEnd);
      read.off('error', done);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(items);
      else reject(error);
    };
    const onData = (item: T): void => void items.push(item);
    const onEnd = (): void => done();
    const onAbort = (): void => {
      void read.cancel?.().catch(() => undefined);
      read.destroy();
      done(new StoreUnavailableError('EventStoreDB read stopped: the store is closing'));
    };
    if (signal.aborted) return onAbort();
    read.on('data', onData);
    read.once('end', onEnd);
    read.once('error', done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function toStored(event: EsdbRecordedEvent | undefined): EsdbStoredEvent | undefined {
  if (!event) return undefined;
  return {
    streamName: event.streamId,
    id: event.id,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    position: event.position,
  };
}

const storedOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): EsdbStoredEvent[] => {
  const stored = toStored(resolved.event as EsdbRecordedEvent | undefined);
  return stored ? [stored] : [];
};

/** The gateway to a real server, through @eventstore/db-client. */
export class ClientEsdbGateway implements EsdbGateway {
  readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    clientInternals(this.client);
  }

  async append(streamName: string, events: readonly EsdbProposedEvent[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    const data = events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
    const result = await this.client.appendToStream(streamName, data, { expectedRevision: expected, requiresLeader: true });
    return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
  }

  async readStream(streamName: string, read: EsdbStreamRead, signal: AbortSignal): Promise<EsdbStoredEvent[]> {
    const stream = this.client.readStream(streamName, {
      fromRevision: read.from,
      maxCount: read.maxCount,
      direction: read.direction,
      requiresLeader: true,
    });
    try {
      return (await drain<ResolvedEvent>(stream as unknown as Readable, signal)).flatMap(storedOf);
    } catch (error) {
      if ((error as { type?: string })?.type === 'stream-not-found') return [];
      throw error;
    }
  }

  async readAll(read: EsdbAllRead, signal: AbortSignal): Promise<EsdbStoredEvent[]> {
    const internals = clientInternals(this.client);
    const request = filteredReadAllRequest(read);
    const create = internals.GRPCStreamCreator(StreamsClient, 'readAllFiltered', (client) =>
      client.read(request, ...(internals.callArguments({ requiresLeader: true }, { deadline: Infinity }) as [])),
    );
    const stream = new ReadStream<AllStreamResolvedEvent>(
      create as ConstructorParameters<typeof ReadStream>[0],
      convertGrpcEvent as ConstructorParameters<typeof ReadStream<AllStreamResolvedEvent>>[1],
      {},
    );
    return (await drain<AllStreamResolvedEvent>(stream, signal)).flatMap(storedOf);
  }

  subscribeAll(from: 'start' | EsdbPosition, prefixes: readonly string[], handlers: EsdbLiveHandlers): EsdbLiveSubscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: from,
      filter: streamNameFilter({ prefixes: [...prefixes] }),
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => storedOf(resolved).forEach((e) => handlers.event(e)));
    subscription.on('error', (error: unknown) => handlers.error(error));
    subscription.on('end', () => handlers.end());
    return {
      pause: () => void subscription.pause(),
      resume: () => void subscription.resume(),
      close: async () => {
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      },
    };
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
