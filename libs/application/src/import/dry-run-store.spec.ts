import { verifyChain, type NewEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { v7 as uuidv7 } from 'uuid';
import { DryRunStore } from './dry-run-store';

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

describe('the dry run store', () => {
  let real: SqliteEventStore;
  beforeEach(async () => {
    real = new SqliteEventStore({ filename: ':memory:' });
    await real.init();
  });
  afterEach(async () => real.close());

  it('keeps what it records in memory, chained on from the real stream, and writes nothing', async () => {
    await real.append('s', [event(1)], 'no_stream');
    const dry = new DryRunStore(real);
    await dry.append('s', [event(2), event(3)], 1);
    const seen = await dry.readStream('s');
    expect(seen.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(() => verifyChain(seen)).not.toThrow();
    expect(await dry.streamVersion('s')).toBe(3);
    expect(await real.streamVersion('s')).toBe(1);
  });

  it('reads each stream once: what another writer records there meanwhile does not come between (two imports of a file at once)', async () => {
    const dry = new DryRunStore(real);
    await dry.append('s', [event(1)], 'no_stream');
    // The same file's other run records the stream for real.
    await real.append('s', [event(1)], 'no_stream');
    const seen = await dry.readStream('s');
    expect(seen.map((e) => e.streamVersion)).toEqual([1]);
    expect(() => verifyChain(seen)).not.toThrow();
    await dry.append('s', [event(2)], 1);
    expect((await dry.readStream('s')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });
});
