import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLE_FORMAT_VERSION,
  renderBundleHtml,
  serializeBundle,
  verifyBundle,
  verifyBundleBytes,
  verifyBundleText,
  type EvidenceBundle,
} from '@caretrail/evidence';

/**
 * A bundle exported before bundles carried councils' clocks (format 1), kept byte for byte as the
 * format 1 builder wrote it: the demo concern as of 30 April 2025, what the record showed.
 */
const FIXTURE = join(__dirname, 'fixtures', 'demo-concern-format-1.bundle.json');

describe('a bundle of the previous format (1)', () => {
  const bytes = readFileSync(FIXTURE);
  const text = bytes.toString('utf8');
  const bundle = JSON.parse(text) as EvidenceBundle;
  const lines = (value: unknown) => verifyBundle(value).problems.map((p) => `${p.where}: ${p.problem}`);

  it('is a format 1 bundle, without council clock streams', () => {
    expect(BUNDLE_FORMAT_VERSION).toBe(2);
    expect(bundle.formatVersion).toBe(1);
    expect(Object.keys(bundle.manifest)).not.toContain('councilClockStreams');
    expect(Object.keys(bundle.manifest)).not.toContain('councilChainOnly');
  });

  it('still verifies offline, against its key, with a note that its measures used the default clocks', () => {
    for (const report of [
      verifyBundleBytes(bytes, { fingerprint: bundle.signature.keyFingerprint }),
      verifyBundleText(text, { publicKey: bundle.signature.publicKey }),
    ]) {
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.passed).toHaveLength(5);
      expect(report.notes.join(' ')).toMatch(/format 1 bundle: it carries no council's clock settings, so its measures use the platform default clocks/);
    }
    expect(serializeBundle(bundle)).toBe(text);
  });

  it('is still held to every check: an altered measure, or council streams it cannot declare, fail', () => {
    const altered = structuredClone(bundle);
    altered.measures.timeToAcknowledge.byConcern[0].waits[0].workingDays = 9;
    expect(lines(altered)).toContainEqual(
      expect.stringMatching(/^measures\.timeToAcknowledge\.byConcern\[0\]\.waits\[0\]\.workingDays: the bundle has 9, recomputed from its events 2$/),
    );

    const declared = structuredClone(bundle);
    declared.manifest.councilClockStreams = [];
    declared.manifest.councilChainOnly = [];
    expect(lines(declared)).toEqual(
      expect.arrayContaining([
        'manifest.councilClockStreams: unexpected field in a format 1 bundle',
        'manifest.councilChainOnly: unexpected field in a format 1 bundle',
      ]),
    );

    const unknown = structuredClone(bundle) as unknown as Record<string, unknown>;
    unknown['formatVersion'] = 3;
    expect(lines(unknown)).toContainEqual('formatVersion: 3; this verifier reads versions 1 and 2');
  });

  it('renders, showing the default clocks and no council stream', () => {
    const html = renderBundleHtml(bundle);
    expect(html).toContain('None: no council of these concerns had set its own clocks in this selection');
    expect(html).toContain('Platform defaults (no council had set its own clocks)');
  });
});
