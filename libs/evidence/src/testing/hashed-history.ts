import { generateKeyPairSync } from 'node:crypto';
import { eventHash, type RecordedEvent } from '@caretrail/event-store';
import { fengatesStory } from '@caretrail/timeline/testing';
import { ed25519Signer, type BundleSigner } from '../bundle-signer';

/** Test-only: the timeline lib's made-up histories carry placeholder hashes; this links them as the store would. */
export function withRealHashes(events: readonly RecordedEvent[]): RecordedEvent[] {
  const last = new Map<string, string>();
  return events.map((e) => {
    const previousHash = last.get(e.streamId) ?? null;
    const hash = eventHash(e, previousHash, e.streamVersion);
    last.set(e.streamId, hash);
    return { ...e, previousHash, hash };
  });
}

/** Test-only: a fresh in-memory Ed25519 signer. */
export const testSigner = (): BundleSigner => ed25519Signer(generateKeyPairSync('ed25519').privateKey);

/** Test-only: the Fengates story (a concern with corrections, a retraction, a late record) with real hashes. */
export function hashedFengates() {
  const story = fengatesStory();
  return { ...story, events: withRealHashes(story.events) };
}
