import { createHash } from 'node:crypto';
import { renderBundleHtml, type EvidenceBundle } from '@caretrail/evidence';
import type { Response } from 'express';

/**
 * Sends a bundle's printable rendering. It is self-contained (its CSS inline, no scripts), so its
 * Content-Security-Policy allows exactly its own style blocks, by hash, and nothing else.
 */
export function sendPrintableBundle(res: Response, bundle: EvidenceBundle, bundleFileName: string): string {
  const html = renderBundleHtml(bundle, { bundleFileName });
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; style-src ${hashes.join(' ') || "'none'"}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  return html;
}
