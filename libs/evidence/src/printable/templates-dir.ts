import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The printable bundle's Nunjucks templates: beside this file in the sources (tests, ts runs), or,
 * from the compiled dist/libs/evidence/src/printable, in the sources' folder the image copies
 * (docker/Dockerfile), as the web pages' views are found.
 */
export function printableTemplatesDir(): string {
  const candidates = [join(__dirname, 'templates'), resolve(__dirname, '../../../../../libs/evidence/src/printable/templates')];
  const found = candidates.find((dir) => existsSync(join(dir, 'bundle.njk')));
  if (!found) throw new Error(`The printable bundle's templates were not found (looked in ${candidates.join(', ')})`);
  return found;
}
