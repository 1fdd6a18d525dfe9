import fc from 'fast-check';

/** Deeply nested arrays and objects (a parser or validator that recurses must not fall over). */
const deep = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values nobody should send: wrong types, huge, deep, out of range, impossible dates, forged ids. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    0.5,
    '',
    ' ',
    '\u0000',
    '\u0007\u001b[31m',
    '\ud800',
    '\udfff',
    'a\ud800b',
    '\u202e',
    '<script>alert(1)</script>',
    "'; DROP TABLE events; --",
    '2025-02-30',
    '2025-13-01',
    '0000-00-00',
    '9999-12-31',
    '275760-09-13',
    '+275760-09-13T00:00:00Z',
    '2025-05-01T25:61:00Z',
    '1970-01-01T00:00:00Z',
    '2999-01-01T00:00:00Z',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '01900000-0000-7000-8000-000000000005',
    '../../etc/passwd',
    'concern-x',
    '%00',
    'x'.repeat(100_000),
    [],
    {},
    ['x'],
    [null],
    deep(200),
    deep(2000),
    Array.from({ length: 5000 }, (_, i) => i),
    Array.from({ length: 2000 }, () => 'x'.repeat(50)),
    { __proto__: null, constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.anything({ maxDepth: 3, maxKeys: 5 }),
);

/** Keys that reach for prototypes, and keys no DTO has. */
export const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'isAdmin',
  'organisationId',
  'actor',
  'eventId',
  '$where',
  '',
);
