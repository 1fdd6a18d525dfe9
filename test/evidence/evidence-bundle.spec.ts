import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import {
  buildEvidenceBundle,
  serializeBundle,
  verifyBundle,
  verifyBundleText,
  type BundleScope,
  type BundleSigner,
  type EvidenceBundle,
} from '@caretrail/evidence';
import { buildTimeline, computeMeasures } from '@caretrail/timeline';
import { CONCERN, DEMO_IDS, PROVIDER, SERVICE, newSigner, seedDemoRecord, type DemoRecord } from './support/demo-record';

const GENERATED_AT = '2025-06-02T09:00:00.000Z';
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('an evidence bundle of the demo story (Maple Court)', () => {
  let demo: DemoRecord;
  let signer: BundleSigner;
  const bundles = new Map<string, EvidenceBundle>();

  const build = async (scope: BundleScope) => {
    const { events, organisationKinds } = await demo.scopeEvents(scope);
    return buildEvidenceBundle({ scope, events, generatedAt: GENERATED_AT, generatedBy: 'evidence tests', organisationKinds, signer });
  };

  beforeAll(async () => {
    demo = await seedDemoRecord();
    signer = newSigner();
    for (const scope of [CONCERN, SERVICE, PROVIDER]) bundles.set(scope.kind, await build(scope));
  }, 60_000);
  afterAll(() => demo.close());

  it("holds the concern's stream and its service's stream whole, in feed order, with the store's hashes", async () => {
    const bundle = bundles.get('concern')!;
    const store = new SqliteEventStore({ filename: demo.file });
    await store.init();
    const concern = await store.readStream(`concern-${DEMO_IDS.documentationConcern}`);
    const service = await store.readStream(`service-${DEMO_IDS.mapleCourt}`);
    await store.close();

    const expected = [...concern, ...service].sort((a, b) => a.globalPosition - b.globalPosition);
    expect(bundle.events).toEqual(plain(expected));
    expect(bundle.manifest).toMatchObject({
      scope: CONCERN,
      asOf: null,
      basis: null,
      measuredOn: '2025-06-02',
      eventCount: expected.length,
      outsideAsOf: [],
    });
    expect(bundle.manifest.streams).toEqual([
      { streamId: service[0].streamId, firstVersion: 1, lastVersion: service.length, lastHash: service.at(-1)!.hash, eventCount: service.length },
      { streamId: concern[0].streamId, firstVersion: 1, lastVersion: concern.length, lastHash: concern.at(-1)!.hash, eventCount: concern.length },
    ]);
    expect(bundle.signature).toMatchObject({ algorithm: 'Ed25519', publicKey: signer.publicKeyPem, keyFingerprint: signer.keyFingerprint });
    expect(bundle.signature.keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('carries the timeline and measures the live view computes, each measure with its input event ids', async () => {
    const bundle = bundles.get('concern')!;
    const { events, organisationKinds } = await demo.scopeEvents(CONCERN);
    // The reader also gives the council's own stream, for its clocks: they judge measures, not the timeline.
    expect(events.some((e) => e.streamId === `organisation-${DEMO_IDS.council}`)).toBe(true);
    const scopeOnly = events.filter((e) => !e.streamId.startsWith('organisation-'));
    expect(bundle.timeline).toEqual(plain(buildTimeline(scopeOnly, { organisationKinds })));
    expect(bundle.measures).toEqual(plain(computeMeasures(events, { on: '2025-06-02' })));

    const ack = bundle.measures.timeToAcknowledge.byConcern[0];
    expect(ack.waits[0]).toMatchObject({ notifiedOn: '2025-02-03', acknowledgedOn: '2025-02-05', workingDays: 2 });
    const ids = new Set(bundle.events.map((e) => e.eventId));
    expect(ack.eventIds.length).toBeGreaterThan(0);
    for (const id of ack.eventIds) expect(ids).toContain(id);
    expect(bundle.measures.cadenceAdherence.overall.late).toBe(1);
    const comment = bundle.timeline.find((e) => e.kind === 'CommentRecorded');
    expect(comment).toMatchObject({ party: 'provider' });
  });

  it("a provider bundle holds its services and their concerns, not another provider's", () => {
    const bundle = bundles.get('provider')!;
    const streams = bundle.manifest.streams.map((s) => s.streamId).sort();
    expect(streams).toEqual([`concern-${DEMO_IDS.documentationConcern}`, `service-${DEMO_IDS.mapleCourt}`].sort());
    expect(bundle.events.some((e) => e.streamId.includes(DEMO_IDS.kestrelHomecare))).toBe(false);
  });

  it.each(['concern', 'service', 'provider'])('the %s bundle verifies offline, against the trusted key and its fingerprint', (kind) => {
    const bundle = bundles.get(kind)!;
    const text = serializeBundle(bundle);
    for (const report of [
      verifyBundleText(text, { publicKey: signer.publicKeyPem }),
      verifyBundleText(text, { fingerprint: signer.keyFingerprint }),
      verifyBundle(JSON.parse(text)),
    ]) {
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.passed).toHaveLength(5);
    }
    expect(verifyBundleText(text, { fingerprint: signer.keyFingerprint }).signerTrusted).toBe(true);
    const untrusted = verifyBundleText(text);
    expect(untrusted.signerTrusted).toBeNull();
    expect(untrusted.notes.join(' ')).toMatch(/No trusted key/);
  });

  it('fails against another trusted key, naming the signature', () => {
    const text = serializeBundle(bundles.get('concern')!);
    const other = newSigner();
    for (const report of [verifyBundleText(text, { publicKey: other.publicKeyPem }), verifyBundleText(text, { fingerprint: other.keyFingerprint })]) {
      expect(report.ok).toBe(false);
      expect(report.signerTrusted).toBe(false);
      expect(report.problems.map((p) => p.where)).toContain('signature.publicKey');
    }
  });

  it('the file layout is fixed: the same bundle always serialises to the same bytes', () => {
    const bundle = bundles.get('service')!;
    const text = serializeBundle(bundle);
    expect(serializeBundle(JSON.parse(text))).toBe(text);
    expect(text.startsWith('{\n  "format": "caretrail-evidence-bundle",\n  "formatVersion": 2,\n  "manifest": {')).toBe(true);
  });
});
