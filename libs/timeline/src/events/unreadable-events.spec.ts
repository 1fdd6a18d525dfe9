import { buildTimeline, buildTimelineReporting, computeMeasures, foldSkippingUnreadable } from '@caretrail/timeline';
import { fengatesStory } from '../testing/concern-story';

describe('foldSkippingUnreadable', () => {
  const events = [1, 2, 3, 4, 5, 6].map((n) => ({ eventId: `e${n}`, type: 'T', streamId: 's', globalPosition: n * 10 }) as never);
  const failsOn = (bad: string[]) => (es: readonly { eventId: string }[]) => {
    const met = es.find((e) => bad.includes(e.eventId));
    if (met) throw new Error(`cannot read ${met.eventId}`);
    return es.map((e) => e.eventId);
  };

  it('costs one fold when every event reads', () => {
    let folds = 0;
    const { result, unreadable } = foldSkippingUnreadable(events, (es) => (folds++, es.length));
    expect([result, unreadable, folds]).toEqual([6, [], 1]);
  });

  it('leaves out exactly the events the fold cannot read, naming each with its error', () => {
    const { result, unreadable } = foldSkippingUnreadable(events, failsOn(['e2', 'e5']));
    expect(result).toEqual(['e1', 'e3', 'e4', 'e6']);
    expect(unreadable).toEqual([
      { eventId: 'e2', type: 'T', streamId: 's', globalPosition: 20, error: 'cannot read e2' },
      { eventId: 'e5', type: 'T', streamId: 's', globalPosition: 50, error: 'cannot read e5' },
    ]);
  });

  it("throws the error of a fold that fails over no events at all: not the events' fault", () => {
    expect(() =>
      foldSkippingUnreadable(events, () => {
        throw new Error('broken options');
      }),
    ).toThrow('broken options');
  });
});

describe('a correction the timeline library cannot read', () => {
  function poisoned() {
    const story = fengatesStory();
    const bad = story.h.corrected('2025-03-28T10:00:00Z', story.update, { periodEnding: 'garbage' }, 'Wrong week');
    return { events: story.h.events, update: story.update, bad };
  }

  it('marks its own entry and builds every other entry as if it were not there', () => {
    const { events, update, bad } = poisoned();
    const { entries, unreadable } = buildTimelineReporting(events);
    const without = buildTimeline(events.filter((e) => e !== bad));
    expect(entries.filter((e) => e.eventId !== bad.eventId)).toEqual(without);
    expect(entries.find((e) => e.eventId === bad.eventId)).toMatchObject({
      kind: 'EntryCorrected',
      summary: 'The correction could not be read',
      flags: { unreadable: true, corrected: null },
    });
    // The earlier, readable correction of the same update still stands; the bad one is not applied.
    expect(entries.find((e) => e.eventId === update.eventId)!.flags.corrected).toMatchObject({ changes: { periodEnding: '2025-03-21' } });
    expect(unreadable).toEqual([expect.objectContaining({ eventId: bad.eventId, error: expect.stringContaining('garbage is not a calendar date') })]);
    // Every other entry carries no `unreadable` key at all, so stored rows stay as they were.
    expect(entries.filter((e) => 'unreadable' in e.flags).map((e) => e.eventId)).toEqual([bad.eventId]);
  });

  it('gives the measures without it, naming it', () => {
    const { events, bad } = poisoned();
    const on = '2025-06-30';
    const measures = computeMeasures(events, { on });
    expect(measures.unreadableEventIds).toEqual([bad.eventId]);
    const { unreadableEventIds, ...figures } = measures;
    expect(figures).toEqual(
      computeMeasures(
        events.filter((e) => e !== bad),
        { on },
      ),
    );
    expect(
      'unreadableEventIds' in
        computeMeasures(
          events.filter((e) => e !== bad),
          { on },
        ),
    ).toBe(false);
  });
});
