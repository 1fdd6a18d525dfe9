/** A place where two JSON values differ, named as a path a reader can follow (`a.b[3].c`). */
export interface JsonDifference {
  path: string;
  bundle: unknown;
  recomputed: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** Every leaf-level difference between a bundle's value and the recomputed one, in document order. */
export function jsonDifferences(bundle: unknown, recomputed: unknown, path: string, out: JsonDifference[] = []): JsonDifference[] {
  if (Array.isArray(bundle) && Array.isArray(recomputed)) {
    if (bundle.length !== recomputed.length) out.push({ path: `${path}.length`, bundle: bundle.length, recomputed: recomputed.length });
    for (let i = 0; i < Math.min(bundle.length, recomputed.length); i++) jsonDifferences(bundle[i], recomputed[i], childPath(path, i), out);
    return out;
  }
  if (isRecord(bundle) && isRecord(recomputed)) {
    const keys = [...new Set([...Object.keys(recomputed), ...Object.keys(bundle)])];
    for (const key of keys) {
      const p = childPath(path, key);
      if (!(key in bundle)) out.push({ path: p, bundle: undefined, recomputed: recomputed[key] });
      else if (!(key in recomputed)) out.push({ path: p, bundle: bundle[key], recomputed: undefined });
      else jsonDifferences(bundle[key], recomputed[key], p, out);
    }
    return out;
  }
  if (!Object.is(bundle, recomputed)) out.push({ path, bundle, recomputed });
  return out;
}

/** A short rendering of a value for a report line. */
export function brief(value: unknown, max = 80): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
