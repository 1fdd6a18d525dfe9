import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the web layer's templates and stylesheets live. swc compiles only TypeScript into dist/, so
 * when running from dist the files are read from the source tree beside it.
 */
export function webSourceDir(): string {
  const candidates = [__dirname, resolve(__dirname, '../../../../../../apps/api/src/web/rendering')].map((d) => resolve(d, '..'));
  const found = candidates.find((dir) => existsSync(join(dir, 'views', 'layout.njk')));
  if (!found) throw new Error(`CareTrail web templates not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The folder above `govuk/` in govuk-frontend's dist, so templates say "govuk/template.njk". */
export const govukFrontendDir = (): string => resolve(dirname(require.resolve('govuk-frontend')), '..');

/** The folder above `moj/` in @ministryofjustice/frontend, so templates say "moj/components/...". */
export const mojFrontendDir = (): string => resolve(dirname(require.resolve('@ministryofjustice/frontend')), '..');
