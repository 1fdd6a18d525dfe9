import { brief, childPath, jsonDifferences } from './json-diff';

describe('jsonDifferences', () => {
  it('names each differing leaf by its path, missing and extra keys and list lengths included', () => {
    const bundle = { a: { rate: 0.9, ids: ['e1', 'e2'] }, 'odd key': 1, extra: true };
    const recomputed = { a: { rate: 0.8, ids: ['e1'] }, 'odd key': 1, missing: null };
    expect(jsonDifferences(bundle, recomputed, 'measures')).toEqual([
      { path: 'measures.a.rate', bundle: 0.9, recomputed: 0.8 },
      { path: 'measures.a.ids.length', bundle: 2, recomputed: 1 },
      { path: 'measures.missing', bundle: undefined, recomputed: null },
      { path: 'measures.extra', bundle: true, recomputed: undefined },
    ]);
    expect(childPath('x', 'odd key')).toBe('x["odd key"]');
  });

  it('tells -0 from 0 and a number from its text', () => {
    expect(jsonDifferences([-0, '1'], [0, 1], 'v')).toHaveLength(2);
    expect(jsonDifferences({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] }, 'v')).toEqual([]);
  });

  it('briefs long values and absent ones', () => {
    expect(brief('x'.repeat(200))).toHaveLength(80);
    expect(brief(undefined)).toBe('(absent)');
  });
});
