import { readFileSync } from 'node:fs';

/** Variables that may hold secrets: each may instead be given as <NAME>_FILE (a mounted secret). */
export const SECRET_VARIABLES = ['CARETRAIL_SESSION_SECRET', 'CARETRAIL_PG_URL', 'CARETRAIL_OIDC_CLIENT_SECRET'] as const;

/**
 * Reads `<NAME>_FILE` for each secret variable, so secrets come from the environment or from files
 * (Docker and Kubernetes secrets), never from the repository. Setting both is refused as ambiguous.
 */
export function withSecretFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new Error(`Set ${name} or ${name}_FILE, not both`);
    try {
      out[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new Error(`${name}_FILE=${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return out;
}
