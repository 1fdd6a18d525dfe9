import { buildEvidenceBundle, verifyBundle, type BundleSigner, type EvidenceBundle } from '@caretrail/evidence';
import { alteredSection } from '../../libs/evidence/src/bundle-manifest.check';
import { CONCERN, newSigner, seedDemoRecord } from './support/demo-record';

/** The verifier's sentences read as English: "the timeline was altered", never "the timeline were altered" (issue 13). */
describe("the verifier's wording", () => {
  let original: EvidenceBundle;
  let signer: BundleSigner;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const demo = await seedDemoRecord();
    cleanup = demo.close;
    signer = newSigner();
    const { events, organisationKinds } = await demo.scopeEvents(CONCERN);
    original = buildEvidenceBundle({
      scope: CONCERN,
      events,
      generatedAt: '2025-06-02T09:00:00.000Z',
      generatedBy: 'evidence tests',
      organisationKinds,
      signer,
    });
  });
  afterAll(() => cleanup());

  it('names each section with its own verb', () => {
    expect(alteredSection('timeline')).toBe('the timeline was altered');
    expect(alteredSection('events')).toBe('the events were altered');
    expect(alteredSection('measures')).toBe('the measures were altered');
    expect(alteredSection('attachments')).toBe('the attachments section was altered');
  });

  it('says the timeline was altered when an entry is dropped, and no sentence pairs a singular section with "were"', () => {
    const bundle = structuredClone(original);
    bundle.timeline.splice(3, 1);
    bundle.measures.cadenceAdherence.overall.late += 1;
    const lines = verifyBundle(bundle, { publicKey: signer.publicKeyPem }).problems.map((p) => `${p.where}: ${p.problem}`);
    expect(lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^manifest\.sectionDigests\.timeline: does not match the timeline section: the timeline was altered \(/)]),
    );
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^manifest\.sectionDigests\.measures: .*the measures were altered/)]));
    expect(lines.filter((l) => /\b(timeline|section|event|bundle|signature) were\b/.test(l))).toEqual([]);
  });
});
