import { CLAIMED, claimStateOf, EventIdClaims, outcomeFor, RELEASED } from './esdb-id-claims';
import { InMemoryEsdbServer } from './testing/in-memory-esdb';

const stored = (type: string, streamId: string, revision: bigint) => ({ streamName: 'x', id: 'i', revision, type, data: { streamId }, metadata: {} });

describe('event id claims', () => {
  it('reads the owner from the last claim event; a release frees it', () => {
    expect(claimStateOf(undefined)).toEqual({ owner: null, revision: null });
    expect(claimStateOf(stored(CLAIMED, 's', 0n))).toEqual({ owner: 's', revision: 0n });
    expect(claimStateOf(stored(RELEASED, 's', 1n))).toEqual({ owner: null, revision: 1n });
  });

  it('decides held (same stream), taken (another) or free', () => {
    expect(outcomeFor('e', 's', 's')).toEqual({ kind: 'held', eventId: 'e' });
    expect(outcomeFor('e', 's', 't')).toEqual({ kind: 'taken', eventId: 'e', by: 't' });
    expect(outcomeFor('e', 's', null)).toBeUndefined();
  });

  it('gives an id to the first stream, refuses it to another, and lets it go again once released', async () => {
    const server = new InMemoryEsdbServer({ noise: false });
    const claims = new EventIdClaims(server.connect(), 'ids.', new AbortController().signal);
    const first = await claims.claim('s', 'e1');
    expect(first).toMatchObject({ kind: 'fresh', eventId: 'e1' });
    expect(await claims.claim('s', 'e1')).toEqual({ kind: 'held', eventId: 'e1' });
    expect(await claims.claim('t', 'e1')).toEqual({ kind: 'taken', eventId: 'e1', by: 's' });
    await claims.release('s', [first]);
    expect(await claims.ownerOf('e1')).toBeNull();
    expect(await claims.claim('t', 'e1')).toMatchObject({ kind: 'fresh' });
    expect(await claims.ownerOf('e1')).toBe('t');
  });

  it('settles concurrent claims of one id on exactly one stream', async () => {
    const server = new InMemoryEsdbServer({ noise: false });
    const claims = new EventIdClaims(server.connect(), 'ids.', new AbortController().signal);
    const outcomes = await Promise.all(['a', 'b', 'c', 'd'].map((s) => claims.claim(s, 'e')));
    expect(outcomes.filter((o) => o.kind === 'fresh')).toHaveLength(1);
    const owner = await claims.ownerOf('e');
    expect(outcomes.filter((o) => o.kind === 'taken').every((o) => o.kind === 'taken' && o.by === owner)).toBe(true);
  });

  it('reasserts a held claim that a failed concurrent append released meanwhile', async () => {
    const server = new InMemoryEsdbServer({ noise: false });
    const claims = new EventIdClaims(server.connect(), 'ids.', new AbortController().signal);
    const fresh = await claims.claim('s', 'e');
    const held = await claims.claim('s', 'e');
    await claims.release('s', [fresh]);
    await claims.reassert('s', [held]);
    expect(await claims.ownerOf('e')).toBe('s');
  });
});
