import { basisOf, basisOrDefault, readPointOf } from './read-point';

describe('the one default basis', () => {
  it('reads a date with no basis as what the record showed then', () => {
    expect(basisOrDefault(undefined)).toBe('recorded');
    expect(basisOrDefault(null)).toBe('recorded');
    expect(basisOrDefault('occurred')).toBe('occurred');
  });

  it('gives the live view no basis, and a dated view its basis or the default', () => {
    expect(basisOf(null, 'occurred')).toBeNull();
    expect(basisOf(undefined, undefined)).toBeNull();
    expect(basisOf('2026-03-01', undefined)).toBe('recorded');
    expect(basisOf('2026-03-01', 'occurred')).toBe('occurred');
  });

  it('makes a read point only from a date', () => {
    expect(readPointOf({})).toBeNull();
    expect(readPointOf({ asOf: null, basis: 'occurred' })).toBeNull();
    expect(readPointOf({ asOf: '2026-03-01' })).toEqual({ asOf: '2026-03-01', basis: 'recorded' });
    expect(readPointOf({ asOf: '2026-03-01', basis: 'occurred' })).toEqual({ asOf: '2026-03-01', basis: 'occurred' });
  });
});
