import { readFileSync } from 'node:fs';
import { formatVerificationReport, verifyBundleBytes, type BundleVerificationReport, type VerifyBundleOptions } from '@caretrail/evidence';
import { formatReportVerification, isReportBundleText, verifyReportBundleText } from '@caretrail/reports';
import { Option, type Command } from 'commander';
import { processOutput, type CliOutput } from './export-bundle.command';

export interface VerifyBundleCliOptions {
  publicKey?: string;
  fingerprint?: string;
  json?: boolean;
}

/**
 * Verifies a bundle file offline (no store, no configuration) and prints the report; returns the
 * exit code: 0 verified, 1 not.
 */
export function verifyBundleFile(
  file: string,
  options: VerifyBundleCliOptions = {},
  io: CliOutput = processOutput,
): { exitCode: number; report: BundleVerificationReport } {
  const trusted: VerifyBundleOptions = {};
  if (options.publicKey) trusted.publicKey = readFileSync(options.publicKey, 'utf8');
  if (options.fingerprint) trusted.fingerprint = options.fingerprint;
  const bytes = readFileSync(file);
  // A council's report bundle (issue 15) is verified by its own checks; anything else as an evidence bundle.
  const text = bytes.toString('utf8');
  if (isReportBundleText(text)) {
    const report = verifyReportBundleText(text, trusted);
    io.out(options.json ? JSON.stringify(report, null, 2) + '\n' : formatReportVerification(report, JSON.parse(text), file));
    return { exitCode: report.ok ? 0 : 1, report };
  }
  const report = verifyBundleBytes(bytes, trusted);
  io.out(options.json ? JSON.stringify(report, null, 2) + '\n' : formatVerificationReport(report, file));
  return { exitCode: report.ok ? 0 : 1, report };
}

export function registerVerifyBundleCommand(program: Command): void {
  program
    .command('verify')
    .description('Verify an evidence bundle or a council report bundle offline: signature, hashes, manifest, recomputed figures; exit 1 naming every problem')
    .argument('<bundle>', 'the bundle JSON file')
    .addOption(new Option('--public-key <file>', "the deployment's public key (PEM): the bundle must be signed with it").conflicts('fingerprint'))
    .option('--fingerprint <hex>', "the deployment's key fingerprint (16 or more hex digits)")
    .option('--json', 'print the report as JSON')
    .action((file: string, options: VerifyBundleCliOptions) => {
      process.exitCode = verifyBundleFile(file, options).exitCode;
    });
}
