import fc from 'fast-check';
import type { RecordedEvent } from '@caretrail/event-store';
import { addDays } from '../calendar/local-date';
import { toLondonDate } from '../calendar/london-time';
import { fengatesStory } from '../testing/concern-story';
import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { computeMeasures } from '../measures/compute-measures';
import { buildTimeline } from '../timeline/timeline-entry.builder';
import { queryTimeline } from '../timeline/timeline-query';
import { asOf } from './as-of';
import { replayMeasures, replayTimeline } from './replay';

describe('asOf: choosing the events for a date', () => {
  it("'recorded' is what the record showed, 'occurred' what had happened", () => {
    const story = fengatesStory();
    // The visit of 18 Mar was recorded on 25 Mar.
    const recorded = asOf(story.events, '2025-03-20', 'recorded').map((e) => e.eventId);
    const occurred = asOf(story.events, '2025-03-20', 'occurred').map((e) => e.eventId);
    expect(recorded).not.toContain(story.visit.eventId);
    expect(occurred).toContain(story.visit.eventId);
    expect(occurred.filter((id) => !recorded.includes(id))).toEqual([story.visit.eventId]);
  });

  it('a date means the end of that day in London (BST in summer)', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const lateEvening = c.raised('2025-06-01T22:30:00Z'); // 23:30 BST on 1 June
    const afterMidnight = c.notified('2025-06-01T23:30:00Z'); // 00:30 BST on 2 June
    expect(asOf(h.events, '2025-06-01', 'occurred')).toEqual([lateEvening]);
    expect(asOf(h.events, '2025-06-02', 'occurred')).toEqual([lateEvening, afterMidnight]);
    expect(() => asOf(h.events, '1 June', 'occurred')).toThrow(RangeError);
  });
});

describe('replayTimeline', () => {
  it("on the 'recorded' basis a correction recorded later is not yet shown", () => {
    const story = fengatesStory();
    const entry = (day: string) => replayTimeline(story.events, { asOf: day, basis: 'recorded' }).entries.find((e) => e.eventId === story.update.eventId)!;
    expect(entry('2025-03-21').flags.corrected).not.toBeNull(); // corrected the same afternoon
    const h = new EventHistory();
    const c = concernRecord(h);
    const update = c.update('2025-03-21', '2025-03-14');
    h.corrected('2025-03-28', update, { periodEnding: '2025-03-21' }, 'Wrong week');
    const flag = (day: string) => replayTimeline(h.events, { asOf: day, basis: 'recorded' }).entries[0].flags.corrected;
    expect(flag('2025-03-27')).toBeNull();
    expect(flag('2025-03-28')).not.toBeNull();
  });

  it('applies filters and pages exactly as the live query does', () => {
    const story = fengatesStory();
    const replayed = replayTimeline(story.events, { asOf: '2025-12-31', basis: 'recorded', parties: ['provider'], limit: 3 });
    expect(replayed).toEqual(queryTimeline(buildTimeline(story.events), { parties: ['provider'], limit: 3 }));
  });

  it("property: 'recorded' at a date after every recordedAt gives exactly the full timeline", () => {
    fc.assert(
      fc.property(randomHistory(), fc.integer({ min: 0, max: 400 }), (events, extraDays) => {
        const lastRecorded = new Date(Math.max(...events.map((e) => Date.parse(e.recordedAt))));
        const date = addDays(toLondonDate(lastRecorded), extraDays);
        const replayed = replayTimeline(events, { asOf: date, basis: 'recorded' }).entries;
        return JSON.stringify(replayed) === JSON.stringify(buildTimeline(events));
      }),
      { numRuns: 60 },
    );
  });

  it('property: replay on either basis is a sub-list of the full timeline, in the same order', () => {
    fc.assert(
      fc.property(randomHistory(), fc.integer({ min: 0, max: 120 }), fc.constantFrom('recorded' as const, 'occurred' as const), (events, offset, basis) => {
        const date = addDays('2025-01-01', offset);
        const ids = replayTimeline(events, { asOf: date, basis }).entries.map((e) => e.eventId);
        const full = buildTimeline(events)
          .map((e) => e.eventId)
          .filter((id) => ids.includes(id));
        return JSON.stringify(ids) === JSON.stringify(full);
      }),
      { numRuns: 60 },
    );
  });
});

describe('replayMeasures', () => {
  it("'occurred' equals measuring everything on that date; 'recorded' leaves out what was not yet recorded", () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-03-03');
    c.notified('2025-03-03');
    c.acknowledged({ occurred: '2025-03-05', recorded: '2025-03-12' }); // acknowledged by phone, recorded a week later
    const occurred = replayMeasures(h.events, { asOf: '2025-03-11', basis: 'occurred' });
    expect(occurred).toEqual(computeMeasures(h.events, { on: '2025-03-11' }));
    expect(occurred.timeToAcknowledge.byConcern[0].waits[0]).toMatchObject({ workingDays: 2, status: 'on_time' });
    const recorded = replayMeasures(h.events, { asOf: '2025-03-11', basis: 'recorded' });
    expect(recorded.timeToAcknowledge.byConcern[0].waits[0]).toMatchObject({ workingDays: 6, status: 'overdue' });
  });
});

/** Random concern histories: random kinds of entry at random instants, some recorded late, some corrected or retracted. */
function randomHistory(): fc.Arbitrary<RecordedEvent[]> {
  const step = fc.record({
    dayOffset: fc.integer({ min: 0, max: 90 }),
    minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    lateDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 })),
    kind: fc.constantFrom('notified', 'acknowledged', 'update', 'comment', 'correct', 'retract', 'visit'),
  });
  return fc.array(step, { minLength: 1, maxLength: 25 }).map((steps) => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-01-01T09:00:00Z');
    for (const s of steps) {
      const occurred = new Date(Date.parse('2025-01-01T09:00:00Z') + s.dayOffset * 86_400_000 + s.minutes * 60_000);
      const when = { occurred: occurred.toISOString(), recorded: new Date(occurred.getTime() + s.lateDays * 86_400_000).toISOString() };
      const target = h.events[h.events.length - 1];
      if (s.kind === 'notified') c.notified(when);
      if (s.kind === 'acknowledged') c.acknowledged(when);
      if (s.kind === 'update') c.update(when, when.occurred.slice(0, 10));
      if (s.kind === 'comment') c.comment(when, 'provider', 'progress');
      if (s.kind === 'visit') c.visit(when, 'council_monitoring', when.occurred.slice(0, 10));
      if (s.kind === 'correct' && target.type === 'PlanUpdateSubmitted') h.corrected(when, target, { summary: 'Corrected' }, 'Fix');
      if (s.kind === 'retract' && target.type === 'CommentRecorded') h.retracted(when, target, 'Wrong record');
    }
    return h.events;
  });
}
