import { sealContent, withholdSealed, type RecordedEvent } from '@caretrail/event-store';
import { computeMeasures } from '../measures/compute-measures';
import { concernRecord } from '../testing/concern-record';
import { COUNCIL_OFFICER, EventHistory } from '../testing/event-history';
import { timelineToCsv } from './timeline-csv';
import { buildTimeline } from './timeline-entry.builder';

const secret = 'Police are investigating an allegation against the deputy manager';

/** A concern with a comment restricted to the council and the police, and its lift for the regulator. */
function history() {
  const h = new EventHistory();
  const c = concernRecord(h);
  c.raised('2026-03-02');
  const restricted = h.record(
    'RestrictedEntryRecorded',
    {
      entryId: 'r1',
      kind: 'comment',
      party: 'council',
      restrictedTo: ['council-1', 'police-1'],
      sealed: sealContent({ topic: 'context', text: secret }) as never,
    },
    'concern-c1',
    '2026-03-03',
    COUNCIL_OFFICER,
  );
  h.record(
    'EntryRestrictionLifted',
    { targetEventId: restricted.eventId, disclosedTo: ['cqc'], reason: 'The regulator is inspecting' },
    'concern-c1',
    '2026-03-10',
    COUNCIL_OFFICER,
  );
  return h.events;
}
const withheld = (events: readonly RecordedEvent[]) => events.map((e) => ({ ...e, data: withholdSealed(e.data) }));

describe('restricted entries in timelines, CSV and measures', () => {
  it('show that the entry exists, its dates, kind and party, never its content, and the lift with its reason', () => {
    const lines = buildTimeline(history()).map((e) => `${e.occurredOn} ${e.party} ${e.kind}: ${e.summary}`);
    expect(lines.slice(-2)).toEqual([
      '2026-03-03 council RestrictedEntryRecorded: Restricted comment by council: its content is shown only to the organisations it is restricted to',
      '2026-03-10 council EntryRestrictionLifted: Restriction lifted on the restricted entry of 3 Mar 2026 for 1 more organisation — The regulator is inspecting',
    ]);
    expect(JSON.stringify(buildTimeline(history()))).not.toContain('deputy manager');
    expect(timelineToCsv(buildTimeline(history()))).not.toContain('deputy manager');
  });

  it('read the same whether the content is there or withheld, so a bundle without it recomputes the same timeline and measures', () => {
    expect(buildTimeline(withheld(history()))).toEqual(buildTimeline(history()));
    const on = '2026-04-01';
    expect(computeMeasures(withheld(history()), { on })).toEqual(computeMeasures(history(), { on }));
  });
});
