import { randomUUID } from 'node:crypto';
import { verifyChain } from '../event-hashing';
import type { NewEvent } from '../recorded-event';
import { chainEvents } from './esdb-chain';
import { esdbEventId, fromStoredEvent, nameBasedUuid, streamIdOf, streamNameOf, toProposedEvent } from './esdb-event-codec';
import type { EsdbStoredEvent } from './esdb-gateway';

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'ConcernRaised',
  schemaVersion: 2,
  data: { b: [1, 1e21, 0.1 + 0.2], a: 'Zoë “quoted” 😀', '10': 1, '9': { z: null } },
  occurredAt: '2025-03-04T09:15:00.000Z',
  actor: { userId: 'u', organisationId: 'o', role: 'r' },
  correlationId: randomUUID(),
  causationId: 'cause',
  commandId: null,
  ...overrides,
});

/** What ESDB would hand back for a proposed event: JSON through the wire, a revision and a position. */
function asStored(prefix: string, streamId: string, proposed: ReturnType<typeof toProposedEvent>, revision: bigint, position: bigint): EsdbStoredEvent {
  return {
    streamName: streamNameOf(prefix, streamId),
    id: proposed.id,
    revision,
    type: proposed.type,
    data: JSON.parse(JSON.stringify(proposed.data)),
    metadata: JSON.parse(JSON.stringify(proposed.metadata)),
    position: { commit: position, prepare: position },
  };
}

describe('ESDB event codec', () => {
  it('names streams under the prefix and back, ignoring others', () => {
    expect(streamNameOf('caretrail.', 'concern-1')).toBe('caretrail.concern-1');
    expect(streamIdOf('caretrail.', 'caretrail.concern-1')).toBe('concern-1');
    expect(streamIdOf('caretrail.', '$stats-1')).toBeUndefined();
    expect(streamIdOf('caretrail.', 'caretrail.')).toBeUndefined();
  });

  it('uses a UUID event id as the ESDB id (lower case), and derives a stable UUID from any other', () => {
    const id = randomUUID().toUpperCase();
    expect(esdbEventId(id)).toBe(id.toLowerCase());
    const derived = esdbEventId('not-a-uuid');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventId('not-a-uuid')).toBe(derived);
    expect(nameBasedUuid('other')).not.toBe(derived);
  });

  it('round-trips a recorded event exactly through ESDB data and metadata, and its chain verifies', () => {
    const events = chainEvents(
      'concern-1',
      [newEvent(), newEvent({ eventId: 'legacy-id-1', causationId: null, commandId: 'c' })],
      { version: 0, hash: null },
      '2025-03-05T10:00:00.000Z',
    );
    const read = events.map((e, i) =>
      fromStoredEvent(asStored('caretrail.', 'concern-1', toProposedEvent(e), BigInt(i), BigInt(1000 + i * 300)), 'caretrail.'),
    );
    expect(read).toEqual(events.map((e, i) => ({ ...e, globalPosition: 1000 + i * 300 })));
    verifyChain(read);
  });

  it('writes ESDB conventional correlation and causation metadata', () => {
    const [event] = chainEvents('s', [newEvent()], { version: 0, hash: null }, '2025-03-05T10:00:00.000Z');
    expect(toProposedEvent(event).metadata).toMatchObject({ caretrail: 1, $correlationId: event.correlationId, $causationId: 'cause' });
    const [noCause] = chainEvents('s', [newEvent({ causationId: null })], { version: 0, hash: null }, '2025-03-05T10:00:00.000Z');
    expect(toProposedEvent(noCause).metadata).not.toHaveProperty('$causationId');
  });

  it('refuses events CareTrail did not write, naming the problem', () => {
    const [event] = chainEvents('s', [newEvent()], { version: 0, hash: null }, '2025-03-05T10:00:00.000Z');
    const good = asStored('p.', 's', toProposedEvent(event), 0n, 500n);
    const cases: [Partial<EsdbStoredEvent>, RegExp][] = [
      [{ streamName: 'other.s' }, /outside the prefix/],
      [{ metadata: 'text' }, /not a JSON object/],
      [{ metadata: { ...(good.metadata as object), caretrail: 2 } }, /format 2/],
      [{ metadata: { ...(good.metadata as object), streamId: 't' } }, /names stream t/],
      [{ metadata: { ...(good.metadata as object), hash: 7 } }, /hashes/],
      [{ id: randomUUID() }, /does not derive/],
      [{ data: [1, 2] }, /data is not a JSON object/],
      [{ position: undefined }, /no position/],
    ];
    for (const [change, problem] of cases) {
      expect(() => fromStoredEvent({ ...good, ...change }, 'p.')).toThrow(problem);
    }
    expect(() => fromStoredEvent(good, 'p.')).not.toThrow();
  });
});
