import { DomainRuleError } from '../shared/domain-error';
import { qualityTagsProblem } from './quality-frameworks';

/** Tags, where given, come from the reference data (the API's 400 says the same first). */
export function assertQualityTags(tags: readonly string[] | undefined, field: string): void {
  if (tags === undefined) return;
  const problem = qualityTagsProblem(tags);
  if (problem !== null) throw new DomainRuleError('quality-tags-from-reference-data', `${field} ${problem}`);
}
