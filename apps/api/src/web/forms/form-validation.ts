import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { isDateField, valueAt } from './form-fields';

export interface FieldError {
  path: string;
  message: string;
}

/** "actions.0.description" finds the label of "actions.*.description", with {n} as the row number. */
export function labelFor(labels: Record<string, string>, path: string): string {
  if (labels[path]) return labels[path];
  const index = /\.(\d+)\./.exec(path);
  const pattern = path.replace(/\.\d+\./g, '.*.').replace(/\.\d+$/, '.*');
  const label = labels[pattern] ?? path.split('.').pop()!;
  return index ? label.replace('{n}', String(Number(index[1]) + 1)) : label;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** class-validator's constraint names, said as the GOV.UK error message patterns say them. */
function messageFor(constraints: Record<string, string>, label: string, value: unknown, isDate: boolean): string {
  const names = Object.keys(constraints);
  const choose = names.some((n) => ['isIn', 'isBoolean', 'isUuid'].includes(n));
  if (isEmpty(value)) return choose ? `Select ${label}` : `Enter ${label}`;
  if (isDate && /between \d{4} and \d{4}/.test(constraints.isCalendarDate ?? '')) {
    const [, from, to] = /between (\d{4}) and (\d{4})/.exec(constraints.isCalendarDate)!;
    return `${capitalise(label)} must be a date between ${from} and ${to}`;
  }
  if (isDate) return `${capitalise(label)} must be a real date`;
  if (constraints.maxLength) return `${capitalise(label)} must be ${/(\d+)/.exec(constraints.maxLength)?.[1] ?? 'fewer'} characters or fewer`;
  if (constraints.matches && names.length === 1 && /blank/.test(constraints.matches)) return `Enter ${label}`;
  if (constraints.isInt) return `${capitalise(label)} must be a whole number`;
  if (constraints.min) return `${capitalise(label)} must be ${/(-?\d+)/.exec(constraints.min)?.[1]} or more`;
  if (constraints.max) return `${capitalise(label)} must be ${/(-?\d+)/.exec(constraints.max)?.[1]} or less`;
  // "Add at least one reason", never "Add at least one a reason" or "... at least one at least one ...".
  if (constraints.arrayMinSize) return `Add at least one ${label.replace(/^(at least one|an?|the) /, '')}`;
  if (choose) return `Select ${label}`;
  if (constraints.matches) return `${capitalise(label)} is not in the right format`;
  return `${capitalise(label)} is not valid`;
}

function flatten(errors: ValidationError[], prefix = ''): { path: string; constraints: Record<string, string> }[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ path, constraints: e.constraints }] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Validates a form's plain values with the API's DTO class (the same decorators the REST endpoints
 * use), and says each problem as GOV.UK error messages do.
 */
export async function validateWithDto<D extends object>(
  dto: new () => D,
  plain: Record<string, unknown>,
  labels: Record<string, string>,
  dateFields: readonly string[] = [],
): Promise<{ dto: D; errors: FieldError[] }> {
  const instance = plainToInstance(dto, plain, { enableImplicitConversion: false });
  const problems = flatten(await validate(instance, { whitelist: true, forbidNonWhitelisted: true }));
  const errors = problems.map(({ path, constraints }) => ({
    path,
    message: messageFor(constraints, labelFor(labels, path), valueAt(plain, path), isDateField(dateFields, path)),
  }));
  return { dto: instance, errors };
}
