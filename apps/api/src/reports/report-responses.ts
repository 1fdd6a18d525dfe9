import { createHash } from 'node:crypto';
import type { Response } from 'express';

/**
 * Sends a self-contained HTML rendering (its stylesheet inline, no scripts): its Content-Security-Policy
 * allows exactly its own style blocks, by hash, and nothing else.
 */
export function sendSelfContainedHtml(res: Response, html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; style-src ${hashes.join(' ') || "'none'"}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  return html;
}

/** A file name that says what the report holds. */
export const reportFileName = (councilId: string, period: string, asOf?: string | null, suffix = ''): string =>
  `caretrail-council-report-${councilId}-${period.replace(/[^0-9A-Za-z-]+/g, '_')}${asOf ? `-as-of-${asOf}` : ''}${suffix}`;
