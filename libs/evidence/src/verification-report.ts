import type { BundleScope } from './bundle-format';

/** One thing wrong with a bundle, and where in it: `events[12] (stream concern-…, version 7)`. */
export interface BundleProblem {
  where: string;
  problem: string;
}

export interface BundleVerificationReport {
  /** True when nothing is wrong. A bundle checked only against its own key can be ok: see `signerTrusted`. */
  ok: boolean;
  problems: BundleProblem[];
  /** What was checked and held, one line per check, for the reader of an OK report. */
  passed: string[];
  /** Things to know that are not faults (no trusted key given, events carried only for their chain). */
  notes: string[];
  scope: BundleScope | null;
  keyFingerprint: string | null;
  /** Whether the signing key was the trusted one; null when no trusted key or fingerprint was given. */
  signerTrusted: boolean | null;
}

/** The result of one group of checks. */
export interface CheckResult {
  problems: BundleProblem[];
  passed: string[];
  notes: string[];
}

export const emptyCheck = (): CheckResult => ({ problems: [], passed: [], notes: [] });

/** Plain-text report for the CLI: a verdict line, then every problem with its place, then what held. */
export function formatVerificationReport(report: BundleVerificationReport, file?: string): string {
  const lines: string[] = [];
  const subject = file ? `Evidence bundle ${file}` : 'Evidence bundle';
  const scope = report.scope ? ` (${report.scope.kind} ${report.scope.id})` : '';
  lines.push(
    report.ok
      ? `${subject}${scope}: VERIFIED${report.signerTrusted ? ' and signed by the trusted key' : ''}`
      : `${subject}${scope}: FAILED, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`,
  );
  if (report.keyFingerprint) lines.push(`Signing key fingerprint: ${report.keyFingerprint}`);
  if (report.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of report.problems) lines.push(`  ✗ ${p.where}: ${p.problem}`);
  }
  if (report.passed.length > 0) {
    lines.push('', 'Checks that held:');
    for (const p of report.passed) lines.push(`  ✓ ${p}`);
  }
  if (report.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of report.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}
