import { DEFAULT_CLOCKS } from '../clocks';
import { asOf } from '../replay/as-of';
import { replayMeasures } from '../replay/replay';
import { concernRecord } from '../testing/concern-record';
import { COUNCIL_OFFICER, EventHistory } from '../testing/event-history';
import { computeMeasures } from './compute-measures';
import { clocksOfCouncil } from './council-clocks';

const clocks = (acknowledgeWithinWorkingDays: number, reopenWindowMonths = 12) => ({ ...DEFAULT_CLOCKS, acknowledgeWithinWorkingDays, reopenWindowMonths });

/** Two councils' concerns, each acknowledged 3 working days after notice; council-1 sets a 2-day clock. */
function story() {
  const h = new EventHistory();
  const setting = h.record(
    'CouncilClocksSet',
    { councilId: 'council-1', clocks: clocks(2), reason: 'Tighter clock' },
    'organisation-council-1',
    { occurred: '2025-03-10', recorded: '2025-03-12' },
    COUNCIL_OFFICER,
  );
  for (const [concernId, councilId] of [
    ['c1', 'council-1'],
    ['c2', 'council-2'],
  ]) {
    const c = concernRecord(h, { concernId, councilId });
    c.raised('2025-03-17');
    c.notified('2025-03-17'); // Monday
    c.acknowledged('2025-03-20'); // Thursday: 3 working days
  }
  return { h, setting };
}

const statusOf = (m: ReturnType<typeof computeMeasures>, concernId: string) =>
  m.timeToAcknowledge.byConcern.find((c) => c.concernId === concernId)?.waits[0].status;

describe("a council's own clocks", () => {
  it("judge that council's concerns, and only those", () => {
    const { h, setting } = story();
    const m = computeMeasures(h.events, { on: '2025-03-31' });
    expect(statusOf(m, 'c1')).toBe('late');
    expect(statusOf(m, 'c2')).toBe('on_time');
    expect(m.timeToAcknowledge.byConcern.find((c) => c.concernId === 'c1')?.eventIds).toContain(setting.eventId);
    expect(m.timeToAcknowledge.byConcern.find((c) => c.concernId === 'c2')?.eventIds).not.toContain(setting.eventId);
    expect(m.councilClocks).toEqual([{ councilId: 'council-1', clocks: clocks(2), councilSet: true, eventId: setting.eventId, inForceFrom: '2025-03-10' }]);
    expect(m.clocks).toEqual(DEFAULT_CLOCKS);
  });

  it('apply from when they were set: evaluated before, the defaults judge', () => {
    const { h } = story();
    expect(clocksOfCouncil(h.events, 'council-1', '2025-03-09')).toMatchObject({ councilSet: false, clocks: DEFAULT_CLOCKS });
    expect(clocksOfCouncil(h.events, 'council-1', '2025-03-10')).toMatchObject({ councilSet: true, clocks: clocks(2) });
  });

  it('replay on the recorded basis sees them only once recorded', () => {
    const { h } = story();
    // Set on the 10th but recorded on the 12th: on the 11th the record did not show it yet.
    expect(clocksOfCouncil(asOf(h.events, '2025-03-11', 'recorded'), 'council-1', '2025-03-11').councilSet).toBe(false);
    expect(clocksOfCouncil(asOf(h.events, '2025-03-11', 'occurred'), 'council-1', '2025-03-11').councilSet).toBe(true);
    expect(replayMeasures(h.events, { asOf: '2025-03-31', basis: 'recorded' }).councilClocks).toHaveLength(1);
  });

  it('the last setting in force wins', () => {
    const { h } = story();
    h.record('CouncilClocksSet', { councilId: 'council-1', clocks: clocks(4), reason: 'Relaxed' }, 'organisation-council-1', '2025-03-24', COUNCIL_OFFICER);
    expect(statusOf(computeMeasures(h.events, { on: '2025-03-21' }), 'c1')).toBe('late');
    expect(statusOf(computeMeasures(h.events, { on: '2025-03-31' }), 'c1')).toBe('on_time');
  });

  it("set the reopen window of the council's concerns", () => {
    const h = new EventHistory();
    h.record(
      'CouncilClocksSet',
      { councilId: 'council-1', clocks: clocks(5, 3), reason: 'Short window' },
      'organisation-council-1',
      '2025-01-06',
      COUNCIL_OFFICER,
    );
    for (const [concernId, councilId] of [
      ['c1', 'council-1'],
      ['c2', 'council-2'],
    ]) {
      const c = concernRecord(h, { concernId, councilId });
      c.raised('2025-02-03');
      c.closed('2025-02-10');
      c.reopened('2025-06-10');
    }
    const m = computeMeasures(h.events, { on: '2025-07-31' });
    const within = (id: string) => m.reopenRate.byConcern.find((c) => c.concernId === id)?.closures[0].reopenedWithinWindow;
    expect(within('c1')).toBe(false);
    expect(within('c2')).toBe(true);
  });
});
