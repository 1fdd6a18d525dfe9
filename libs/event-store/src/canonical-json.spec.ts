import fc from 'fast-check';
// The package only exports for `import`, which jest's CommonJS cannot use; load its file directly.
import canonicalize from '../../../node_modules/canonicalize/lib/canonicalize.js';
import { writeCanonical } from './canonical-json';

describe('writeCanonical', () => {
  it('gives the same bytes as the canonicalize package for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(writeCanonical(value)).toBe(canonicalize(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same bytes for numbers at the edges of their notation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(writeCanonical({ n })).toBe(canonicalize({ n }));
      }),
      { numRuns: 3000 },
    );
    const edges = [0, -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, 123456789012345680000];
    expect(writeCanonical(edges)).toBe(canonicalize(edges));
  });

  it('gives the same bytes for undefined members, dates, key order and unicode keys', () => {
    const value = { z: undefined, a: new Date(0), é: 1, '\u0000': [undefined, null], '10': 1, '9': 2, B: true, '😀': 'ﬀ', '\uffff': 0 };
    expect(writeCanonical(value)).toBe(canonicalize(value));
  });

  it('rejects what the package rejects', () => {
    for (const bad of [NaN, Infinity, { a: -Infinity }, 'x\uD800y', { ['\uDC00']: 1 }]) {
      expect(() => canonicalize(bad)).toThrow();
      expect(() => writeCanonical(bad)).toThrow();
    }
  });

  it('takes the fast path (a key-sorted copy through JSON.stringify) only where the bytes stay the same', () => {
    const proto = JSON.parse('{"__proto__": {"b": 1, "a": 2}, "z": [1, {"y": 1, "x": null}]}');
    const mixed = { b: { '10': 1, '9': 2, a: 3 }, a: [{ toJSON: () => ({ d: 1, c: 2 }) }], c: 'x' };
    for (const value of [proto, mixed, { b: 'é', a: ['😀', -0, 1e21] }]) expect(writeCanonical(value)).toBe(canonicalize(value));
    let deep: unknown = 1;
    for (let i = 0; i < 600; i++) deep = { a: deep };
    expect(() => writeCanonical(deep)).toThrow();
  });
});
