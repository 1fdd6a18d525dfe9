import { canonicalContent } from './canonical-content';
import { contentHash, eventHash, findChainProblems } from './event-hashing';
import type { RecordedEvent } from './recorded-event';
import { hashedData, isWithheld, sealContent, sealedContentProblem, sealedPartOf, withholdSealed } from './sealed-content';

function event(data: Record<string, unknown>): RecordedEvent {
  const e: RecordedEvent = {
    eventId: 'event-1',
    type: 'RestrictedEntryRecorded',
    schemaVersion: 1,
    data,
    occurredAt: '2026-03-02T10:00:00.000Z',
    actor: { userId: 'user-1', organisationId: 'council-1', role: 'officer' },
    correlationId: 'corr-1',
    causationId: null,
    commandId: 'cmd-1',
    streamId: 'concern-1',
    streamVersion: 1,
    globalPosition: 1,
    recordedAt: '2026-03-02T10:00:01.000Z',
    previousHash: null,
    hash: '',
  };
  e.hash = eventHash(e, null, 1);
  return e;
}

const content = { topic: 'context', text: 'Police say an investigation is open; do not contact the manager.' };

describe('a sealed part', () => {
  it('given data without a sealed part, its hash is what it always was (the same object is hashed)', () => {
    const data = { commentId: 'c-1', party: 'council', topic: 'general', text: 'Open' };
    expect(hashedData(data)).toBe(data);
    const e = event(data);
    expect(canonicalContent(e).contentHash).toBe(contentHash(e));
  });

  it('given data whose "sealed" member is not of the sealed shape, it is hashed as ordinary data', () => {
    for (const sealed of [true, 'yes', { digest: 'short' }, { digest: 'a'.repeat(64), other: 1 }, { digest: 'a'.repeat(64), content: 'text' }]) {
      const data = { sealed };
      expect(sealedPartOf(data)).toBeUndefined();
      expect(hashedData(data)).toBe(data);
    }
  });

  it('when content is sealed, the hash covers its digest: withheld, the event hashes the same and its chain checks', () => {
    const e = event({ entryId: 'e-1', kind: 'comment', restrictedTo: ['police-1'], sealed: sealContent(content) });
    expect(findChainProblems([e])).toEqual([]);
    const withheld = { ...e, data: withholdSealed(e.data) };
    expect(isWithheld(withheld.data)).toBe(true);
    expect(withheld.data['sealed']).toEqual({ digest: sealContent(content).digest });
    expect(JSON.stringify(withheld)).not.toContain('investigation');
    expect(eventHash(withheld, null, 1)).toBe(e.hash);
    expect(findChainProblems([withheld])).toEqual([]);
    // The append path's hash (stored text written once) is the same as the verifier's.
    expect(canonicalContent(e).contentHash).toBe(contentHash(e));
    expect(canonicalContent(e).dataJson).toContain('investigation');
  });

  it('when the sealed content is altered, the chain check names it; when the digest is altered, the hash no longer matches', () => {
    const e = event({ entryId: 'e-1', kind: 'comment', restrictedTo: ['police-1'], sealed: sealContent(content) });
    const altered = structuredClone(e);
    (altered.data['sealed'] as { content: Record<string, unknown> }).content['text'] = 'Nothing to see.';
    expect(sealedContentProblem(altered.data)).toMatch(/^sealed content does not match its digest/);
    expect(findChainProblems([altered]).map((p) => p.problem)).toEqual([expect.stringMatching(/^sealed content does not match its digest/)]);

    const redigested = { ...altered, data: { ...altered.data, sealed: sealContent((altered.data['sealed'] as { content: Record<string, unknown> }).content) } };
    expect(findChainProblems([redigested]).map((p) => p.problem)).toEqual([expect.stringMatching(/^hash .* does not match its content/)]);

    const withheldThenRestricted = { ...e, data: { ...withholdSealed(e.data), restrictedTo: ['council-1'] } };
    expect(findChainProblems([withheldThenRestricted]).map((p) => p.problem)).toEqual([expect.stringMatching(/^hash .* does not match its content/)]);
  });
});
