import { contentHash, eventHash, verifyChain } from '../event-hashing';
import { chainEvents } from './esdb-chain';

const base = {
  type: 'T',
  schemaVersion: 1,
  occurredAt: '2025-01-01T00:00:00.000Z',
  actor: { userId: 'u', organisationId: 'o', role: 'r' },
  correlationId: 'c',
  causationId: null,
  commandId: null,
};

describe('chaining an ESDB append', () => {
  it('numbers after the head, links to its hash and hashes as the other adapters do', () => {
    const head = { version: 4, hash: 'f'.repeat(64) };
    const events = chainEvents(
      's',
      [
        { ...base, eventId: 'a', data: { x: 1 } },
        { ...base, eventId: 'b', data: { y: [2] } },
      ],
      head,
      '2025-02-02T00:00:00.000Z',
    );
    expect(events.map((e) => e.streamVersion)).toEqual([5, 6]);
    expect(events[0].previousHash).toBe(head.hash);
    expect(events[1].previousHash).toBe(events[0].hash);
    expect(events[0].hash).toBe(eventHash(events[0], head.hash, 5));
    verifyChain(events, head.hash);
  });

  it('stores the canonical JSON value it hashed (same content hash, plain JSON data)', () => {
    const data = { when: new Date('2025-01-01T00:00:00.000Z'), gone: undefined, n: 1 } as unknown as Record<string, unknown>;
    const [event] = chainEvents('s', [{ ...base, eventId: 'a', data }], { version: 0, hash: null }, '2025-02-02T00:00:00.000Z');
    expect(event.data).toEqual({ when: '2025-01-01T00:00:00.000Z', n: 1 });
    expect(contentHash(event)).toBe(contentHash({ ...event, data }));
  });
});
