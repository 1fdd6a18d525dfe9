import { buildTimeline } from '@caretrail/timeline';
import { buildEvidenceBundle, BundleInputError, type BuildBundleInput } from './bundle.builder';
import { serializeBundle } from './bundle-layout';
import { verifyBundle } from './bundle.verifier';
import { hashedFengates, testSigner } from './testing/hashed-history';

describe('buildEvidenceBundle', () => {
  const story = hashedFengates();
  const signer = testSigner();
  const input = (over: Partial<BuildBundleInput> = {}): BuildBundleInput => ({
    scope: { kind: 'concern', id: 'c1' },
    events: story.events,
    generatedAt: '2025-04-01T08:00:00.000Z',
    generatedBy: 'unit test',
    signer,
    ...over,
  });

  it("keeps only the scope's streams, whole and in feed order, and only the acting organisations' kinds", () => {
    const bundle = buildEvidenceBundle(input({ organisationKinds: { 'council-1': 'council', 'provider-1': 'provider', 'other-org': 'council' } }));
    expect(bundle.manifest.streams.map((s) => s.streamId)).toEqual(['service-s1', 'concern-c1']);
    expect(bundle.events.every((e, i) => i === 0 || e.globalPosition > bundle.events[i - 1].globalPosition)).toBe(true);
    expect(bundle.manifest.computedWith.organisationKinds).toEqual({ 'council-1': 'council', 'provider-1': 'provider' });
    expect(bundle.manifest.measuredOn).toBe('2025-04-01');
    expect(verifyBundle(bundle).problems).toEqual([]);
  });

  it('shows corrections, retractions and late records on the timeline it carries, as the live view does', () => {
    const bundle = buildEvidenceBundle(input());
    const events = story.events.filter((e) => e.streamId === 'concern-c1' || e.streamId === 'service-s1');
    expect(bundle.timeline).toEqual(JSON.parse(JSON.stringify(buildTimeline(events))));
    const entry = (id: string) => bundle.timeline.find((e) => e.eventId === id)!;
    expect(entry(story.update.eventId).flags.corrected).not.toBeNull();
    expect(entry(story.wrongComment.eventId).flags.retracted).not.toBeNull();
    expect(entry(story.visit.eventId).flags.recordedLate).toBe(true);
  });

  it('is deterministic: the same input gives the same bytes (Ed25519 signatures are too)', () => {
    expect(serializeBundle(buildEvidenceBundle(input()))).toBe(serializeBundle(buildEvidenceBundle(input({ events: [...story.events].reverse() }))));
  });

  it('keeps no adapter fields on the events', () => {
    const events = story.events.map((e) => ({ ...e, rowId: 7 }));
    const bundle = buildEvidenceBundle(input({ events }));
    expect(Object.keys(bundle.events[0])).not.toContain('rowId');
    expect(verifyBundle(bundle).ok).toBe(true);
  });

  it('refuses to sign a broken chain, a partial stream, an event given twice, or a basis without a date', () => {
    const tampered = story.events.map((e) => (e.eventId === story.v1.eventId ? { ...e, data: { ...e.data, version: 9 } } : e));
    expect(() => buildEvidenceBundle(input({ events: tampered }))).toThrow(/Stream concern-c1 version \d+: hash .* does not match its content/);
    const partial = story.events.filter((e) => !(e.streamId === 'concern-c1' && e.streamVersion === 1));
    expect(() => buildEvidenceBundle(input({ events: partial }))).toThrow('Stream concern-c1 starts at version 2; give whole streams');
    expect(() => buildEvidenceBundle(input({ events: [...story.events, story.events[4]] }))).toThrow(BundleInputError);
    expect(() => buildEvidenceBundle(input({ basis: 'occurred' }))).toThrow('A basis only means something with an as-of date');
    expect(() => buildEvidenceBundle(input({ asOf: '2025-02-30' }))).toThrow(/not a calendar date/);
  });

  it("defaults the basis to 'recorded' and leaves out what the record did not yet show", () => {
    // The chief executive's visit of 18 March was recorded on 25 March.
    const bundle = buildEvidenceBundle(input({ asOf: '2025-03-20' }));
    expect(bundle.manifest.basis).toBe('recorded');
    expect(bundle.events.map((e) => e.eventId)).not.toContain(story.visit.eventId);
    const occurred = buildEvidenceBundle(input({ asOf: '2025-03-20', basis: 'occurred' }));
    expect(occurred.timeline.map((e) => e.eventId)).toContain(story.visit.eventId);
    expect(verifyBundle(bundle).ok && verifyBundle(occurred).ok).toBe(true);
  });
});
