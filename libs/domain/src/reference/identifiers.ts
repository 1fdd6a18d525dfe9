import type { RegulatorName } from '../shared/primitives';
import { DomainRuleError } from '../shared/domain-error';

/**
 * The formats of the outside identifiers a provider and its services carry (docs/procedure.md):
 * - CQC location id and CQC provider id: `1-` then digits (1 to 15 of them; real ids have 9 to 11),
 *   e.g. `1-101641471`. The same form for both, so which one a value is comes from the field.
 * - Ofsted unique reference number (a children's home's "location id" where Ofsted regulates it):
 *   `SC` then 6 digits (social care URNs), or 6 to 7 digits (older URNs).
 * - NHS ODS code: 1 to 9 letters and digits (NHS England's ODS standards; a social care site is usually
 *   `V` and 4 more, e.g. `VLAXL`; an HQ 4 or 5 characters starting A or C). Stored upper case.
 * Each check answers null when the value is fine, else the problem in words, so the API's 400 and the
 * domain's refusal say the same thing.
 */
const CQC_ID = /^1-[0-9]{1,15}$/;
const OFSTED_URN = /^(SC[0-9]{6}|[0-9]{6,7})$/;
const ODS_CODE = /^[A-Z0-9]{1,9}$/;

export const cqcIdProblem = (value: unknown): string | null =>
  typeof value === 'string' && CQC_ID.test(value) ? null : "must be a CQC id: '1-' followed by digits (e.g. 1-101641471)";

export const ofstedUrnProblem = (value: unknown): string | null =>
  typeof value === 'string' && OFSTED_URN.test(value) ? null : "must be an Ofsted unique reference number: 'SC' and 6 digits, or 6 to 7 digits";

/** A service's location id, in the form of the regulator that registers it. */
export const locationIdProblem = (regulator: RegulatorName, value: unknown): string | null =>
  regulator === 'Ofsted' ? ofstedUrnProblem(value) : cqcIdProblem(value);

/** ODS codes are compared and shown upper case; surrounding spaces are dropped. */
export const normaliseOdsCode = (value: string): string => value.trim().toUpperCase();

export const odsCodeProblem = (value: unknown): string | null =>
  typeof value === 'string' && ODS_CODE.test(normaliseOdsCode(value))
    ? null
    : 'must be an NHS ODS code: 1 to 9 letters and digits (e.g. VLAXL for a care home)';

/** The domain's own check, for every way in that skips the API's DTOs (CLI, demo, import): a 422 naming the field. */
export function assertIdentifier(field: string, problem: string | null): void {
  if (problem !== null) throw new DomainRuleError(`${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-format`, `${field} ${problem}`);
}
