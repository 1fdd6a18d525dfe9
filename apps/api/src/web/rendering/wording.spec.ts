import { count, VISIT_TYPES as VISIT_WORDS } from '@caretrail/timeline';
import { VISIT_TYPES } from '@caretrail/domain';
import { plural } from '@caretrail/timeline';
import { visitTypeWords } from '../pages/record-words';
import { formatTime } from './date-format';

/** Issue 13's wording bugs: "1 working days", "1 manager changes", "0:30pm", "Pamms audit" never again. */
describe('wording', () => {
  it.each([
    [plural(1, 'working day'), '1 working day'],
    [plural(2, 'working day'), '2 working days'],
    [plural(0, 'action'), '0 actions'],
    [plural(1, "day's", "days'"), "1 day's"],
    [count(1, 'manager change'), '1 manager change'],
    [count(3, 'manager change'), '3 manager changes'],
  ])('%s', (said, expected) => expect(said).toBe(expected));

  it('says times the GOV.UK way: never 0:30pm or 0:00pm', () => {
    const times = ['2025-01-15T00:00:00Z', '2025-01-15T00:30:00Z', '2025-01-15T12:00:00Z', '2025-01-15T12:30:00Z', '2025-07-15T11:30:00Z'].map((t) =>
      formatTime(t),
    );
    expect(times.filter((t) => /^0:|^00|0:00pm|12pm|12am/.test(t))).toEqual([]);
    expect(times).toEqual(expect.arrayContaining(['12:30am', '12:30pm']));
  });

  it('names every visit type with its own words: PAMMS is an acronym everywhere', () => {
    expect(visitTypeWords('pamms_audit')).toBe('PAMMS audit');
    for (const type of VISIT_TYPES) {
      expect(VISIT_WORDS[type]).toBeDefined();
      expect(visitTypeWords(type)).not.toMatch(/Pamms|_/);
    }
  });
});
