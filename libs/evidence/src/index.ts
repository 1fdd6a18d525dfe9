/**
 * @caretrail/evidence: signed evidence bundles of a scope (its events with their hash chains, the
 * timeline, the measures), their offline verification and a printable rendering.
 */
export * from './bundle-format';
export * from './bundle-signer';
export * from './signing-key';
export * from './bundle-scope';
export { selectedEvents, signedBytes } from './bundle-content';
export * from './bundle.builder';
export * from './bundle-layout';
export * from './verification-report';
export { checkSignature, parseTrustedSigner, TrustedSignerError, type TrustedSigner } from './bundle-signature.check';
export * from './bundle.verifier';
export * from './bundle-html.renderer';
export * from './scope-events.reader';
export * from './restricted-events';
