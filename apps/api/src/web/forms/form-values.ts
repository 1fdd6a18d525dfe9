import type { FormValues } from './web-form';

/** A typed text field as the DTO wants it: the string (trimmed) or undefined when absent. */
export const text = (values: FormValues, key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string).trim() : undefined);

/** A whole number typed or chosen; anything else is passed on for the DTO to refuse. */
export function integer(values: FormValues, key: string): unknown {
  const raw = text(values, key);
  if (raw === undefined || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

/** Yes/no radios as a boolean; nothing chosen stays undefined ("Select ..."). */
export function yesNo(values: FormValues, key: string): boolean | undefined {
  const raw = text(values, key);
  return raw === 'yes' ? true : raw === 'no' ? false : undefined;
}

/** Repeated rows (`actions[0][...]`) as an array, whatever shape the body parser gave them. */
export function rows(values: FormValues, key: string): FormValues[] {
  const raw = values[key];
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw as object) : [];
  return list.filter((row): row is FormValues => row !== null && typeof row === 'object');
}

/** A row nobody typed in is not a row. */
export const isBlankRow = (row: FormValues, keys: readonly string[]): boolean =>
  keys.every((k) => typeof row[k] !== 'string' || (row[k] as string).trim() === '');

/** Radios or select options from a list of values, with readable text. */
export const options = (values: readonly string[], textOf: (value: string) => string) => values.map((value) => ({ value, text: textOf(value) }));

/** A textarea of one item per line (attendees, decisions) as a list; nothing typed stays undefined ("Enter ..."). */
export function lines(values: FormValues, key: string): string[] | undefined {
  const list = (text(values, key) ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return list.length > 0 ? list : undefined;
}
