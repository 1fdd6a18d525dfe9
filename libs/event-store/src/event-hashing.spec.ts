import { createHash } from 'node:crypto';
import { EventIntegrityError } from './event-store.errors';
import { canonicalJson, chainHash, contentHash, eventHash, findChainProblems, verifyChain } from './event-hashing';
import type { RecordedEvent } from './recorded-event';

/** A sound chain of `count` events of one stream, hashed as an adapter does at append. */
function chain(count: number, streamId = 'concern-1'): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previousHash: string | null = null;
  for (let v = 1; v <= count; v++) {
    const event: RecordedEvent = {
      eventId: `event-${v}`,
      type: v === 1 ? 'ConcernRaised' : 'ConcernUpdated',
      schemaVersion: 1,
      data: { title: `Note ${v}`, tags: ['a', 'b'], nested: { score: v * 1.5 } },
      occurredAt: `2025-01-0${v}T10:00:00.000Z`,
      actor: { userId: 'user-1', organisationId: 'org-1', role: 'manager' },
      correlationId: 'corr-1',
      causationId: v === 1 ? null : `event-${v - 1}`,
      commandId: `cmd-${v}`,
      streamId,
      streamVersion: v,
      globalPosition: v * 10,
      recordedAt: `2025-01-0${v}T10:00:01.000Z`,
      previousHash,
      hash: '',
    };
    event.hash = eventHash(event, previousHash, v);
    previousHash = event.hash;
    events.push(event);
  }
  return events;
}

function expectBrokenAt(events: RecordedEvent[], version: number, problem: RegExp): void {
  let caught: unknown;
  try {
    verifyChain(events);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EventIntegrityError);
  expect(caught).toMatchObject({ streamId: 'concern-1', streamVersion: version, eventId: `event-${version}` });
  expect((caught as EventIntegrityError).problem).toMatch(problem);
  expect((caught as Error).message).toContain(`version ${version}`);
}

describe('event hashing', () => {
  it('verifies a sound chain and returns it unchanged', () => {
    const events = chain(4);
    expect(verifyChain(events)).toBe(events);
    expect(findChainProblems(events)).toEqual([]);
    expect(events[0].previousHash).toBeNull();
    expect(events[3].previousHash).toBe(events[2].hash);
  });

  it('verifies a run from the middle of a stream given the hash before it', () => {
    const events = chain(5);
    expect(() => verifyChain(events.slice(2), events[1].hash)).not.toThrow();
    expect(() => verifyChain(events.slice(2))).toThrow(EventIntegrityError);
  });

  it('accepts an empty run', () => {
    expect(verifyChain([])).toEqual([]);
  });

  it('links with the plain text PostgreSQL can compute too', () => {
    const expected = createHash('sha256').update('prev:7:content').digest('hex');
    expect(chainHash('prev', 7, 'content')).toBe(expected);
    expect(chainHash(null, 1, 'content')).toBe(createHash('sha256').update(':1:content').digest('hex'));
  });

  it('does not depend on key order, and ignores the event place in the global feed', () => {
    const [event] = chain(1);
    const reordered = { ...event, data: { nested: { score: 1.5 }, tags: ['a', 'b'], title: 'Note 1' } };
    expect(contentHash(reordered)).toBe(contentHash(event));
    expect(verifyChain([{ ...event, globalPosition: 999 }])).toHaveLength(1);
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
  });

  const alterations: [string, (e: RecordedEvent) => RecordedEvent][] = [
    ['eventId', (e) => ({ ...e, eventId: 'event-2-forged' })],
    ['type', (e) => ({ ...e, type: 'ConcernClosed' })],
    ['schemaVersion', (e) => ({ ...e, schemaVersion: 2 })],
    ['streamId', (e) => ({ ...e, streamId: 'concern-9' })],
    ['occurredAt', (e) => ({ ...e, occurredAt: '2025-01-02T10:00:00.001Z' })],
    ['recordedAt', (e) => ({ ...e, recordedAt: '2025-01-02T10:00:01.001Z' })],
    ['actor', (e) => ({ ...e, actor: { ...e.actor, role: 'carer' } })],
    ['correlationId', (e) => ({ ...e, correlationId: 'corr-2' })],
    ['causationId', (e) => ({ ...e, causationId: null })],
    ['commandId', (e) => ({ ...e, commandId: 'cmd-x' })],
    ['data (a value)', (e) => ({ ...e, data: { ...e.data, title: 'Note 2 (edited)' } })],
    ['data (a nested number)', (e) => ({ ...e, data: { ...e.data, nested: { score: 3.0000001 } } })],
    ['data (a key added)', (e) => ({ ...e, data: { ...e.data, extra: true } })],
  ];

  it.each(alterations)('detects an altered %s, naming the version', (_field, alter) => {
    const events = chain(4);
    events[1] = alter(events[1]);
    const [first] = findChainProblems(events);
    expect(first).toMatchObject({ streamVersion: 2, eventId: events[1].eventId, streamId: events[1].streamId });
    expect(first.problem).toMatch(/does not match its content/);
    expect(() => verifyChain(events)).toThrow(EventIntegrityError);
    expect(() => verifyChain(events)).toThrow(/version 2/);
  });

  it('detects a replaced hash, at that version (and the next one no longer links to it)', () => {
    const events = chain(3);
    events[1] = { ...events[1], hash: 'f'.repeat(64) };
    expectBrokenAt(events, 2, /hash f+ does not match its content/);
    expect(findChainProblems(events).map((p) => p.streamVersion)).toEqual([2, 3]);
  });

  it('detects a wrong previousHash, naming the version', () => {
    const events = chain(3);
    events[2] = { ...events[2], previousHash: events[0].hash };
    expectBrokenAt(events, 3, /previousHash .* does not match the hash before it/);
  });

  it('detects a first event that claims a predecessor', () => {
    const events = chain(2);
    events[0] = { ...events[0], previousHash: 'a'.repeat(64) };
    expectBrokenAt(events, 1, /previousHash/);
  });

  it('detects a rehashed event whose successor still points at the original', () => {
    const events = chain(3);
    const edited = { ...events[1], data: { title: 'rewritten' } };
    events[1] = { ...edited, hash: eventHash(edited, edited.previousHash, 2) };
    expectBrokenAt(events, 3, /previousHash/);
  });

  it('detects a missing or repeated version', () => {
    const events = chain(4);
    expectBrokenAt([events[0], events[1], events[3]], 4, /version 4 where 3 was expected/);
    const stretched = chain(2);
    expectBrokenAt([...stretched, { ...stretched[1] }], 2, /version 2 where 3 was expected/);
  });

  it('detects a moved event (its version is part of its hash)', () => {
    const events = chain(3);
    events[1] = { ...events[1], streamVersion: 5 };
    const problems = findChainProblems(events);
    expect(problems[0]).toMatchObject({ streamVersion: 5, eventId: 'event-2' });
    expect(problems.some((p) => /does not match its content/.test(p.problem))).toBe(true);
  });
});
