import { buildEvidenceBundle } from './bundle.builder';
import { serializeBundle } from './bundle-layout';
import { TrustedSignerError } from './bundle-signature.check';
import { verifyBundle, verifyBundleText } from './bundle.verifier';
import { formatVerificationReport } from './verification-report';
import { hashedFengates, testSigner } from './testing/hashed-history';

describe('verifyBundle', () => {
  const signer = testSigner();
  const bundle = buildEvidenceBundle({
    scope: { kind: 'service', id: 's1' },
    events: hashedFengates().events,
    generatedAt: '2025-04-01T08:00:00.000Z',
    generatedBy: 'unit test',
    signer,
  });

  it('reports every check that held, and the trusted key when given', () => {
    const report = verifyBundleText(serializeBundle(bundle), { fingerprint: signer.keyFingerprint.toUpperCase().replace(/(..)(?!$)/g, '$1:') });
    expect(report).toMatchObject({ ok: true, problems: [], signerTrusted: true, keyFingerprint: signer.keyFingerprint, scope: { kind: 'service', id: 's1' } });
    expect(formatVerificationReport(report, 'b.json')).toMatch(/^Evidence bundle b\.json \(service s1\): VERIFIED and signed by the trusted key\n/);
  });

  it('reports every place, not just the first, for a bundle altered in several', () => {
    const altered = structuredClone(bundle);
    altered.events[1].data['name'] = 'Another home';
    altered.measures.planLag.overall.eventIds = [];
    altered.timeline[0].party = 'council';
    const report = verifyBundle(altered, { publicKey: signer.publicKeyPem });
    const wheres = report.problems.map((p) => p.where);
    expect(wheres).toEqual(
      expect.arrayContaining([
        'signature',
        expect.stringMatching(/^events\[1\]/),
        'measures.planLag.overall.eventIds.length',
        expect.stringMatching(/^timeline\[0\]\.party/),
      ]),
    );
    expect(formatVerificationReport(report)).toMatch(/FAILED, \d+ problems\n/);
  });

  it('survives any shape without throwing', () => {
    for (const value of [
      null,
      3,
      'x',
      [],
      {},
      { ...bundle, events: 'none' },
      { ...bundle, events: [null, 1] },
      { ...bundle, manifest: [] },
      { ...bundle, signature: { value: 1 } },
    ]) {
      const report = verifyBundle(value);
      expect(report.ok).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
    }
  });

  it('throws for a trusted fingerprint or key that is not one', () => {
    expect(() => verifyBundle(bundle, { fingerprint: 'abc' })).toThrow(TrustedSignerError);
    expect(() => verifyBundle(bundle, { publicKey: 'not a key' })).toThrow(TrustedSignerError);
  });
});
