import { buildEvidenceBundle, serializeBundle, verifyBundleText, type BundleScope, type BundleSigner, type EvidenceBundle } from '@caretrail/evidence';
import type { RecordedEvent } from '@caretrail/event-store';
import type { OrganisationKind } from '@caretrail/domain';
import { replayMeasures, replayTimeline, type ReplayBasis } from '@caretrail/timeline';
import { CONCERN, SERVICE, newSigner, seedDemoRecord, type DemoRecord } from './support/demo-record';

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('a bundle as of a date', () => {
  let demo: DemoRecord;
  let signer: BundleSigner;
  const inputs = new Map<string, { events: RecordedEvent[]; organisationKinds: Map<string, OrganisationKind> }>();

  beforeAll(async () => {
    demo = await seedDemoRecord();
    signer = newSigner();
    for (const scope of [CONCERN, SERVICE]) inputs.set(scope.kind, await demo.scopeEvents(scope));
  }, 60_000);
  afterAll(() => demo.close());

  const bundleAsOf = (scope: BundleScope, asOf: string, basis: ReplayBasis): EvidenceBundle => {
    const { events, organisationKinds } = inputs.get(scope.kind)!;
    return buildEvidenceBundle({
      scope,
      events,
      asOf,
      basis,
      generatedAt: '2025-06-02T09:00:00.000Z',
      generatedBy: 'evidence tests',
      organisationKinds,
      signer,
    });
  };
  const lateVisit = (events: readonly RecordedEvent[]) => events.find((e) => e.type === 'VisitConducted' && e.recordedAt.startsWith('2025-05-06'))!;
  const verifies = (bundle: EvidenceBundle) => {
    const report = verifyBundleText(serializeBundle(bundle), { fingerprint: signer.keyFingerprint });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  };

  it.each(['recorded', 'occurred'] as const)('carries the replay of the live functions on the %s basis, and verifies', (basis) => {
    const { events, organisationKinds } = inputs.get('concern')!;
    for (const asOf of ['2025-02-04', '2025-03-20', '2025-04-30', '2025-05-07']) {
      const bundle = bundleAsOf(CONCERN, asOf, basis);
      expect(bundle.manifest).toMatchObject({ asOf, basis, measuredOn: asOf });
      const scopeOnly = events.filter((e) => !e.streamId.startsWith('organisation-')); // the council's stream judges measures only
      expect(bundle.timeline).toEqual(plain(replayTimeline(scopeOnly, { asOf, basis, organisationKinds }).entries));
      expect(bundle.measures).toEqual(plain(replayMeasures(events, { asOf, basis })));
      verifies(bundle);
    }
  });

  it("on the 'recorded' basis the late-recorded visit is carried for its chain but marked outside the selection", () => {
    const { events } = inputs.get('concern')!;
    const visit = lateVisit(events);
    // Recorded on 6 May, a week after it happened; events after it in its stream were recorded earlier.
    const bundle = bundleAsOf(CONCERN, '2025-04-30', 'recorded');
    expect(bundle.manifest.outsideAsOf).toEqual([visit.eventId]);
    expect(bundle.events.map((e) => e.eventId)).toContain(visit.eventId);
    expect(bundle.timeline.map((e) => e.eventId)).not.toContain(visit.eventId);
    const concernRun = bundle.manifest.streams.find((s) => s.streamId === visit.streamId)!;
    const lastKept = bundle.events.filter((e) => e.streamId === visit.streamId).at(-1)!;
    expect(lastKept.streamVersion).toBeGreaterThan(visit.streamVersion);
    expect(concernRun).toMatchObject({ firstVersion: 1, lastVersion: lastKept.streamVersion, lastHash: lastKept.hash });
    expect(bundle.events.some((e) => Date.parse(e.recordedAt) > Date.parse('2025-05-01T00:00:00Z') && e.eventId !== visit.eventId)).toBe(false);
  });

  it("on the 'occurred' basis the late-recorded visit is in, and the streams stop at the last event that had happened", () => {
    const { events } = inputs.get('concern')!;
    const visit = lateVisit(events);
    const bundle = bundleAsOf(CONCERN, '2025-04-30', 'occurred');
    expect(bundle.manifest.outsideAsOf).toEqual([]);
    expect(bundle.timeline.map((e) => e.eventId)).toContain(visit.eventId);
    expect(bundle.events.map((e) => e.type)).not.toContain('ConcernClosed');
    expect(bundle.events.every((e) => e.occurredAt < '2025-05-01')).toBe(true);
    verifies(bundle);
  });

  it('a concern not yet raised gives an empty bundle that still verifies', () => {
    const bundle = bundleAsOf(CONCERN, '2025-01-31', 'recorded');
    expect(bundle.events).toEqual([]);
    expect(bundle.manifest.streams).toEqual([]);
    expect(bundle.timeline).toEqual([]);
    verifies(bundle);
  });

  it("a service as of a date holds its concern's stream only as far as it then went", () => {
    const bundle = bundleAsOf(SERVICE, '2025-02-10', 'recorded');
    const concern = bundle.manifest.streams.find((s) => s.streamId.startsWith('concern-'))!;
    expect(concern).toMatchObject({ firstVersion: 1, lastVersion: 4 }); // raised, notified, plan requested, acknowledged
    verifies(bundle);
  });

  it('the verifier holds the as-of mark and the basis to the events', () => {
    const bundle = bundleAsOf(CONCERN, '2025-04-30', 'recorded');
    const unmarked = structuredClone(bundle);
    unmarked.manifest.outsideAsOf = [];
    const lines = (b: EvidenceBundle) => verifyBundleText(serializeBundle(b)).problems.map((p) => `${p.where}: ${p.problem}`);
    expect(lines(unmarked)).toContainEqual(expect.stringMatching(/^manifest\.outsideAsOf: does not mark event .*, which is outside the as-of selection/));

    const otherBasis = structuredClone(bundle);
    otherBasis.manifest.basis = 'occurred';
    expect(lines(otherBasis)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.outsideAsOf: marks event .*, which is inside the as-of selection/),
        expect.stringMatching(/^timeline: no entry for event .* \(VisitConducted\)/),
        expect.stringMatching(/^signature: does not verify/),
      ]),
    );
  });
});
