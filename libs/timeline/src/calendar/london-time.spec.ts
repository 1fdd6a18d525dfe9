import fc from 'fast-check';
import { endOfLondonDay, isOnOrBeforeLondonDay, startOfLondonDay, toLondonDate } from './london-time';

describe('Europe/London dates of UTC instants', () => {
  it.each([
    ['2025-01-15T23:30:00Z', '2025-01-15', 'winter: London is on UTC'],
    ['2025-06-01T23:30:00Z', '2025-06-02', 'summer: 23:30 UTC is 00:30 BST the next day'],
    ['2025-03-30T00:59:59Z', '2025-03-30', 'just before the clocks go forward'],
    ['2025-03-30T23:00:00Z', '2025-03-31', 'first instant of the day after the change'],
    ['2025-03-30T22:59:59.999Z', '2025-03-30', 'last instant of the 23-hour day'],
    ['2025-10-25T23:30:00Z', '2025-10-26', 'still BST the night before the clocks go back'],
    ['2025-10-26T23:30:00Z', '2025-10-26', 'GMT again after the clocks go back'],
    ['2024-12-31T23:59:59.999Z', '2024-12-31', 'year end in winter'],
  ])('%s falls on %s (%s)', (instant, date) => {
    expect(toLondonDate(instant)).toBe(date);
  });

  it('agrees with Intl formatting at any instant from 1800 to 2200 (the per-hour offset cache is exact)', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const min = Date.UTC(1800, 0, 1);
    const max = Date.UTC(2200, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        // Twice: the second answer comes from the cache.
        expect(toLondonDate(new Date(ms))).toBe(intl.format(new Date(ms)));
        expect(toLondonDate(new Date(ms))).toBe(intl.format(new Date(ms)));
      }),
      { numRuns: 5_000 },
    );
    // Every minute either side of the clock changes of 2025 and 1971-1972 (the end of British Standard Time).
    for (const change of [Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1), Date.UTC(1971, 9, 31, 2)]) {
      for (let ms = change - 3 * 3_600_000; ms <= change + 3 * 3_600_000; ms += 60_000) {
        expect(toLondonDate(new Date(ms))).toBe(intl.format(new Date(ms)));
      }
    }
  });

  it('accepts Date objects and rejects nonsense', () => {
    expect(toLondonDate(new Date('2025-07-01T23:15:00Z'))).toBe('2025-07-02');
    expect(() => toLondonDate('yesterday')).toThrow(RangeError);
  });
});

describe('end of a London day (the asOf convention)', () => {
  it.each([
    ['2025-01-15', '2025-01-15T23:59:59.999Z'],
    ['2025-03-29', '2025-03-29T23:59:59.999Z'],
    ['2025-03-30', '2025-03-30T22:59:59.999Z'], // clocks go forward that night: 23 hours long
    ['2025-07-01', '2025-07-01T22:59:59.999Z'],
    ['2025-10-25', '2025-10-25T22:59:59.999Z'],
    ['2025-10-26', '2025-10-26T23:59:59.999Z'], // clocks went back: 25 hours long
  ])('%s ends at %s', (date, instant) => {
    expect(endOfLondonDay(date)).toBe(instant);
  });

  it.each([
    ['2025-03-30', '2025-03-30T00:00:00.000Z'],
    ['2025-03-31', '2025-03-30T23:00:00.000Z'],
    ['2025-10-26', '2025-10-25T23:00:00.000Z'],
    ['2025-10-27', '2025-10-27T00:00:00.000Z'],
  ])('%s starts at %s', (date, instant) => {
    expect(startOfLondonDay(date)).toBe(instant);
  });

  it('the end of a day and the next instant fall on consecutive London dates', () => {
    for (const date of ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25']) {
      const end = endOfLondonDay(date);
      expect(toLondonDate(end)).toBe(date);
      expect(toLondonDate(new Date(Date.parse(end) + 1))).not.toBe(date);
    }
  });

  it('compares an instant with a London day', () => {
    expect(isOnOrBeforeLondonDay('2025-06-01T22:59:59Z', '2025-06-01')).toBe(true);
    expect(isOnOrBeforeLondonDay('2025-06-01T23:00:00Z', '2025-06-01')).toBe(false);
  });
});
