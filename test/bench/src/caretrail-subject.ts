import { type EventStore } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';
import type { Backend, BenchSubject } from './bench-subject';

export class CareTrailSubject implements BenchSubject {
  readonly role = 'caretrail' as const;

  constructor(
    readonly backend: Backend,
    readonly store: EventStore,
  ) {}

  static async open(backend: Backend, where: { filename?: string; connectionString?: string; schema?: string }): Promise<CareTrailSubject> {
    const store =
      backend === 'sqlite'
        ? new SqliteEventStore({ filename: where.filename! })
        : new PostgresEventStore({ connectionString: where.connectionString!, schema: where.schema, poolSize: 10 });
    await store.init();
    return new CareTrailSubject(backend, store);
  }

  async append(streamId: string, events: Parameters<EventStore['append']>[1], expected: number): Promise<void> {
    await this.store.append(streamId, events, expected);
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.store.readStream(streamId)).length;
  }

  async readFeed(pageSize: number, max = Infinity, after = 0): Promise<number> {
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ after, limit: pageSize });
      count += page.events.length;
      after = page.nextAfter;
      if (page.isEnd || count >= max) return count;
    }
  }

  async catchUp(total: number, batchSize: number): Promise<number> {
    const stop = new AbortController();
    let count = 0;
    for await (const event of this.store.subscribe({ after: 0, batchSize, signal: stop.signal })) {
      if (event && ++count >= total) stop.abort();
    }
    return count;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
