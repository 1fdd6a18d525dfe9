import { latestAsOf, parseAsOfInput, parseDateInput, parseInstantInput } from './date-time-input';

const value = (parsed: { ok: boolean; value?: string; problem?: string }) => (parsed.ok ? parsed.value : `refused: ${parsed.problem}`);

describe('the one parser for instants and dates from outside', () => {
  it('accepts RFC 3339 instants with Z or an offset, seconds optional, a "." fraction, and normalises them', () => {
    expect(value(parseInstantInput('2025-03-14T10:30:00Z'))).toBe('2025-03-14T10:30:00.000Z');
    expect(value(parseInstantInput('2025-03-14T10:30Z'))).toBe('2025-03-14T10:30:00.000Z');
    expect(value(parseInstantInput('2025-03-14t10:30:00.5z'))).toBe('2025-03-14T10:30:00.500Z');
    expect(value(parseInstantInput('2025-03-14T10:30:00.123456789Z'))).toBe('2025-03-14T10:30:00.123Z');
    expect(value(parseInstantInput('2025-07-01T10:30:00+01:00'))).toBe('2025-07-01T09:30:00.000Z');
    expect(value(parseInstantInput('2025-01-01T00:30:00-05:30'))).toBe('2025-01-01T06:00:00.000Z');
    expect(value(parseInstantInput('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29T23:59:59.999Z');
  });

  it.each([
    '2025-W05-3',
    '2025-032',
    '2025-01-01T10Z',
    '2025-01-01T10:00:00,5Z',
    '2025-01-01',
    '2025-01-01T10:00:00',
    '2025-01-01 10:00:00Z',
    '20250101T100000Z',
    '2025-01-01T10:00:00+0100',
    '+275760-09-13T00:00:00Z',
    '',
    ' 2025-01-01T10:00Z',
    'now',
  ])('refuses the form %s, saying which forms it takes', (text) => {
    expect(value(parseInstantInput(text))).toMatch(/^refused: must be a date and time written YYYY-MM-DDTHH:MM/);
  });

  it.each([
    ['2025-02-30T10:00:00Z', /2025-02-30 does not exist/],
    ['2025-13-01T10:00:00Z', /2025-13-01 does not exist/],
    ['2025-05-01T25:61:00Z', /25:61:00 is not a time of day/],
    ['2016-12-31T23:59:60Z', /23:59:60 is not a time of day/],
    ['2025-01-01T10:00:00+24:00', /offset/],
    ['0000-01-01T00:00:00Z', /between 1900 and 2999/],
    ['0050-01-01T00:00:00Z', /between 1900 and 2999/],
    ['9999-12-31T23:59:59Z', /between 1900 and 2999/],
    ['2999-12-31T23:00:00-05:00', /between 1900 and 2999/],
  ])('refuses %s as no real instant in range', (text, problem) => {
    expect(value(parseInstantInput(text))).toMatch(problem);
  });

  it('refuses what is not a string', () => {
    for (const v of [null, undefined, 0, 1e12, {}, [], true]) expect(parseInstantInput(v).ok).toBe(false);
    for (const v of [null, undefined, 0, {}, ['2025-01-01']]) expect(parseDateInput(v).ok).toBe(false);
  });

  it('accepts calendar dates written YYYY-MM-DD that exist, in the accepted years', () => {
    expect(value(parseDateInput('2024-02-29'))).toBe('2024-02-29');
    expect(value(parseDateInput('1900-01-01'))).toBe('1900-01-01');
    expect(value(parseDateInput('2999-12-31'))).toBe('2999-12-31');
    expect(value(parseDateInput('2025-02-29'))).toMatch(/refused: must be a real calendar date/);
    expect(value(parseDateInput('2025-W05-3'))).toMatch(/refused: must be a date written YYYY-MM-DD/);
    expect(value(parseDateInput('2025-032'))).toMatch(/refused: must be a date written YYYY-MM-DD/);
    expect(value(parseDateInput('2025-01-01T10:00Z'))).toMatch(/refused: must be a date written YYYY-MM-DD/);
    expect(value(parseDateInput('9999-12-31'))).toMatch(/refused: must be a date between 1900 and 2999/);
    expect(value(parseDateInput('0000-00-00'))).toMatch(/refused: must be a date between 1900 and 2999/);
  });

  it('takes a replay date (asOf) from 2000-01-01 to tomorrow in London', () => {
    const now = new Date('2026-06-30T23:30:00Z'); // already 1 July in London (BST)
    expect(latestAsOf(now)).toBe('2026-07-02');
    expect(value(parseAsOfInput('2000-01-01', now))).toBe('2000-01-01');
    expect(value(parseAsOfInput('2026-07-02', now))).toBe('2026-07-02');
    expect(value(parseAsOfInput('2026-07-03', now))).toMatch(/refused: must be a day from 2000-01-01 to 2026-07-02/);
    expect(value(parseAsOfInput('1999-12-31', now))).toMatch(/refused: must be a day from 2000-01-01/);
    expect(value(parseAsOfInput('9999-12-31', now))).toMatch(/refused: must be a date between 1900 and 2999/);
  });
});
