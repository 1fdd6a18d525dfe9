import fc from 'fast-check';
import { addDays } from '../calendar/local-date';
import { fengatesStory } from '../testing/concern-story';
import { replayMeasures } from '../replay/replay';
import { computeMeasures } from './compute-measures';

describe('computeMeasures', () => {
  it('computes all ten measures for a scope, each with the events it used', () => {
    const story = fengatesStory();
    const m = computeMeasures(story.events, { on: '2025-03-31' });
    expect(m.timeToAcknowledge.overall.acknowledged.median).toBe(2);
    expect(m.planLag.byConcern[0].requests[0]).toMatchObject({ workingDays: 5, status: 'on_time' }); // 5 Mar to 12 Mar
    expect(m.councilReviewLag.overall.decided).toMatchObject({ count: 2, median: 1 }); // 12->13 and 14->17 Mar
    // accepted 17 Mar, weekly: the corrected update (period ending 21 Mar) is on time for the week to 24 Mar;
    // the week to 31 Mar is due by 2 Apr: pending
    expect(m.cadenceAdherence.byConcern[0].runs[0].periods.map((p) => p.status)).toEqual(['on_time', 'pending']);
    expect(m.cadenceAdherence.byConcern[0].eventIds).toEqual(
      expect.arrayContaining([story.requested.eventId, story.accepted.eventId, story.update.eventId, story.correction.eventId]),
    );
    expect(m.onTimeActionRate.overall.byOriginalDueDate).toEqual({ numerator: 0, denominator: 0, rate: null }); // A1 due on 31 Mar itself
    expect(m.overdueActionDays.overall.overdueActionDays).toBe(0);
    expect(m.timeToClosure.overall.open).toBe(1);
    expect(m.reopenRate.overall.reopenRate.denominator).toBe(0);
    expect(m.registeredManager.byService[0]).toMatchObject({ serviceId: 's1', daysWithoutRegisteredManager: 85 }); // 6 Jan to 31 Mar
    expect(m.turnoverAndConcerns.overall.otherMonths.concerns).toBe(1);
    expect(m.clocks.acknowledgeWithinWorkingDays).toBe(5);
  });

  it('leaves out events that happened after the evaluation date', () => {
    const story = fengatesStory();
    const early = computeMeasures(story.events, { on: '2025-03-04' });
    expect(early.timeToAcknowledge.byConcern[0].waits[0]).toMatchObject({ acknowledgedOn: null, workingDays: 1, status: 'waiting' });
    expect(early.councilReviewLag.byConcern).toEqual([]);
  });

  it("property: measures replayed on the 'occurred' basis equal measures of every event on that date", () => {
    const story = fengatesStory();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (offset) => {
        const on = addDays('2025-02-20', offset);
        return JSON.stringify(replayMeasures(story.events, { asOf: on, basis: 'occurred' })) === JSON.stringify(computeMeasures(story.events, { on }));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses an evaluation date that is not a date', () => {
    expect(() => computeMeasures([], { on: '31/03/2025' })).toThrow(RangeError);
  });
});
