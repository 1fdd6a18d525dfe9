import { Logger } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import { loadSigningKey, type DeploymentSigningKey } from '@caretrail/evidence';

export const EVIDENCE_SIGNER = Symbol('EVIDENCE_SIGNER');

/** The deployment's signing key, loaded (or generated, on first start) when the service starts. */
export const evidenceSignerProvider = {
  provide: EVIDENCE_SIGNER,
  inject: [AppConfig],
  useFactory: (config: AppConfig): DeploymentSigningKey => {
    const key = loadSigningKey({
      env: { CARETRAIL_SIGNING_KEY: process.env.CARETRAIL_SIGNING_KEY, CARETRAIL_SIGNING_KEY_FILE: config.CARETRAIL_SIGNING_KEY_FILE },
    });
    const logger = new Logger('Evidence');
    for (const warning of key.warnings) logger.warn(warning);
    if (key.source === 'generated') logger.warn(`Generated a new evidence signing key at ${key.file} (fingerprint ${key.keyFingerprint})`);
    return key;
  },
};
