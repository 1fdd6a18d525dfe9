import nunjucks from 'nunjucks';
import type { EvidenceBundle } from './bundle-format';
import { printableBundle, type PrintableNames } from './printable/bundle-view';
import { printableTemplatesDir } from './printable/templates-dir';
import type { BundleVerificationReport } from './verification-report';

export interface RenderBundleOptions {
  /** Shown at the top when given: the outcome of verifying this bundle. */
  verification?: BundleVerificationReport;
  /** The file name to quote in the "how to verify" command. Default bundle.json. */
  bundleFileName?: string;
  /** Names the bundle does not carry itself (a provider's own name), by organisation or service id. */
  names?: PrintableNames;
}

let environment: nunjucks.Environment | null = null;
const templates = (): nunjucks.Environment =>
  (environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(printableTemplatesDir()), { autoescape: true, throwOnUndefined: false }));

/**
 * The bundle for people who read rather than parse: one self-contained HTML document (inline CSS, no
 * scripts, no external resources) that prints on A4. Its title is the record's name; its first page
 * the ten measures, each with the entries it was worked out from; then the timeline and the measures
 * in full, dates as GOV.UK writes them and every event type, party and figure in words; last, an
 * appendix with the manifest, hashes and signature for the verifier. Laid out by Nunjucks templates
 * (printable/templates), every text autoescaped. It shows what the bundle says; only the verifier can
 * say whether the bundle is genuine.
 */
export function renderBundleHtml(bundle: EvidenceBundle, options: RenderBundleOptions = {}): string {
  return templates().render('bundle.njk', { b: printableBundle(bundle, options) });
}
