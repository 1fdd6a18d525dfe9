import { DomainRuleError } from './domain-error';
import type { EvidenceReference } from './primitives';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Evidence is pinned by a SHA-256 digest (lower-case hex), so an inspector can check the document later. */
export function assertEvidence(evidence: readonly EvidenceReference[]): void {
  for (const item of evidence) {
    if (!SHA256_HEX.test(item.sha256)) {
      throw new DomainRuleError('evidence-digest-sha256', `Evidence "${item.name}" needs a SHA-256 digest in lower-case hex`);
    }
    if (item.name.trim() === '') {
      throw new DomainRuleError('evidence-digest-sha256', 'Evidence needs a name beside its digest');
    }
  }
}
