import type { RecordedEvent } from '@caretrail/event-store';
import { buildTimeline, computeMeasures, DEFAULT_CLOCKS, replayMeasures, type Clocks } from '@caretrail/timeline';
import { COUNCIL_OFFICER, fengatesStory } from '@caretrail/timeline/testing';
import { buildEvidenceBundle, BundleInputError, type BuildBundleInput } from './bundle.builder';
import { renderBundleHtml } from './bundle-html.renderer';
import { verifyBundle } from './bundle.verifier';
import type { EvidenceBundle } from './bundle-format';
import { testSigner, withRealHashes } from './testing/hashed-history';

const clocks = (acknowledgeWithinWorkingDays: number): Clocks => ({ ...DEFAULT_CLOCKS, acknowledgeWithinWorkingDays });
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const lines = (b: unknown) => verifyBundle(b).problems.map((p) => `${p.where}: ${p.problem}`);

/**
 * Fengates, whose concern was acknowledged 2 working days after notice, and its council's clocks:
 * 1 day from 10 March (recorded on the 12th), then 3 days from 20 March. Another council's setting
 * is in the store too; it judges nothing here.
 */
function story() {
  const s = fengatesStory();
  const first = s.h.record(
    'CouncilClocksSet',
    { councilId: 'council-1', clocks: clocks(1), reason: 'Tighter' },
    'organisation-council-1',
    { occurred: '2025-03-10', recorded: '2025-03-12' },
    COUNCIL_OFFICER,
  );
  const second = s.h.record(
    'CouncilClocksSet',
    { councilId: 'council-1', clocks: clocks(3), reason: 'Relaxed' },
    'organisation-council-1',
    '2025-03-20',
    COUNCIL_OFFICER,
  );
  s.h.organisation('2025-01-06', 'council-2', 'council', 'Eastvale Borough Council');
  s.h.record('CouncilClocksSet', { councilId: 'council-2', clocks: clocks(1), reason: 'Elsewhere' }, 'organisation-council-2', '2025-03-01', COUNCIL_OFFICER);
  const events = withRealHashes(s.events);
  const byId = (e: RecordedEvent) => events.find((x) => x.eventId === e.eventId)!;
  return { events, first: byId(first), second: byId(second), registration: events.find((e) => e.streamId === 'organisation-council-1')! };
}

describe("a bundle carries the clocks of its concerns' councils", () => {
  const { events, first, second, registration } = story();
  const signer = testSigner();
  const build = (over: Partial<BuildBundleInput> = {}): EvidenceBundle =>
    buildEvidenceBundle({ scope: { kind: 'concern', id: 'c1' }, events, generatedAt: '2025-04-01T08:00:00.000Z', generatedBy: 'unit test', signer, ...over });
  // What the API computes from: the scope's streams, and the council's settings (loadMeasureEvents).
  const scopeOnly = events.filter((e) => e.streamId === 'concern-c1' || e.streamId === 'service-s1');
  const measureInputs = events.filter((e) => scopeOnly.includes(e) || (e.type === 'CouncilClocksSet' && e.streamId === 'organisation-council-1'));
  const waitStatus = (b: EvidenceBundle) => b.measures.timeToAcknowledge.byConcern[0].waits[0].status;

  it("live: the council stream up to its last setting, declared, its registration marked as carried for the chain; measures as the live view's", () => {
    const bundle = build();
    expect(bundle.formatVersion).toBe(2);
    expect(bundle.manifest.councilClockStreams).toEqual(['organisation-council-1']);
    expect(bundle.manifest.councilChainOnly).toEqual([registration.eventId]);
    expect(bundle.events.filter((e) => e.streamId === 'organisation-council-1').map((e) => e.eventId)).toEqual([
      registration.eventId,
      first.eventId,
      second.eventId,
    ]);
    expect(bundle.events.some((e) => e.streamId === 'organisation-council-2')).toBe(false);
    expect(bundle.measures).toEqual(plain(computeMeasures(measureInputs, { on: '2025-04-01' })));
    expect(bundle.measures.councilClocks).toEqual([expect.objectContaining({ councilId: 'council-1', eventId: second.eventId, clocks: clocks(3) })]);
    expect(bundle.timeline).toEqual(plain(buildTimeline(scopeOnly)));
    expect(verifyBundle(bundle).problems).toEqual([]);
  });

  it('as of a date: only the settings the same selection picks, the stream cut after the last of them', () => {
    const recorded = build({ asOf: '2025-03-15', basis: 'recorded' });
    expect(recorded.events.filter((e) => e.streamId === 'organisation-council-1').map((e) => e.eventId)).toEqual([registration.eventId, first.eventId]);
    expect(recorded.measures).toEqual(plain(replayMeasures(measureInputs, { asOf: '2025-03-15', basis: 'recorded' })));
    expect(waitStatus(recorded)).toBe('late');
    expect(verifyBundle(recorded).problems).toEqual([]);

    // Set on the 10th, recorded on the 12th: on the 11th the record did not show it yet; it had happened.
    const notYetRecorded = build({ asOf: '2025-03-11', basis: 'recorded' });
    expect(notYetRecorded.manifest.councilClockStreams).toEqual([]);
    expect(notYetRecorded.events.some((e) => e.type === 'CouncilClocksSet')).toBe(false);
    expect(notYetRecorded.measures.councilClocks).toEqual([]);
    expect(waitStatus(notYetRecorded)).toBe('on_time');
    expect(notYetRecorded.measures).toEqual(plain(replayMeasures(measureInputs, { asOf: '2025-03-11', basis: 'recorded' })));
    const happened = build({ asOf: '2025-03-11', basis: 'occurred' });
    expect(happened.manifest.councilClockStreams).toEqual(['organisation-council-1']);
    expect(waitStatus(happened)).toBe('late');
    expect(verifyBundle(notYetRecorded).ok && verifyBundle(happened).ok).toBe(true);
  });

  it('the verifier recomputes with exactly the settings in the bundle', () => {
    const bundle = build();
    const tampered = structuredClone(bundle);
    const at = tampered.events.findIndex((e) => e.eventId === second.eventId);
    (tampered.events[at].data['clocks'] as Clocks).acknowledgeWithinWorkingDays = 1;
    expect(lines(tampered)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^events\\[${at}\\] \\(stream organisation-council-1, version 3\\): hash \\w+ does not match its content`)),
        'measures.councilClocks[0].clocks.acknowledgeWithinWorkingDays: the bundle has 3, recomputed from its events 1',
        'measures.timeToAcknowledge.byConcern[0].waits[0].status: the bundle has "on_time", recomputed from its events "late"',
      ]),
    );
  });

  it('refuses council streams that are undeclared, unjustified, unmarked or carry other records', () => {
    const bundle = build();
    const undeclared = structuredClone(bundle);
    undeclared.manifest.councilClockStreams = [];
    expect(lines(undeclared)).toContainEqual(
      expect.stringMatching(
        /^events\[0\] \(stream organisation-council-1, version 1\): stream organisation-council-1 is not part of concern c1 nor a council clock stream/,
      ),
    );

    const unjustified = structuredClone(bundle);
    unjustified.manifest.councilClockStreams.push('organisation-council-2');
    expect(lines(unjustified)).toEqual(
      expect.arrayContaining([
        "manifest.councilClockStreams[1]: stream organisation-council-2 is not the organisation stream of a council whose concern is in the bundle's as-of selection",
        'manifest.councilClockStreams[1]: lists stream organisation-council-2, of which the bundle holds no event',
      ]),
    );

    const unmarked = structuredClone(bundle);
    unmarked.manifest.councilChainOnly = [];
    expect(lines(unmarked)).toContainEqual(
      `manifest.councilChainOnly: does not mark event ${registration.eventId}, which is a council stream's event carried only for its chain`,
    );

    const cut = structuredClone(bundle);
    cut.events = cut.events.filter((e) => e.eventId !== second.eventId);
    expect(lines(cut)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.streams\[\d+\]\.lastVersion \(stream organisation-council-1\)/),
        'measures.councilClocks[0].clocks.acknowledgeWithinWorkingDays: the bundle has 3, recomputed from its events 1',
      ]),
    );

    const stranger = withRealHashes([
      ...events,
      { ...events.at(-1)!, eventId: 'e-other', type: 'CommentRecorded', streamId: 'organisation-council-1', streamVersion: 4, globalPosition: 9999 },
    ]);
    expect(() => build({ events: stranger })).not.toThrow(); // the extra event comes after the last setting: not carried
    const inside = withRealHashes(
      events.flatMap((e) =>
        e.eventId === second.eventId
          ? [
              { ...e, eventId: 'e-other', type: 'CommentRecorded' },
              { ...e, streamVersion: 4, globalPosition: e.globalPosition + 1 },
            ]
          : [e],
      ),
    );
    expect(() => build({ events: inside })).toThrow(BundleInputError);
  });

  it('the printable page lists the clocks that judged the measures', () => {
    const html = renderBundleHtml(build());
    expect(html).toContain('<h3 id="clocks">Clocks used</h3>');
    expect(html).toContain('<th scope="row">Northshire County Council</th><td class="num">3</td>');
    // In force from the setting's day, in words, linked to the setting in the appendix.
    expect(html).toMatch(new RegExp(`<td>20 March 2025</td><td><a href="#event-${second.eventId}">Council clocks set, 20 March 2025</a></td>`));
    expect(html).toContain(`<tr id="event-${second.eventId}">`);
    expect(html).toContain('council clock setting: judges the measures, not on the timeline');
    expect(html).toContain('organisation-council-1: the clock settings of the councils whose concerns are here (1 event carried only to keep a chain whole)');
  });
});
