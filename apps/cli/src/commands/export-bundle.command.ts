import { writeFileSync } from 'node:fs';
import { loadConfig, openExistingEventStore } from '@caretrail/config';
import {
  BUNDLE_SCOPE_KINDS,
  buildEvidenceBundle,
  loadSigningKey,
  MissingSigningKeyError,
  SigningKeyError,
  readScopeEvents,
  renderBundleHtml,
  serializeBundle,
  type BundleScopeKind,
  type EvidenceBundle,
  withholdRestricted,
  withheldEventIds,
} from '@caretrail/evidence';
import { basisOf, REPLAY_BASES, type ReplayBasis } from '@caretrail/timeline';
import { Option, type Command } from 'commander';
import { basename } from 'node:path';

export interface ExportBundleOptions {
  scope: BundleScopeKind;
  id: string;
  asOf?: string;
  basis?: ReplayBasis;
  out?: string;
  html?: string;
  generatedBy?: string;
  /**
   * The organisation the bundle is exported for: a restricted entry's content is kept only where it is
   * restricted (or was disclosed) to it. Without it, every restricted entry's content is withheld, as for
   * a reader outside every restriction (docs/restricted-entries.md).
   */
  for?: string;
  /** Make the deployment's key when there is none where the configuration points (else refuse). */
  createKey?: boolean;
}

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The deployment's key; without --create-key a missing one is refused, never quietly made. */
function deploymentKey(options: ExportBundleOptions, env: NodeJS.ProcessEnv) {
  try {
    return loadSigningKey({ env, create: options.createKey === true });
  } catch (error) {
    if (!(error instanceof MissingSigningKeyError)) throw error;
    throw new SigningKeyError(
      `${error.message}; or pass --create-key to make a new key there (publish its fingerprint: bundles signed with it verify only against it)`,
    );
  }
}

/**
 * Reads the scope's whole streams from the configured store (refused when there is none), builds and
 * signs the bundle with the deployment's key (refused when there is none, unless --create-key),
 * writes the JSON (to --out, else stdout unless only HTML was asked for) and the HTML. Messages go
 * to stderr so that stdout can be piped.
 */
export async function exportBundle(options: ExportBundleOptions, io: CliOutput = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<EvidenceBundle> {
  if (options.basis && !options.asOf) throw new Error('--basis needs --as-of');
  // The store first: a mistyped path is refused before any key is made.
  const store = await openExistingEventStore(loadConfig(env));
  let bundle: EvidenceBundle;
  try {
    const key = deploymentKey(options, env);
    if (key.source === 'generated') {
      io.err(
        `Generated the deployment's signing key at ${key.file} (fingerprint ${key.keyFingerprint}). Publish the fingerprint so that readers can check bundles.\n`,
      );
    }
    for (const warning of key.warnings) io.err(`Warning: ${warning}\n`);
    const scope = { kind: options.scope, id: options.id };
    const { events: all, organisationKinds } = await readScopeEvents(store, scope);
    // As the API's bundle: a restricted entry's content only for the organisations it may be read by; others get its hash and digest.
    const events = withholdRestricted(all, options.for ?? '');
    bundle = buildEvidenceBundle({
      scope,
      events,
      asOf: options.asOf ?? null,
      basis: basisOf(options.asOf, options.basis),
      generatedAt: new Date().toISOString(),
      generatedBy: options.generatedBy ?? 'caretrail export (command line)',
      organisationKinds,
      signer: key,
    });
  } finally {
    await store.close();
  }

  const json = serializeBundle(bundle);
  if (options.out) writeFileSync(options.out, json);
  else if (!options.html) io.out(json);
  if (options.html) writeFileSync(options.html, renderBundleHtml(bundle, { bundleFileName: options.out ? basename(options.out) : undefined }));
  const m = bundle.manifest;
  const withheld = withheldEventIds(bundle.events).length;
  io.err(
    `Exported ${m.scope.kind} ${m.scope.id}${m.asOf ? ` as of ${m.asOf} (${m.basis})` : ''}: ${m.eventCount} events in ${m.streams.length} streams` +
      `${m.councilClockStreams.length ? ` (with the clock settings of ${m.councilClockStreams.length} council${m.councilClockStreams.length === 1 ? '' : 's'})` : ''}, ` +
      `${bundle.timeline.length} timeline entries, signed with key ${bundle.signature.keyFingerprint}` +
      `${withheld ? `; ${withheld} restricted ${withheld === 1 ? 'entry has its' : 'entries have their'} content withheld${options.for ? ` (exported for ${options.for})` : ' (no --for organisation)'}` : ''}` +
      `${options.out ? `; JSON in ${options.out}` : ''}${options.html ? `; HTML in ${options.html}` : ''}\n`,
  );
  return bundle;
}

export function registerExportBundleCommand(program: Command): void {
  program
    .command('export')
    .description('Export a signed evidence bundle of a concern, a service or a provider (optionally as of a date)')
    .addOption(new Option('--scope <kind>', 'what to export').choices([...BUNDLE_SCOPE_KINDS]).makeOptionMandatory())
    .requiredOption('--id <id>', 'the id of the concern, service or provider')
    .option('--as-of <date>', 'replay as of the end of this day in Europe/London (YYYY-MM-DD)')
    .addOption(new Option('--basis <basis>', "with --as-of: 'recorded' (what the record showed) or 'occurred' (what had happened)").choices([...REPLAY_BASES]))
    .option('--out <file>', 'write the bundle JSON here (default: standard output)')
    .option('--html <file>', 'also write a printable HTML rendering here')
    .option(
      '--for <organisationId>',
      "the organisation the bundle is for: restricted entries' content is kept only where it may read them (without it, all restricted content is withheld)",
    )
    .option('--generated-by <text>', 'who or what generated the bundle, as recorded in its manifest')
    .option(
      '--create-key',
      "make a new signing key where CARETRAIL_SIGNING_KEY_FILE points when there is none there (otherwise refused: sign with the deployment's key)",
    )
    .action(async (options: ExportBundleOptions) => {
      await exportBundle(options);
    });
}
