import { buildEvidenceBundle } from './bundle.builder';
import { renderBundleHtml } from './bundle-html.renderer';
import { verifyBundle } from './bundle.verifier';
import { hashedFengates, testSigner, withRealHashes } from './testing/hashed-history';

/** What a reader sees: the text without tags, styles or the appendix kept for the verifier. */
const readable = (html: string): string => {
  const body = html.replace(/<style>[^]*?<\/style>/g, '').split('<section class="appendix"')[0];
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
};
const textOf = (html: string, tag: string): string => readable(html.match(new RegExp(`<${tag}[^>]*>([^]*?)</${tag}>`))![1]).trim();

describe('renderBundleHtml: the printable bundle for people', () => {
  const story = hashedFengates();
  const hostile = '<script>alert("x")</script> & \'quoted\'';
  // A retraction whose reason (shown in a summary and a flag) tries to break out of the page.
  const events = withRealHashes(story.events.map((e) => (e.eventId === story.retraction.eventId ? { ...e, data: { ...e.data, reason: hostile } } : e)));
  const build = (scope: { kind: 'concern' | 'service' | 'provider'; id: string }) =>
    buildEvidenceBundle({
      scope,
      events,
      asOf: '2025-03-31',
      basis: 'occurred',
      generatedAt: '2025-04-01T08:00:00.000Z',
      generatedBy: 'Officer <b>',
      signer: testSigner(),
    });
  const bundle = build({ kind: 'concern', id: 'c1' });
  const html = renderBundleHtml(bundle, { bundleFileName: 'c1.json', verification: verifyBundle(bundle) });
  const text = readable(html);

  it('is one self-contained, accessible page: language, one h1, table headers with scope, print styles with page breaks', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@media print');
    expect(html).toMatch(/\.first-page \{ break-after: page;/);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/|<nav/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const headerCells = html.match(/<th[ >][^]*?<\/th>/g)!;
    expect(headerCells.every((th) => /<th scope="(col|row)">/.test(th))).toBe(true);
  });

  it("is titled with the record's name, not its id", () => {
    expect(textOf(html, 'h1')).toBe('Concern: Documentation at 5 Fengates, raised 3 March 2025');
    expect(textOf(html, 'title')).toBe('Concern: Documentation at 5 Fengates, raised 3 March 2025: evidence bundle, as of 31 March 2025');
    expect(textOf(renderBundleHtml(build({ kind: 'service', id: 's1' })), 'h1')).toBe('5 Fengates');
    // A provider's own stream is not in its bundle: its name comes from the caller, else from its services.
    expect(textOf(renderBundleHtml(build({ kind: 'provider', id: 'provider-1' })), 'h1')).toBe('The provider of 5 Fengates');
    expect(textOf(renderBundleHtml(build({ kind: 'provider', id: 'provider-1' }), { names: { 'provider-1': 'Fengates Care Ltd' } }), 'h1')).toBe(
      'Fengates Care Ltd',
    );
  });

  it('reads in plain English: GOV.UK dates in London time, event types, parties and figures in words', () => {
    expect(text).toContain('As the record stood on 31 March 2025: what had happened by the end of that day');
    expect(text).toContain('Made 1 April 2025 at 9am by Officer <b>');
    expect(text).toContain('3 March 2025 at 10am Same day Council Concern raised');
    expect(text).toContain('5 March 2025 at 9am Same day Provider Concern acknowledged');
    expect(text).toContain('Recorded late: 5 working days after it happened');
    expect(text).toContain('Corrected. It now reads: Weekly update for period ending 21 Mar 2025. Reason: Wrong week ending');
    expect(text).toContain(`Withdrawn. Reason: ${hostile}`);
    expect(text).toContain('Working days to acknowledge 1 in all: median 2, mean 2, shortest 2, longest 2');
    expect(text).toContain('On time 1 of 1 (100%)');
    // No ISO dates or instants, no raw event type or camelCase field names, no "a > b" paths (the
    // verifier's own report, quoted at the top, speaks to those who check, in its own words).
    const prose = readable(html.replace(/<div class="status[^]*?<\/div>/, ''));
    expect(prose).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const type of new Set(bundle.events.map((e) => e.type))) expect(prose).not.toMatch(new RegExp(`\\b${type}\\b`));
    expect(prose.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g)).toBeNull();
    expect(prose).not.toMatch(/ (>|›) /);
  });

  it('opens with the ten measures, each linked to the entries it was worked out from', () => {
    const firstPage = html.split('<section class="timeline"')[0];
    expect(firstPage.match(/<tr><th scope="row"><a href="#measure-/g)).toHaveLength(10);
    expect(readable(firstPage)).toContain(
      'Time to acknowledge 2 working days (median) 1 of 1 on time Concern notified to provider, 3 March 2025 Concern acknowledged, 5 March 2025',
    );
    for (const id of bundle.measures.timeToAcknowledge.overall.eventIds) {
      expect(firstPage).toContain(`href="#entry-${id}"`);
      expect(html).toContain(`<tr id="entry-${id}">`);
    }
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="timeline"'));
  });

  it('shows every measure in full, in DESIGN.md order, and keeps the technical content in an appendix', () => {
    expect(html).toContain('<h3 id="measure-timeToAcknowledge">Time to acknowledge</h3>');
    expect(html.match(/<section class="measure"/g)).toHaveLength(10);
    expect(html.indexOf('id="measure-timeToAcknowledge"')).toBeLessThan(html.indexOf('id="measure-cadenceAdherence"'));
    expect(html).toContain('<caption>Concern: Documentation at 5 Fengates, raised 3 March 2025: waits for an acknowledgement</caption>');
    const appendix = html.split('<section class="appendix"')[1];
    expect(appendix).toContain(bundle.signature.keyFingerprint);
    expect(appendix).toContain(`caretrail verify c1.json --fingerprint ${bundle.signature.keyFingerprint}`);
    expect(appendix).toContain(bundle.manifest.contentDigest);
    for (const e of bundle.events) expect(appendix).toContain(`<tr id="event-${e.eventId}">`);
    expect(text).toContain('Verified');
  });

  it('escapes every text it shows', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    expect(html).toContain('Officer &lt;b&gt;');
  });
});
