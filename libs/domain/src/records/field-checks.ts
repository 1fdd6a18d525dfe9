import { parseDateInput } from '../shared/date-time-input';

/**
 * The shape a corrected field's new value must have: what the API's DTO decorators ask of the
 * original command, said again in plain TypeScript so that every way into the domain (API, CLI,
 * demo, import) refuses the same values. A check answers null when the value is fine, else the
 * problem in words ("must be a real calendar date (YYYY-MM-DD)").
 */
export type FieldCheck = (value: unknown) => string | null;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const text =
  (max: number): FieldCheck =>
  (value) => {
    if (typeof value !== 'string') return 'must be text';
    if (value.trim() === '') return 'must not be blank';
    return value.length > max ? `must be ${max} characters or fewer` : null;
  };

/** Text that may be left empty (a note). */
export const optionalText =
  (max: number): FieldCheck =>
  (value) => {
    if (typeof value !== 'string') return 'must be text';
    return value.length > max ? `must be ${max} characters or fewer` : null;
  };

/** null where the event records "none" (a location id, an override reason), else the check. */
export const orNull =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === null ? null : check(value);

/** The one parser of dates from outside (the API's IsLocalDate uses it too). */
export const localDate: FieldCheck = (value) => {
  const parsed = parseDateInput(value);
  return parsed.ok ? null : parsed.problem;
};

export const oneOf =
  (values: readonly (string | number)[]): FieldCheck =>
  (value) =>
    (values as readonly unknown[]).includes(value) ? null : `must be one of ${values.join(', ')}`;

export const wholeNumber =
  (min: number, max: number): FieldCheck =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : `must be a whole number from ${min} to ${max}`;

export const yesNo: FieldCheck = (value) => (typeof value === 'boolean' ? null : 'must be true or false');

/** A list of between `min` and `max` items, each passing `item`; the first bad item is named by its index. */
export const listOf =
  (item: FieldCheck, { min = 0, max }: { min?: number; max: number }): FieldCheck =>
  (value) => {
    if (!Array.isArray(value)) return 'must be a list';
    if (value.length < min) return `must have at least ${min} item${min === 1 ? '' : 's'}`;
    if (value.length > max) return `must have at most ${max} items`;
    for (const [index, element] of value.entries()) {
      const problem = item(element);
      if (problem !== null) return `item ${index + 1} ${problem}`;
    }
    return null;
  };

/** An object with exactly these fields (no others), each passing its check. */
export const objectWith =
  (fields: Record<string, FieldCheck>): FieldCheck =>
  (value) => {
    if (!isPlainObject(value)) return 'must be an object';
    const unknown = Object.keys(value).filter((k) => !Object.prototype.hasOwnProperty.call(fields, k));
    if (unknown.length > 0) return `has no field ${unknown.join(', ')}`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(value[name]);
      if (problem !== null) return `${name} ${problem}`;
    }
    return null;
  };

/** An id tying an item to its record (an action id): any non-blank text; whether it exists is a domain rule. */
export const itemId: FieldCheck = (value) => (typeof value === 'string' && value.trim() !== '' && value.length <= 100 ? null : 'must be an id');

export const sha256: FieldCheck = (value) =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? null : 'must be a SHA-256 digest: 64 lowercase hex characters';

export const evidenceList = listOf(objectWith({ name: text(300), sha256 }), { max: 100 });
