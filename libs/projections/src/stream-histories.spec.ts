import { type NewEvent, type RecordedEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { StreamHistories } from './stream-histories';

const event = (n: number): NewEvent => ({
  eventId: uuidv7(),
  type: 'CommentAdded',
  schemaVersion: 1,
  data: { n },
  occurredAt: '2025-01-06T10:00:00.000Z',
  actor: { userId: 'u', organisationId: 'o', role: 'qa-officer' },
  correlationId: uuidv7(),
  causationId: null,
  commandId: null,
});

/** Counts the reads that reach the store, and which versions they asked for. */
class CountingReader {
  reads: { stream: string; from?: number; to?: number }[] = [];
  constructor(private readonly store: SqliteEventStore) {}
  readStream(stream: string, options?: { fromVersion?: number; toVersion?: number }): Promise<RecordedEvent[]> {
    this.reads.push({ stream, from: options?.fromVersion, to: options?.toVersion });
    return this.store.readStream(stream, options);
  }
}

describe('stream histories kept between pages', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'histories-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.init();
    for (const stream of ['concern-a', 'concern-b']) {
      await store.append(stream, [1, 2, 3, 4, 5].map(event), 'no_stream');
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const versions = (events: RecordedEvent[]) => events.map((e) => e.streamVersion);

  it('answers exactly the versions asked for, reading from the store only what it does not keep', async () => {
    const reader = new CountingReader(store);
    const histories = new StreamHistories(reader);
    expect(versions(await histories.readStream('concern-a', { toVersion: 3 }))).toEqual([1, 2, 3]);
    expect(versions(await histories.readStream('concern-a', { toVersion: 2 }))).toEqual([1, 2]);
    expect(versions(await histories.readStream('concern-a', { fromVersion: 2, toVersion: 3 }))).toEqual([2, 3]);
    expect(reader.reads).toEqual([{ stream: 'concern-a', from: 1, to: 3 }]);
    expect(versions(await histories.readStream('concern-a', { toVersion: 5 }))).toEqual([1, 2, 3, 4, 5]);
    expect(reader.reads[1]).toEqual({ stream: 'concern-a', from: 4, to: 5 });
    // "To the end" always asks the store for what may have been appended since.
    expect(versions(await histories.readStream('concern-a'))).toEqual([1, 2, 3, 4, 5]);
    expect(reader.reads[2]).toEqual({ stream: 'concern-a', from: 6, to: undefined });
    expect(await histories.readStream('concern-a')).toEqual(await store.readStream('concern-a'));
  });

  it('extends a kept prefix with the events of a page that follow it, and ignores those that do not', async () => {
    const reader = new CountingReader(store);
    const histories = new StreamHistories(reader);
    const page = (await store.readAll({ after: 0, limit: 100 })).events;
    const a = page.filter((e) => e.streamId === 'concern-a');
    const b = page.filter((e) => e.streamId === 'concern-b');
    histories.notePage([...a.slice(0, 2), b[3]]); // a: 1-2 kept; b: version 4 without 1-3 is not kept
    histories.notePage([a[3]]); // a: version 4 does not follow 2: ignored
    expect(histories.size).toBe(2);
    expect(versions(await histories.readStream('concern-a', { toVersion: 2 }))).toEqual([1, 2]);
    expect(reader.reads).toEqual([]);
    expect(versions(await histories.readStream('concern-a', { toVersion: 4 }))).toEqual([1, 2, 3, 4]);
    expect(reader.reads).toEqual([{ stream: 'concern-a', from: 3, to: 4 }]);
    expect(versions(await histories.readStream('concern-b', { toVersion: 4 }))).toEqual([1, 2, 3, 4]);
    expect(reader.reads[1]).toEqual({ stream: 'concern-b', from: 1, to: 4 });
  });

  it('holds no more than its capacity, dropping the least recently used stream first', async () => {
    const reader = new CountingReader(store);
    const histories = new StreamHistories(reader, 6);
    await histories.readStream('concern-a', { toVersion: 5 });
    await histories.readStream('concern-b', { toVersion: 5 }); // 10 held > 6: concern-a goes
    expect(histories.size).toBe(5);
    await histories.readStream('concern-b', { toVersion: 5 });
    expect(reader.reads).toHaveLength(2);
    await histories.readStream('concern-a', { toVersion: 1 });
    expect(reader.reads[2]).toEqual({ stream: 'concern-a', from: 1, to: 1 });
  });

  it('stays true when a page extends the history while a read of it is awaited', async () => {
    const histories = new StreamHistories(store);
    const page = (await store.readAll({ after: 0, limit: 100 })).events.filter((e) => e.streamId === 'concern-a');
    histories.notePage(page.slice(0, 2));
    const reading = histories.readStream('concern-a', { toVersion: 4 });
    histories.notePage(page.slice(2, 3)); // version 3 arrives while versions 3-4 are being read
    expect(versions(await reading)).toEqual([1, 2, 3, 4]);
    expect(versions(await histories.readStream('concern-a', { toVersion: 5 }))).toEqual([1, 2, 3, 4, 5]);
  });
});
