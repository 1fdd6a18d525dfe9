import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES } from '@caretrail/domain';

/**
 * docs/architecture.md is the truth about the event catalogue and must be kept to the code: every event
 * type the domain records is named in its catalogue table, and the table names no event the domain
 * does not have.
 */
describe('the architecture document’s event catalogue', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'architecture.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| area | events |'), doc.indexOf("Every event's envelope"));

  it('names every event type of the domain', () => {
    expect(EVENT_TYPES.filter((type) => !new RegExp(`\\b${type}\\b`).test(table))).toEqual([]);
  });

  it('names no event the domain does not record', () => {
    const named = [...table.matchAll(/\b([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b/g)].map((m) => m[1]).filter((w) => /(ed|Set)$/.test(w));
    expect(named.filter((w) => !(EVENT_TYPES as readonly string[]).includes(w))).toEqual([]);
  });
});
