import { formatDateTime, formatTime } from './date-format';

describe('times in the GOV.UK style, in Europe/London', () => {
  it.each([
    ['2025-01-15T12:30:00Z', '12:30pm'],
    ['2025-01-15T00:30:00Z', '12:30am'],
    ['2025-01-15T12:00:00Z', 'midday'],
    ['2025-01-15T00:00:00Z', 'midnight'],
    ['2025-01-15T09:00:00Z', '9am'],
    ['2025-01-15T10:05:00Z', '10:05am'],
    ['2025-01-15T17:45:00Z', '5:45pm'],
    // British Summer Time: 11:30 UTC is 12:30 in London.
    ['2025-07-01T11:30:00Z', '12:30pm'],
    ['2025-07-01T23:00:00Z', 'midnight'],
  ])('%s reads %s', (instant, expected) => {
    expect(formatTime(instant)).toBe(expected);
  });

  it("never writes 0 o'clock", () => {
    for (let h = 0; h < 24; h++) {
      const text = formatTime(`2025-01-15T${String(h).padStart(2, '0')}:30:00Z`);
      expect(text).not.toMatch(/^0:/);
      expect(text).toMatch(/^(1[0-2]|[1-9]):30[ap]m$/);
    }
  });

  it('joins the date and time with "at"', () => {
    expect(formatDateTime('2025-03-14T12:00:00Z')).toBe('14 March 2025 at midday');
    expect(formatDateTime('2025-03-14')).toBe('14 March 2025');
  });
});
