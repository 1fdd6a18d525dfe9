import fc from 'fast-check';
import { concernRecord } from '../testing/concern-record';
import { fengatesStory } from '../testing/concern-story';
import { EventHistory } from '../testing/event-history';
import { decodeCursor, encodeCursor, InvalidCursorError } from './timeline-cursor';
import { timelineToCsv, csvField } from './timeline-csv';
import { buildTimeline } from './timeline-entry.builder';
import { filterTimeline, paginateTimeline, queryTimeline } from './timeline-query';

describe('timeline filters', () => {
  const story = fengatesStory();
  const entries = buildTimeline(story.events);

  it('filters by London date range of occurredAt, inclusive', () => {
    const kinds = filterTimeline(entries, { from: '2025-03-13', to: '2025-03-17' }).map((e) => e.kind);
    expect(kinds).toEqual(['ActionPlanReturned', 'ActionPlanSubmitted', 'ActionPlanAccepted']);
  });

  it('filters by kinds, parties and category', () => {
    expect(filterTimeline(entries, { kinds: ['CommentRecorded'] })).toHaveLength(2);
    expect(filterTimeline(entries, { parties: ['admin'] })).toHaveLength(4);
    expect(filterTimeline(entries, { parties: ['council'], kinds: ['ActionPlanAccepted', 'ActionPlanReturned'] })).toHaveLength(2);
    expect(filterTimeline(entries, { categories: ['documentation'] })).toHaveLength(14); // the concern's entries only
    expect(filterTimeline(entries, { categories: ['medication'] })).toHaveLength(0);
    expect(filterTimeline(entries, { concernId: 'c1', serviceId: 's1' })).toHaveLength(14);
  });
});

describe('timeline pages', () => {
  const entries = buildTimeline(fengatesStory().events);

  it('pages with an opaque cursor until the end', () => {
    const first = paginateTimeline(entries, { limit: 5 });
    expect(first.entries).toEqual(entries.slice(0, 5));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = paginateTimeline(entries, { limit: 5, after: first.nextCursor });
    expect(second.entries).toEqual(entries.slice(5, 10));
    const rest = paginateTimeline(entries, { after: second.nextCursor });
    expect(rest).toEqual({ entries: entries.slice(10), nextCursor: null });
  });

  it('pages newest first', () => {
    const first = paginateTimeline(entries, { limit: 2, order: 'desc' });
    expect(first.entries.map((e) => e.eventId)).toEqual(
      entries
        .slice(-2)
        .reverse()
        .map((e) => e.eventId),
    );
    const next = paginateTimeline(entries, { limit: 2, order: 'desc', after: first.nextCursor });
    expect(next.entries).toEqual(entries.slice(-4, -2).reverse());
  });

  it('reads every entry exactly once whatever the page size, events sharing an instant included', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    for (let i = 0; i < 12; i++) c.comment(`2025-03-0${3 + (i % 3)}T10:00:00Z`, 'council', 'general');
    const all = buildTimeline(h.events);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), fc.constantFrom('asc' as const, 'desc' as const), (limit, order) => {
        const seen = [];
        let after: string | null = null;
        do {
          const page = queryTimeline(all, { limit, after, order });
          seen.push(...page.entries);
          after = page.nextCursor;
        } while (after !== null);
        return JSON.stringify(order === 'asc' ? seen : seen.reverse()) === JSON.stringify(all);
      }),
    );
  });

  it('encodes occurredAt and global position in the cursor, and refuses a forged one', () => {
    const cursor = encodeCursor({ occurredAt: '2025-03-03T10:00:00Z', globalPosition: 42 });
    expect(decodeCursor(cursor)).toEqual({ occurredAtMs: Date.parse('2025-03-03T10:00:00Z'), globalPosition: 42 });
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow(InvalidCursorError);
    expect(() => paginateTimeline(entries, { limit: 0 })).toThrow(RangeError);
  });
});

describe('timeline CSV', () => {
  it('quotes per RFC 4180 and guards against spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(7)).toBe('7');
  });

  it('writes a header and one CRLF line per entry', () => {
    const story = fengatesStory();
    const csv = timelineToCsv(buildTimeline(story.events));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'occurredAt,recordedAt,occurredOn,recordedOn,party,kind,summary,category,concernId,serviceId,recordedLate,correctedBy,summaryAfterCorrection,retractedBy,supersededBy,eventId,streamId,globalPosition,tags',
    );
    expect(lines).toHaveLength(story.events.length + 2); // header, entries, and the final CRLF
    const update = lines.find((l) => l.includes(story.update.eventId))!;
    expect(update).toContain(
      `,Weekly update for period ending 14 Mar 2025,documentation,c1,s1,no,${story.correction.eventId},Weekly update for period ending 21 Mar 2025,,,`,
    );
    const raised = lines.find((l) => l.includes(story.raised.eventId))!;
    expect(raised).toContain(',Concern raised: documentation (amber) — Records lapsed after manager changes,');
  });
});
