import { Global, Module } from '@nestjs/common';
import { EVIDENCE_SIGNER, evidenceSignerProvider } from './evidence-signer.provider';
import { EvidenceExporter } from './evidence-exporter';
import { EvidenceController } from './evidence.controller';

/**
 * Evidence (issue 11's areas): the signed bundles of a scope's record. Owns the API's bundle and
 * public-key routes, the deployment's signing key, and `ExportEvidenceQuery`'s handler (the exporter,
 * which checks each stream's hash chain before it goes in). The case file's bundle page is one of the
 * concern pages (ConcernsModule), which asks the same query. The signing key is exported for the
 * council reports, which are signed by the same key.
 */
@Global()
@Module({
  controllers: [EvidenceController],
  providers: [evidenceSignerProvider, EvidenceExporter],
  exports: [EVIDENCE_SIGNER],
})
export class EvidenceModule {}
