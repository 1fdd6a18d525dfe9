import { sha256Hex } from './sha256';
import type { StreamSnapshot } from './event-store.port';

/**
 * The hash a snapshot carries over its key, its place in the chain and its state text: a snapshot
 * whose row was changed afterwards (state, version or link) no longer matches it and is not used.
 */
export function snapshotContentHash(s: Omit<StreamSnapshot, 'contentHash'>): string {
  return sha256Hex(`caretrail-snapshot:1:${s.streamId}:${s.stateType}:${s.stateSchema}:${s.streamVersion}:${s.eventHash}:${s.alterations}:${s.stateJson}`);
}

/** A snapshot with its content hash filled in. */
export const sealSnapshot = (s: Omit<StreamSnapshot, 'contentHash'>): StreamSnapshot => ({ ...s, contentHash: snapshotContentHash(s) });

/** Why a stored snapshot cannot be used as it is, or null when its content hash matches. */
export function snapshotProblem(s: StreamSnapshot): string | null {
  return snapshotContentHash(s) === s.contentHash ? null : `snapshot content hash ${s.contentHash} does not match its content`;
}
