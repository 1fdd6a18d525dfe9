import type { Instant, LocalDate, OrganisationKind } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import type { Clocks, Measures, ReplayBasis, TimelineEntry } from '@caretrail/timeline';

export const BUNDLE_FORMAT = 'caretrail-evidence-bundle';
/**
 * 2: bundles carry the clock settings of the councils whose concerns they hold (councilClockStreams),
 * and their measures judge each concern by them. 1: no council's clocks, the platform defaults only;
 * the verifier still reads version 1 bundles, exported before.
 */
export const BUNDLE_FORMAT_VERSION = 2;
export type BundleFormatVersion = 1 | 2;
export const READABLE_FORMAT_VERSIONS: readonly BundleFormatVersion[] = [1, 2];
export const SIGNATURE_ALGORITHM = 'Ed25519';

export type BundleScopeKind = 'provider' | 'service' | 'concern';
export const BUNDLE_SCOPE_KINDS: readonly BundleScopeKind[] = ['provider', 'service', 'concern'];

export interface BundleScope {
  kind: BundleScopeKind;
  id: string;
}

/** One stream's run in the bundle: always from version 1, so its chain verifies without the store. */
export interface BundleStream {
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  /** The hash of the stream's last event in the bundle (its head as of the bundle). */
  lastHash: string;
  eventCount: number;
}

/** The inputs besides the events that the timeline and the measures were computed with. */
export interface ComputedWith {
  /** Kinds of the organisations acting in the selected events: they decide each entry's party. */
  organisationKinds: Record<string, OrganisationKind>;
  clocks: Clocks;
}

export interface SectionDigests {
  events: string;
  timeline: string;
  measures: string;
}

export interface BundleManifest {
  scope: BundleScope;
  /** The replay date (Europe/London, end of day), or null for the record as it stood when generated. */
  asOf: LocalDate | null;
  basis: ReplayBasis | null;
  /** The evaluation date of the measures: asOf, else the London date of generatedAt. */
  measuredOn: LocalDate;
  generatedAt: Instant;
  generatedBy: string;
  eventCount: number;
  streams: BundleStream[];
  /**
   * Events carried only so that their stream's chain verifies from version 1 (a late record on the
   * 'occurred' basis, say): outside the as-of selection, so left out of the timeline and measures.
   */
  outsideAsOf: string[];
  /**
   * The organisation streams of the councils whose concerns are in the as-of selection, carried for
   * their CouncilClocksSet events (each stream up to its last setting in the selection): the settings
   * the measures judge each concern by, as the live view does. Empty when no such council set clocks.
   */
  councilClockStreams: string[];
  /**
   * Events of those streams inside the as-of selection but not clock settings (the council's
   * OrganisationRegistered): carried only to keep the chain whole, so left out of the measures.
   * The measures are computed from the as-of selection less these; the timeline from the as-of
   * selection of the scope's own streams.
   */
  councilChainOnly: string[];
  computedWith: ComputedWith;
  /** sha256 (hex) of the canonical JSON of each section, so a mismatch says which section changed. */
  sectionDigests: SectionDigests;
  /** sha256 (hex) of the canonical JSON of { events, timeline, measures }. */
  contentDigest: string;
}

export interface BundleSignature {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** SPKI PEM of the deployment's public key. */
  publicKey: string;
  /** First 16 hex digits of sha256 over the public key's SPKI DER. */
  keyFingerprint: string;
  /** Base64 Ed25519 signature over the canonical JSON (RFC 8785) of the bundle without `signature`. */
  value: string;
}

export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  manifest: BundleManifest;
  /** Whole streams from version 1, in global feed order, each with its hashes. */
  events: RecordedEvent[];
  /** Entries for the as-of selection of the scope's own streams, as buildTimeline gives them. */
  timeline: TimelineEntry[];
  /**
   * The ten measures over the measured selection (the as-of selection of the scope's streams and the
   * councils' clock settings in it), each figure with the ids of its events.
   */
  measures: Measures;
  signature: BundleSignature;
}

export type UnsignedBundle = Omit<EvidenceBundle, 'signature'>;

export const BUNDLE_KEYS = ['format', 'formatVersion', 'manifest', 'events', 'timeline', 'measures', 'signature'] as const;
export const MANIFEST_KEYS = [
  'scope',
  'asOf',
  'basis',
  'measuredOn',
  'generatedAt',
  'generatedBy',
  'eventCount',
  'streams',
  'outsideAsOf',
  'councilClockStreams',
  'councilChainOnly',
  'computedWith',
  'sectionDigests',
  'contentDigest',
] as const satisfies readonly (keyof BundleManifest)[];
/** A version 1 manifest: no council clock streams. */
export const MANIFEST_KEYS_V1 = MANIFEST_KEYS.filter((k) => k !== 'councilClockStreams' && k !== 'councilChainOnly');
export const manifestKeysOf = (version: BundleFormatVersion): readonly string[] => (version === 1 ? MANIFEST_KEYS_V1 : MANIFEST_KEYS);
export const SIGNATURE_KEYS = ['algorithm', 'publicKey', 'keyFingerprint', 'value'] as const satisfies readonly (keyof BundleSignature)[];

/** The envelope keys an event carries in a bundle, no more: adapters' extra fields stay out. */
export const EVENT_KEYS = [
  'eventId',
  'type',
  'schemaVersion',
  'streamId',
  'streamVersion',
  'globalPosition',
  'occurredAt',
  'recordedAt',
  'actor',
  'correlationId',
  'causationId',
  'commandId',
  'data',
  'previousHash',
  'hash',
] as const satisfies readonly (keyof RecordedEvent)[];
