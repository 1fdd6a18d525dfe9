/*
 * RFC 8785 (JCS) canonical JSON, as the `canonicalize` package writes it, in-house because:
 * - that package ships only an "import" export, which neither jest nor the compiled CommonJS app
 *   can require;
 * - the append path serialises every event, and the package (a Set for cycles, a JavaScript loop
 *   over every string's characters) cost more than the database insert.
 * canonical-json.spec.ts checks it byte for byte against the package.
 */

const MAX_DEPTH = 512;

// ES2024 (Node 20 has it); the project's lib setting stops at ES2023.
type WellFormedString = string & { isWellFormed(): boolean };

function canonicalString(text: string): string {
  if (!(text as WellFormedString).isWellFormed()) throw new Error('Lone surrogate is not allowed');
  return JSON.stringify(text);
}

/** Thrown inside sortedCopy for anything the fast path does not take; never escapes this file. */
const SLOW_PATH = Symbol('slow path');

/** Keys that objects enumerate first, in numeric order: a copy could not keep them in canonical order. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;

/**
 * A copy of a plain JSON value whose objects have their keys in canonical (UTF-16) order, so that the
 * engine's own JSON.stringify, far faster than building the text here, writes the canonical form.
 * Anything else (toJSON, undefined, non-finite numbers, lone surrogates, index-like keys, too deep)
 * throws SLOW_PATH, and writeCanonical does it the long way, with its errors.
 */
function sortedCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      if (!(value as WellFormedString).isWellFormed()) throw SLOW_PATH;
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw SLOW_PATH;
      return value;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw SLOW_PATH;
      if (Array.isArray(value)) {
        const copy = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) copy[i] = sortedCopy(value[i], depth + 1);
        return copy;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      // No prototype: a "__proto__" key stays an ordinary member.
      const copy = Object.create(null) as Record<string, unknown>;
      for (const key of keys) {
        if (ARRAY_INDEX.test(key) || !(key as WellFormedString).isWellFormed()) throw SLOW_PATH;
        copy[key] = sortedCopy(record[key], depth + 1);
      }
      return copy;
    }
    default:
      throw SLOW_PATH;
  }
}

/** The canonical text of `value`, or undefined for values JSON has no form for (as JSON.stringify). */
export function writeCanonical(value: unknown, depth = 0): string {
  if (depth === 0 && typeof value === 'object' && value !== null) {
    let copy: unknown;
    try {
      copy = sortedCopy(value, 0);
    } catch (error) {
      if (error !== SLOW_PATH) throw error;
      return writeCanonicalSlowly(value, 0);
    }
    return JSON.stringify(copy);
  }
  return writeCanonicalSlowly(value, depth);
}

function writeCanonicalSlowly(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (Number.isNaN(value)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
      // ECMAScript number-to-string is exactly the RFC 8785 number form.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth > MAX_DEPTH) throw new Error('Circular reference detected (or nesting too deep)');
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return writeCanonicalSlowly(withJson.toJSON(), depth + 1);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (i > 0) out += ',';
          out += item === undefined || typeof item === 'symbol' ? 'null' : writeCanonicalSlowly(item, depth + 1);
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is the order RFC 8785 asks for.
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined || typeof item === 'symbol') continue;
        out += (first ? '' : ',') + canonicalString(key) + ':' + writeCanonicalSlowly(item, depth + 1);
        first = false;
      }
      return out + '}';
    }
    default:
      // undefined, functions, bigint: whatever JSON.stringify makes of them, as the package does.
      return JSON.stringify(value) as string;
  }
}
