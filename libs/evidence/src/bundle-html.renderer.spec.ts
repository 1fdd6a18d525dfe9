import { buildEvidenceBundle } from './bundle.builder';
import { renderBundleHtml, escapeHtml } from './bundle-html.renderer';
import { verifyBundle } from './bundle.verifier';
import { hashedFengates, testSigner, withRealHashes } from './testing/hashed-history';

describe('renderBundleHtml', () => {
  const story = hashedFengates();
  const hostile = '<script>alert("x")</script> & \'quoted\'';
  // A retraction whose reason (shown in a summary and a flag) tries to break out of the page.
  const events = withRealHashes(story.events.map((e) => (e.eventId === story.retraction.eventId ? { ...e, data: { ...e.data, reason: hostile } } : e)));
  const bundle = buildEvidenceBundle({
    scope: { kind: 'concern', id: 'c1' },
    events,
    asOf: '2025-03-31',
    basis: 'occurred',
    generatedAt: '2025-04-01T08:00:00.000Z',
    generatedBy: 'Officer <b>',
    signer: testSigner(),
  });
  const html = renderBundleHtml(bundle, { bundleFileName: 'c1.json', verification: verifyBundle(bundle) });

  it('is one self-contained, accessible page: language, headings, table headers with scope, print styles', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const headerCells = html.match(/<th[ >][^]*?<\/th>/g)!;
    expect(headerCells.every((th) => /<th scope="(col|row)">/.test(th))).toBe(true);
  });

  it('shows scope, as-of, manifest, fingerprint, every timeline entry with both dates and its flags, and each measure with its event ids', () => {
    expect(html).toContain('Concern c1, as of 2025-03-31 (occurred basis)');
    expect(html).toContain(bundle.signature.keyFingerprint);
    expect(html).toContain(`caretrail verify c1.json --fingerprint ${bundle.signature.keyFingerprint}`);
    expect(html).toContain(bundle.manifest.contentDigest);
    for (const entry of bundle.timeline) expect(html).toContain(`event ${entry.eventId}`);
    expect(html).toMatch(/Recorded late \(\d+ working days after\)/);
    expect(html).toMatch(/Corrected: /);
    expect(html).toContain(`Retracted: ${escapeHtml(hostile)}`);
    expect(html).toContain('<h3 id="measure-timeToAcknowledge">Time to acknowledge</h3>');
    expect(html.match(/<section class="measure"/g)).toHaveLength(10);
    // In DESIGN.md's order, not the file's alphabetical one; lists of periods and waits as tables.
    expect(html.indexOf('id="measure-timeToAcknowledge"')).toBeLessThan(html.indexOf('id="measure-cadenceAdherence"'));
    expect(html).toMatch(/<caption>Concern c1: waits<\/caption>/);
    for (const id of bundle.measures.timeToAcknowledge.overall.eventIds) expect(html).toContain(id);
    expect(html).toContain('Verified');
  });

  it('escapes every text it shows', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml(hostile).slice(0, 40));
    expect(html).toContain('Officer &lt;b&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
