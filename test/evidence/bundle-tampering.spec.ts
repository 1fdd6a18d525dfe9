import {
  buildEvidenceBundle,
  serializeBundle,
  signedBytes,
  verifyBundle,
  verifyBundleBytes,
  verifyBundleText,
  type BundleProblem,
  type BundleSigner,
  type EvidenceBundle,
} from '@caretrail/evidence';
import { CONCERN, DEMO_IDS, newSigner, seedDemoRecord } from './support/demo-record';

/** A change to a bundle and where the verifier must say the bundle was altered. */
interface Tampering {
  name: string;
  change: (b: EvidenceBundle, original: EvidenceBundle) => void;
  /** Each must match some problem's `where: problem` line. */
  expect: RegExp[];
  /** A change serializeBundle cannot write (it writes canonical numbers): checked on the value only. */
  valueOnly?: boolean;
}

const line = (p: BundleProblem) => `${p.where}: ${p.problem}`;
const indexOfType = (b: EvidenceBundle, type: string) => b.events.findIndex((e) => e.type === type);
const flipChar = (text: string, at = 0) => text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1);
const hex = (text: string) => (text[0] === 'a' ? 'b' : 'a') + text.slice(1);

const TAMPERINGS: Tampering[] = [
  {
    name: "one character of an event's data",
    change: (b) => {
      const e = b.events[indexOfType(b, 'ConcernRaised')];
      e.data['summary'] = flipChar(String(e.data['summary']), 3);
    },
    expect: [
      /^events\[\d+\] \(stream concern-[^,]+, version 1\): hash \w+ does not match its content/,
      /^signature: does not verify/,
      /^manifest\.sectionDigests\.events: does not match/,
    ],
  },
  {
    name: "an event's occurredAt",
    change: (b) => {
      const e = b.events[indexOfType(b, 'ConcernAcknowledged')];
      e.occurredAt = e.occurredAt.replace('2025-02-05', '2025-02-04');
    },
    expect: [
      /^events\[\d+\] \(stream concern-[^,]+, version \d+\): hash .* does not match its content/,
      /^measures\.timeToAcknowledge\.byConcern\[0\]\.waits\[0\]\.acknowledgedOn: the bundle has "2025-02-05", recomputed from its events "2025-02-04"/,
    ],
  },
  {
    name: "an event's hash",
    change: (b) => {
      const i = indexOfType(b, 'ConcernNotifiedToProvider');
      b.events[i].hash = hex(b.events[i].hash);
    },
    expect: [
      /^events\[\d+\] \(stream concern-[^,]+, version 2\): hash \w+ does not match its content/,
      /^events\[\d+\] \(stream concern-[^,]+, version 3\): previousHash \w+ does not match the hash before it/,
    ],
  },
  {
    name: "an event's previousHash",
    change: (b) => {
      const i = indexOfType(b, 'ConcernAcknowledged');
      b.events[i].previousHash = hex(b.events[i].previousHash!);
    },
    expect: [/^events\[\d+\] \(stream concern-[^,]+, version \d+\): previousHash \w+ does not match the hash before it/],
  },
  {
    name: 'a dropped event in the middle of a stream',
    change: (b) => {
      b.events.splice(indexOfType(b, 'ActionPlanRequested'), 1);
    },
    expect: [
      /^events\[\d+\] \(stream concern-[^,]+, version 4\): version 4 where 3 was expected/,
      /^manifest\.eventCount: \d+, but the bundle holds \d+ events/,
      /^timeline\[\d+\]: an entry for event .*, which none of the bundle's selected events gives/,
    ],
  },
  {
    name: "a stream's last event dropped (the chain still links)",
    change: (b) => {
      b.events.splice(indexOfType(b, 'ConcernClosed'), 1);
    },
    expect: [
      /^manifest\.streams\[1\]\.lastVersion \(stream concern-.*\): manifest says 32, the bundle's events give 31/,
      /^manifest\.streams\[1\]\.lastHash/,
      /^manifest\.eventCount/,
    ],
  },
  {
    name: 'two events of one stream swapped',
    change: (b) => {
      const i = indexOfType(b, 'ConcernAcknowledged');
      [b.events[i], b.events[i - 1]] = [b.events[i - 1], b.events[i]];
    },
    expect: [/out of feed order/, /^events\[\d+\] \(stream concern-[^,]+, version \d+\): version \d+ where \d+ was expected/],
  },
  {
    name: 'events of two streams swapped (each chain intact)',
    change: (b) => {
      const i = b.events.findIndex((e, k) => k > 0 && e.streamId !== b.events[k - 1].streamId);
      [b.events[i], b.events[i - 1]] = [b.events[i - 1], b.events[i]];
    },
    expect: [/^events\[\d+\] \(stream .*\): global position \d+ is not after the previous event's/, /^signature: does not verify/],
  },
  {
    name: "an event's global position",
    change: (b) => {
      b.events[5].globalPosition += 1000;
    },
    expect: [/^timeline\[\d+\]\.globalPosition \(event .*\): the bundle has \d+, recomputed from its events \d+/, /^signature: does not verify/],
  },
  {
    name: 'a measure value',
    change: (b) => {
      b.measures.cadenceAdherence.overall.adherence.rate = 0.99;
    },
    expect: [
      /^measures\.cadenceAdherence\.overall\.adherence\.rate: the bundle has 0\.99, recomputed from its events 0\.\d+/,
      /^manifest\.sectionDigests\.measures/,
      /^signature: does not verify/,
    ],
  },
  {
    name: "a measure's input event ids",
    change: (b) => {
      b.measures.timeToAcknowledge.overall.eventIds.pop();
    },
    expect: [/^measures\.timeToAcknowledge\.overall\.eventIds\.length: the bundle has \d+, recomputed from its events \d+/],
  },
  {
    name: "a timeline entry's summary",
    change: (b) => {
      const entry = b.timeline.find((e) => e.kind === 'CommentRecorded')!;
      entry.summary = 'The provider agreed the scrutiny was proportionate';
    },
    expect: [/^timeline\[\d+\]\.summary \(event .*\): the bundle has "The provider agreed/],
  },
  {
    name: 'a timeline entry dropped',
    change: (b) => {
      b.timeline.splice(3, 1);
    },
    expect: [/^timeline: no entry for event /, /^manifest\.sectionDigests\.timeline/],
  },
  {
    name: "the manifest's event count",
    change: (b) => {
      b.manifest.eventCount += 1;
    },
    expect: [/^manifest\.eventCount: \d+, but the bundle holds \d+ events/],
  },
  {
    name: "the manifest's generatedBy (covered by the signature alone)",
    change: (b) => {
      b.manifest.generatedBy = 'someone else';
    },
    expect: [/^signature: does not verify/],
  },
  {
    name: "the manifest's scope",
    change: (b) => {
      b.manifest.scope = { kind: 'concern', id: '01900000-0000-7000-8000-000000000099' };
    },
    expect: [
      /^events\[0\] \(stream service-.*\): stream service-.* is not part of concern 01900000-0000-7000-8000-000000000099/,
      /^events: the scope's own stream concern-01900000-0000-7000-8000-000000000099 is not in the bundle/,
    ],
  },
  {
    name: "the manifest's as-of date",
    change: (b) => {
      b.manifest.asOf = '2025-03-01';
      b.manifest.basis = 'recorded';
    },
    expect: [
      /^manifest\.measuredOn: "2025-06-02", but the measures of this bundle are taken on 2025-03-01/,
      /^manifest\.outsideAsOf: does not mark event/,
      /^timeline\[\d+\]: an entry for event .*, which none of the bundle's selected events gives/,
    ],
  },
  {
    name: "the manifest's computedWith clocks",
    change: (b) => {
      b.manifest.computedWith.clocks.acknowledgeWithinWorkingDays = 1;
    },
    expect: [/^measures\.clocks\.acknowledgeWithinWorkingDays: the bundle has 5, recomputed from its events 1/],
  },
  {
    name: "the manifest's content digest",
    change: (b) => {
      b.manifest.contentDigest = hex(b.manifest.contentDigest);
    },
    expect: [/^manifest\.contentDigest: does not match the content/],
  },
  {
    name: 'the signature value',
    change: (b) => {
      const bytes = Buffer.from(b.signature.value, 'base64');
      bytes[10] ^= 1;
      b.signature.value = bytes.toString('base64');
    },
    expect: [/^signature: does not verify/],
  },
  {
    name: 'the signature value spelt differently (same bytes)',
    change: (b) => {
      // The last base64 digit carries 4 unused bits: setting one changes the text, not the bytes.
      const v = b.signature.value;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const last = v[85];
      b.signature.value = v.slice(0, 85) + alphabet[alphabet.indexOf(last) ^ 1] + '==';
    },
    expect: [/^signature\.value: not the base64 of a 64-byte Ed25519 signature/],
  },
  {
    name: 'the public key replaced by another key (fingerprint to match)',
    change: (b) => {
      const other = newSigner();
      b.signature.publicKey = other.publicKeyPem;
      b.signature.keyFingerprint = other.keyFingerprint;
    },
    // With a trusted key the content still verifies with it, but the bundle's key is not it.
    expect: [/^signature: does not verify$|^signature: does not verify:|^signature\.publicKey: not the trusted key/],
  },
  {
    name: 'the fingerprint',
    change: (b) => {
      b.signature.keyFingerprint = hex(b.signature.keyFingerprint);
    },
    expect: [/^signature\.keyFingerprint: .* is not the fingerprint of signature\.publicKey/],
  },
  {
    name: 'a zero made negative in event data (the same canonical number: hashes cannot see it)',
    change: (b) => {
      b.events[indexOfType(b, 'ConcernDeescalated')].data['toLevel'] = -0;
    },
    expect: [/^events\[\d+\]\.data\.toLevel: -0 is not a canonical number/],
    valueOnly: true,
  },
  {
    name: 'an extra section',
    change: (b) => {
      (b as unknown as Record<string, unknown>)['note'] = 'trust me';
    },
    expect: [/^note: unexpected section/, /^signature: does not verify/],
  },
  {
    name: 'an extra field on an event',
    change: (b) => {
      (b.events[2] as unknown as Record<string, unknown>)['approvedBy'] = 'council';
    },
    expect: [/^events\[2\].*: unexpected field approvedBy/],
  },
];

/** The tampering applied to a copy of the original: every way of verifying it fails, with each expected place named. */
function expectFailure(original: EvidenceBundle, signer: BundleSigner, tampering: Tampering): void {
  const bundle = structuredClone(original);
  tampering.change(bundle, original);
  const reports = [verifyBundle(bundle, { publicKey: signer.publicKeyPem }), verifyBundle(bundle)];
  if (!tampering.valueOnly) reports.push(verifyBundleText(serializeBundle(bundle)));
  for (const report of reports) {
    expect(report.ok).toBe(false);
    const lines = report.problems.map(line);
    for (const pattern of tampering.expect) {
      if (!lines.some((l) => pattern.test(l))) throw new Error(`No problem matches ${pattern}; the report said:\n${lines.join('\n')}`);
    }
  }
}

describe('tampering with a bundle of the demo concern', () => {
  let signer: BundleSigner;
  let original: EvidenceBundle;
  let cleanup: () => void;

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
  }, 60_000);
  afterAll(() => cleanup());

  it.each(TAMPERINGS.map((t) => [t.name, t] as const))('%s: verification fails and says where', (_name, tampering) => {
    expectFailure(original, signer, tampering);
  });

  it('an altered bundle re-signed with another key verifies only until a trusted key is given', () => {
    const forger = newSigner();
    const bundle = structuredClone(original);
    bundle.measures.cadenceAdherence.overall.late = 0;
    // A forger who recomputes nothing still fails the recomputation; one who changes only the manifest passes it.
    const forged = structuredClone(original);
    forged.manifest.generatedBy = 'the council';
    forged.signature = {
      ...forged.signature,
      publicKey: forger.publicKeyPem,
      keyFingerprint: forger.keyFingerprint,
      value: forger.sign(signedBytes(forged)).toString('base64'),
    };
    expect(verifyBundle(forged).ok).toBe(true);
    const checked = verifyBundle(forged, { fingerprint: signer.keyFingerprint });
    expect(checked.ok).toBe(false);
    expect(checked.problems.map(line)).toContainEqual(expect.stringMatching(/^signature\.publicKey: its fingerprint \w+ is not the trusted fingerprint/));
    const withKey = verifyBundle(forged, { publicKey: signer.publicKeyPem });
    expect(withKey.problems.map(line)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^signature\.publicKey: not the trusted key/),
        expect.stringMatching(/^signature: does not verify with the trusted key/),
      ]),
    );
    expect(verifyBundle(bundle).ok).toBe(false);
  });

  it('whitespace or an escape spelt differently in the file fails as layout, with the line and column', () => {
    const text = serializeBundle(original);
    const spaced = text.replace('"formatVersion": 2', '"formatVersion":  2');
    const report = verifyBundleText(spaced);
    expect(report.ok).toBe(false);
    expect(report.problems[0].where).toBe('file (line 3, column 20, character 62)');
    const escaped = text.replace('"caretrail-evidence-bundle"', '"caretrail\\u002devidence-bundle"');
    expect(verifyBundleText(escaped).problems.map((p) => p.where)).toEqual([expect.stringMatching(/^file \(line 2/)]);
    const negativeZero = text.replace('"toLevel": 0', '"toLevel": -0');
    expect(negativeZero).not.toBe(text);
    expect(verifyBundleText(negativeZero).problems.map((p) => p.where)).toEqual([
      expect.stringMatching(/^file \(line \d+/),
      expect.stringMatching(/^events\[\d+\]\.data\.toLevel$/),
    ]);
  });

  it('a file that is not JSON or not UTF-8 fails without throwing', () => {
    const text = serializeBundle(original);
    expect(verifyBundleText(text.slice(0, 500)).problems[0].where).toMatch(/^file/);
    expect(verifyBundleText('[]\n').problems).toEqual([{ where: 'bundle', problem: 'not a JSON object' }]);
    const bytes = Buffer.from(text, 'utf8');
    bytes[20] = 0xff;
    expect(verifyBundleBytes(bytes).problems).toEqual([{ where: 'file', problem: 'not valid UTF-8' }]);
  });
});

const COUNCIL_STREAM = `organisation-${DEMO_IDS.council}`;
const settingAt = (b: EvidenceBundle) => b.events.findIndex((e) => e.type === 'CouncilClocksSet');

/** The council's own 1-day acknowledgement clock judges the demo concern (acknowledged in 2 working days) late. */
const CLOCK_TAMPERINGS: Tampering[] = [
  {
    name: "the setting's acknowledgement clock",
    change: (b) => {
      (b.events[settingAt(b)].data['clocks'] as Record<string, number>)['acknowledgeWithinWorkingDays'] = 5;
    },
    expect: [
      new RegExp(`^events\\[\\d+\\] \\(stream ${COUNCIL_STREAM}, version 2\\): hash \\w+ does not match its content`),
      /^measures\.councilClocks\[0\]\.clocks\.acknowledgeWithinWorkingDays: the bundle has 1, recomputed from its events 5$/,
      /^measures\.timeToAcknowledge\.byConcern\[0\]\.waits\[0\]\.status: the bundle has "late", recomputed from its events "on_time"$/,
      /^manifest\.sectionDigests\.events: does not match/,
      /^signature: does not verify/,
    ],
  },
  {
    name: "the setting's occurredAt, moved after the measures' date",
    change: (b) => {
      b.events[settingAt(b)].occurredAt = '2025-07-01T09:00:00.000Z';
    },
    expect: [
      new RegExp(`^events\\[\\d+\\] \\(stream ${COUNCIL_STREAM}, version 2\\): hash \\w+ does not match its content`),
      /^measures\.councilClocks\.length: the bundle has 1, recomputed from its events 0/,
    ],
  },
  {
    name: 'the setting dropped (the registration alone still chains)',
    change: (b) => {
      b.events.splice(settingAt(b), 1);
    },
    expect: [
      new RegExp(`^events\\[\\d+\\] \\(stream ${COUNCIL_STREAM}, version 1\\): the council clock stream ends with an event that is not a clock setting`),
      new RegExp(`^manifest\\.streams\\[\\d+\\]\\.lastVersion \\(stream ${COUNCIL_STREAM}\\): manifest says 2, the bundle's events give 1`),
      /^measures\.councilClocks\.length: the bundle has 1, recomputed from its events 0/,
    ],
  },
  {
    name: 'the council stream left undeclared',
    change: (b) => {
      b.manifest.councilClockStreams = [];
    },
    expect: [
      new RegExp(`^events\\[\\d+\\] \\(stream ${COUNCIL_STREAM}, version 1\\): stream ${COUNCIL_STREAM} is not part of concern`),
      /^signature: does not verify/,
    ],
  },
  {
    name: "the council's registration no longer marked as carried for the chain",
    change: (b) => {
      b.manifest.councilChainOnly = [];
    },
    expect: [/^manifest\.councilChainOnly: does not mark event .*, which is a council stream's event carried only for its chain/],
  },
  {
    name: 'the format version set back to 1 (which carries no council clocks)',
    change: (b) => {
      (b as unknown as { formatVersion: number }).formatVersion = 1;
    },
    expect: [
      /^manifest\.councilClockStreams: unexpected field in a format 1 bundle/,
      /^manifest\.councilChainOnly: unexpected field in a format 1 bundle/,
      /^signature: does not verify/,
    ],
  },
];

describe("tampering with the council's clock setting a bundle carries", () => {
  let signer: BundleSigner;
  let original: EvidenceBundle;
  let cleanup: () => void;

  beforeAll(async () => {
    const demo = await seedDemoRecord({
      councilClocks: { clocks: { acknowledgeWithinWorkingDays: 1 }, occurredAt: '2025-03-03T09:00:00.000Z', recordedAt: '2025-03-03T09:05:00.000Z' },
    });
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
    expect(original.manifest.councilClockStreams).toEqual([COUNCIL_STREAM]);
    expect(original.measures.timeToAcknowledge.byConcern[0].waits[0].status).toBe('late');
    expect(verifyBundle(original, { publicKey: signer.publicKeyPem }).problems).toEqual([]);
  }, 60_000);
  afterAll(() => cleanup());

  it.each(CLOCK_TAMPERINGS.map((t) => [t.name, t] as const))('%s: verification fails and says where', (_name, tampering) => {
    expectFailure(original, signer, tampering);
  });
});
