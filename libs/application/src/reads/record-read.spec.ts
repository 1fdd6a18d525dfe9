import { randomUUID } from 'node:crypto';
import { concernDecider, concernStream, RecordNotFoundError } from '@caretrail/domain';
import { EventIntegrityError, type EventStore, type NewEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { CommandExecutor } from '../command-executor';
import { readPointFields, readPointOf } from './read-point';
import { readRecord } from './record-read';

const COUNCIL = randomUUID();
const concernId = randomUUID();
const streamId = concernStream(concernId);

const event = (type: string, data: Record<string, unknown>, occurredAt: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  occurredAt,
  actor: { userId: 'officer', organisationId: COUNCIL, role: 'council_officer' },
  correlationId: randomUUID(),
  causationId: null,
  commandId: null,
});

const raised = event(
  'ConcernRaised',
  {
    concernId,
    serviceId: randomUUID(),
    providerId: randomUUID(),
    councilId: COUNCIL,
    contractId: randomUUID(),
    category: 'documentation',
    severity: 'amber',
    source: 'monitoring_visit',
    summary: 'Care records lapsed',
  },
  '2026-01-05T10:00:00.000Z',
);
// Occurred on the 6th, recorded on the 12th (a late entry): the two bases answer differently on the 7th.
const escalated = event('ConcernEscalated', { concernId, fromLevel: 0, toLevel: 2, reason: 'worse' }, '2026-01-06T10:00:00.000Z');

describe('readRecord (the one record read of the query handlers)', () => {
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-01-05T12:00:00.000Z');
    store = new SqliteEventStore({ filename: ':memory:', clock: () => now });
    await store.init();
    await store.append(streamId, [raised], 0);
    now = new Date('2026-01-12T12:00:00.000Z');
    await store.append(streamId, [escalated], 1);
    executor = new CommandExecutor(store);
  });

  afterEach(() => store.close());

  const request = (point: ReturnType<typeof readPointOf>, extra = {}) => ({
    recordType: 'concern',
    id: concernId,
    streamId,
    folder: concernDecider,
    point,
    ...extra,
  });

  it('live: the held state, its version, no events unless asked', async () => {
    const read = await readRecord(executor, request(null));
    expect(read).toMatchObject({ version: 2, liveVersion: 2, events: null });
    expect(read.state.escalationLevel).toBe(2);
    expect((await readRecord(executor, request(null, { events: true }))).events?.map((e) => e.type)).toEqual(['ConcernRaised', 'ConcernEscalated']);
  });

  it('as of a date: what the record showed then (recorded) or what had happened by then (occurred)', async () => {
    const recorded = await readRecord(executor, request(readPointOf({ asOf: '2026-01-07' })));
    expect(recorded).toMatchObject({ version: 1, liveVersion: 2 });
    expect(recorded.state.escalationLevel).toBe(0);
    expect(recorded.live.escalationLevel).toBe(2);
    const occurred = await readRecord(executor, request(readPointOf({ asOf: '2026-01-07', basis: 'occurred' })));
    expect(occurred.version).toBe(2);
    expect(occurred.state.escalationLevel).toBe(2);
  });

  it('before the record began: not found, or its initial state when a page asks for it', async () => {
    await expect(readRecord(executor, request(readPointOf({ asOf: '2026-01-01' })))).rejects.toThrow(RecordNotFoundError);
    const empty = await readRecord(executor, request(readPointOf({ asOf: '2026-01-01' }), { emptyPast: true }));
    expect(empty).toMatchObject({ version: 0, liveVersion: 2, events: [] });
  });

  it('a record that is not there: not found', async () => {
    await expect(readRecord(executor, { ...request(null), streamId: concernStream(randomUUID()) })).rejects.toThrow(RecordNotFoundError);
  });

  it('a tampered stream is refused, never folded, as of a date or with its events', async () => {
    // The store answers with an event whose data was changed after it was hashed.
    const tampered = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'readStream') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          return events.map((e) => (e.streamVersion === 2 ? { ...e, data: { ...e.data, toLevel: 3 } } : e));
        };
      },
    }) as EventStore;
    const reader = new CommandExecutor(tampered);
    await expect(readRecord(reader, request(readPointOf({ asOf: '2026-01-20' })))).rejects.toThrow(EventIntegrityError);
    await expect(readRecord(reader, request(null, { events: true }))).rejects.toThrow(EventIntegrityError);
  });
});

describe('readPointOf and readPointFields (the one basis ?? recorded)', () => {
  it('no date is the live record; a date without a basis means as recorded', () => {
    expect(readPointOf({})).toBeNull();
    expect(readPointOf({ basis: 'occurred' })).toBeNull();
    expect(readPointOf({ asOf: '2026-01-07' })).toEqual({ asOf: '2026-01-07', basis: 'recorded' });
    expect(readPointOf({ asOf: '2026-01-07', basis: 'occurred' })).toEqual({ asOf: '2026-01-07', basis: 'occurred' });
    expect(readPointFields(null)).toEqual({ asOf: null, basis: null });
    expect(readPointFields({ asOf: '2026-01-07', basis: 'occurred' })).toEqual({ asOf: '2026-01-07', basis: 'occurred' });
  });
});
