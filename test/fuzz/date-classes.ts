import { addDays, latestAsOf } from '@caretrail/domain';

/**
 * The classes of date input issue 10 found answered with 500, and their neighbours: ISO 8601 forms
 * other than the documented ones (week and ordinal dates, hour-only times, a comma fraction, no
 * offset), impossible values, years outside 1900..2999, values that are not strings.
 */
export const BAD_INSTANTS: unknown[] = [
  '2025-W05-3',
  '2025-032',
  '2025-01-01T10Z',
  '2025-01-01T10:00:00,5Z',
  '2025-05-01',
  '2025-05-01T10:00:00',
  '2025-05-01 10:00:00Z',
  '2025-02-30T10:00:00Z',
  '2025-05-01T25:61:00Z',
  '2016-12-31T23:59:60Z',
  '2025-05-01T10:00:00+24:00',
  '9999-12-31T23:59:59Z',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '',
  'now',
  1_746_093_600_000,
  ['2025-05-01T10:00:00Z'],
];

export const BAD_DATES: unknown[] = [
  '2025-W05-3',
  '2025-032',
  '2025-01-01T10Z',
  '2025-01-01T10:00:00,5Z',
  '2025-05-01T10:00:00Z',
  '2025-02-30',
  '2025-13-01',
  '2025-5-1',
  '9999-12-31',
  '0000-00-00',
  '1899-12-31',
  '3000-01-01',
  '+275760-09-13',
  '',
  20250501,
  ['2025-05-01'],
];

/** Replay dates: the bad calendar dates, and days outside 2000-01-01..tomorrow (London). */
export const badAsOfs = (now = new Date()): string[] => [
  '2025-W05-3',
  '2025-032',
  '2025-01-01T10Z',
  '2025-01-01T10:00:00,5Z',
  '2025-02-30',
  '2025-13-45',
  '9999-12-31',
  '0000-00-00',
  '1999-12-31',
  addDays(latestAsOf(now), 1),
  '+275760-09-13',
  '2025-5-1',
  '',
];

/** Cursors that are of the right alphabet but decode to nothing, and some that are not. */
export const BAD_CURSORS: string[] = [
  'AAAA',
  'dDE6',
  Buffer.from('t1:abc:1').toString('base64url'),
  Buffer.from('t2:1:1').toString('base64url'),
  '!!',
  '%00',
  'x'.repeat(300),
];

/** Three GOV.UK date boxes (day, month, year) that make no date in range. */
export const BAD_DATE_BOXES: [string, string, string][] = [
  ['3', 'W05', '2025'],
  ['032', '', '2025'],
  ['30', '2', '2025'],
  ['1', '13', '2025'],
  ['31', '12', '9999'],
  ['0', '0', '0'],
  ['1', '1', '275760'],
  ['1T10Z', '1', '2025'],
  ['31', '12', '1899'],
  ['x', 'y', 'z'],
];

/** Unusual forms the parser documents as accepted: they must never be refused for their form. */
export const ACCEPTED_INSTANTS = ['2025-05-01T11:00+01:00', '2025-05-01t10:00:00.123456z'];
export const ACCEPTED_DATES = ['1900-01-01', '2999-12-31'];

export const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : JSON.stringify(value);
