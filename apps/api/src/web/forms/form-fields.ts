/** Field paths (`actions.0.description`) as HTML names, ids and values. */
export const nameOf = (path: string): string =>
  path
    .split('.')
    .map((part, i) => (i === 0 ? part : `[${part}]`))
    .join('');

export const idOf = (path: string): string => path.replace(/\./g, '-');

export function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
}

/** Whether a path is one of the date fields (`actions.*.dueOn` covers every row's). */
export const isDateField = (dateFields: readonly string[], path: string): boolean =>
  dateFields.includes(path) || dateFields.includes(path.replace(/\.\d+\./g, '.*.'));

/** Where an error summary link should land: the first box of a date input, else the field itself. */
export const anchorOf = (path: string, dateFields: readonly string[] = []): string => `#${idOf(path)}${isDateField(dateFields, path) ? '-day' : ''}`;

export interface FormState {
  values: Record<string, unknown>;
  fieldErrors: Record<string, string>;
}

/** For templates: everything a GOV.UK component needs for one field. */
export function fieldParams(form: FormState, path: string) {
  const raw = valueAt(form.values, path);
  const error = form.fieldErrors[path];
  return {
    id: idOf(path),
    name: nameOf(path),
    value: raw === undefined || raw === null ? '' : String(raw),
    errorMessage: error ? { text: error } : undefined,
    inputClass: error ? 'govuk-input--error' : '',
  };
}
