import fc from 'fast-check';
import { canonicalContent } from './canonical-content';
import { canonicalJson, contentHash, type HashedContent } from './event-hashing';

const envelope = (overrides: Partial<HashedContent> = {}): HashedContent => ({
  eventId: '0190a3c2-7f00-7000-8000-000000000001',
  type: 'ConcernRaised',
  schemaVersion: 1,
  streamId: 'concern-1',
  occurredAt: '2025-01-02T03:04:05.678Z',
  recordedAt: '2025-01-02T03:04:06.000Z',
  actor: { userId: 'u1', organisationId: 'o1', role: 'manager' },
  correlationId: 'c1',
  causationId: null,
  commandId: 'cmd-1',
  data: { title: 'Late visit', severity: 'high', nested: { b: [1, 2.5, -0, 1e21], a: 'é😀' } },
  ...overrides,
});

describe('canonicalContent', () => {
  it('hashes exactly as contentHash does', () => {
    for (const e of [envelope(), envelope({ causationId: 'x', commandId: null }), envelope({ data: {} })]) {
      expect(canonicalContent(e).contentHash).toBe(contentHash(e));
    }
  });

  it('hashes exactly as contentHash does for arbitrary data, actor and ids', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.option(fc.string()), fc.string(), (data, userId, causationId, type) => {
        const e = envelope({ data, actor: { userId, organisationId: 'o', role: 'r' }, causationId, type });
        const content = canonicalContent(e);
        expect(content.contentHash).toBe(contentHash(e));
        expect(content.dataJson).toBe(canonicalJson(data));
        expect(content.actorJson).toBe(canonicalJson(e.actor));
      }),
      { numRuns: 500 },
    );
  });

  it('omits an undefined member as contentHash does', () => {
    const e = { ...envelope(), commandId: undefined } as unknown as HashedContent;
    expect(canonicalContent(e).contentHash).toBe(contentHash(e));
  });

  it('stores text that parses back to a value with the same canonical form', () => {
    const { dataJson } = canonicalContent(envelope());
    expect(canonicalJson(JSON.parse(dataJson))).toBe(dataJson);
  });
});
