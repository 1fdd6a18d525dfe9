import { toDomainEvent } from '@caretrail/application';
import { concernDecider, fold } from '@caretrail/domain';
import { fengatesStory } from '@caretrail/timeline/testing';
import { correctedFolder, correctedStateOf, correctionMarks, retractionMarks } from './corrected-record';

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('a record as corrected beside the record as recorded', () => {
  const story = fengatesStory();
  const events = story.events.filter((e) => e.streamId === story.raised.streamId);

  it('folded an event at a time, equals the fold from zero at every length, and never changes an earlier state', () => {
    const folder = correctedFolder(concernDecider);
    let state = folder.initialState();
    const seen: { state: typeof state; frozen: unknown }[] = [];
    events.forEach((event, i) => {
      state = folder.evolve(state, toDomainEvent(event));
      const recorded = fold(concernDecider, events.slice(0, i + 1).map(toDomainEvent));
      expect(json(state.recorded)).toEqual(json(recorded));
      expect(json(state.corrected)).toEqual(json(correctedStateOf(concernDecider, recorded)));
      seen.push({ state, frozen: json(state) });
    });
    for (const s of seen) expect(json(s.state)).toEqual(s.frozen);
  });

  it('applies the standing correction to what it shows, and marks the entry with its field before and after', () => {
    const recorded = fold(concernDecider, events.map(toDomainEvent));
    const corrected = correctedStateOf(concernDecider, recorded);
    expect(recorded.plan.updates[0].periodEnding).toBe('2025-03-14');
    expect(corrected.plan.updates[0].periodEnding).toBe('2025-03-21');
    expect(correctionMarks(recorded.log)).toEqual([
      expect.objectContaining({
        eventId: story.update.eventId,
        entryType: 'PlanUpdateSubmitted',
        fields: [{ field: 'periodEnding', before: '2025-03-14', after: '2025-03-21' }],
        reasons: ['Wrong week ending'],
        correctionEventIds: [story.correction.eventId],
      }),
    ]);
    expect(retractionMarks(recorded.log)).toEqual([
      expect.objectContaining({ eventId: story.wrongComment.eventId, entryType: 'CommentRecorded', reason: 'Posted on the wrong concern' }),
    ]);
  });

  it('is the very same state while nothing is corrected', () => {
    const recorded = fold(concernDecider, events.slice(0, 5).map(toDomainEvent));
    expect(correctedStateOf(concernDecider, recorded)).toBe(recorded);
    expect(correctionMarks(recorded.log)).toEqual([]);
  });
});
