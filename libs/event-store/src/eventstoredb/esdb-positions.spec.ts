import { START, toGlobalPosition, toReadPosition, UnmappablePositionError } from './esdb-positions';

describe('ESDB positions to global positions', () => {
  it('maps a self-committed event (commit equal to prepare) to that number', () => {
    expect(toGlobalPosition({ commit: 1234n, prepare: 1234n })).toBe(1234);
    expect(toGlobalPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: BigInt(Number.MAX_SAFE_INTEGER) })).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses what it cannot map exactly: no position, commit != prepare, 0 or below, beyond 2^53 - 1', () => {
    expect(() => toGlobalPosition(undefined)).toThrow(/22\.6 or later/);
    expect(() => toGlobalPosition({ commit: 2000n, prepare: 1500n })).toThrow(/explicit transaction/);
    expect(() => toGlobalPosition({ commit: 0n, prepare: 0n })).toThrow(UnmappablePositionError);
    const beyond = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => toGlobalPosition({ commit: beyond, prepare: beyond })).toThrow(/2\^53/);
  });

  it('turns a global position back into a read position (0: the start)', () => {
    expect(toReadPosition(0)).toBe(START);
    expect(toReadPosition(987654321)).toEqual({ commit: 987654321n, prepare: 987654321n });
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => toReadPosition(bad)).toThrow(RangeError);
  });

  it('round-trips every position it hands out', () => {
    for (const n of [1, 42, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER]) {
      const position = toReadPosition(n);
      expect(toGlobalPosition(typeof position === 'string' ? undefined : position)).toBe(n);
    }
  });
});
