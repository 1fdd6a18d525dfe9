import { toDomainEvent } from '@caretrail/application';
import { computeMeasures } from '@caretrail/timeline';
import { fengatesStory } from '@caretrail/timeline/testing';
import { asRecorded, CADENCE_EVENTS } from './concern-record.reader';

describe("the case file's cadence, from the concern's held cadence events only", () => {
  it('gives the same cadence runs as the measure over every event of the stream, on any evaluation date', () => {
    const story = fengatesStory();
    const streamId = story.raised.streamId;
    const events = story.events.filter((e) => e.streamId === streamId);
    const held = events.reduce((s, e) => CADENCE_EVENTS.evolve(s, toDomainEvent(e)), CADENCE_EVENTS.initialState());
    expect(held.length).toBeLessThan(events.length);
    const concernId = streamId.replace('concern-', '');
    for (const on of ['2025-03-20', '2025-04-15', '2025-06-30']) {
      const runs = (input: typeof events) => computeMeasures(input, { on }).cadenceAdherence.byConcern.find((c) => c.concernId === concernId)?.runs;
      const fromAll = runs(events);
      expect(fromAll?.length).toBeGreaterThan(0);
      expect(runs(held.map(asRecorded(streamId)))).toEqual(fromAll);
    }
  });
});
