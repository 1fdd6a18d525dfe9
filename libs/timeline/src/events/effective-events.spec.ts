import { EventHistory } from '../testing/event-history';
import { concernRecord } from '../testing/concern-record';
import { effectiveEvents, evidenceIds, resolveCorrections } from './effective-events';

describe('effective events (corrections and retractions applied)', () => {
  it('applies a correction over the target data and keeps the original event out of nothing', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const update = c.update('2025-03-17', '2025-03-14');
    const fix = h.corrected('2025-03-18', update, { periodEnding: '2025-03-16' }, 'Wrong week');

    const effective = effectiveEvents(h.events);
    expect(effective).toHaveLength(1);
    expect(effective[0]).toMatchObject({ eventId: update.eventId, correctedBy: [fix.eventId] });
    expect(effective[0].data['periodEnding']).toBe('2025-03-16');
    expect(effective[0].data['summary']).toBe('Progress this week');
    expect(update.data['periodEnding']).toBe('2025-03-14'); // the stored event is untouched
  });

  it('applies several corrections oldest first, the later winning', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const update = c.update('2025-03-17', '2025-03-14');
    h.corrected('2025-03-18', update, { periodEnding: '2025-03-15' }, 'First try');
    h.corrected('2025-03-19', update, { periodEnding: '2025-03-16', summary: 'Better' }, 'Second try');
    expect(effectiveEvents(h.events)[0].data).toMatchObject({ periodEnding: '2025-03-16', summary: 'Better' });
  });

  it('drops a retracted event, and the correction and retraction events themselves', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const raised = c.raised('2025-03-03');
    const ack = c.acknowledged('2025-03-04');
    h.retracted('2025-03-05', ack, 'Recorded on the wrong concern');
    expect(effectiveEvents(h.events).map((e) => e.eventId)).toEqual([raised.eventId]);
  });

  it('a retracted correction no longer applies', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const update = c.update('2025-03-17', '2025-03-14');
    const fix = h.corrected('2025-03-18', update, { periodEnding: '2025-03-16' }, 'Wrong week');
    const undo = h.retracted('2025-03-19', fix, 'The week was right');
    expect(effectiveEvents(h.events)[0]).toMatchObject({ correctedBy: [] });
    expect(effectiveEvents(h.events)[0].data['periodEnding']).toBe('2025-03-14');
    expect(resolveCorrections(h.events).retractedBy.get(fix.eventId)).toMatchObject({ eventId: undo.eventId });
  });

  it('a corrected correction passes its corrected changes on', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const update = c.update('2025-03-17', '2025-03-14');
    const fix = h.corrected('2025-03-18', update, { periodEnding: '2025-03-15' }, 'Wrong week');
    const fixOfFix = h.corrected('2025-03-19', fix, { changes: { periodEnding: '2025-03-16' } }, 'Typo in the correction');
    const [effective] = effectiveEvents(h.events);
    expect(effective.data['periodEnding']).toBe('2025-03-16');
    expect(evidenceIds([effective])).toEqual([update.eventId, fix.eventId]);
    expect(resolveCorrections(h.events).correctedBy.get(fix.eventId)).toMatchObject([{ eventId: fixOfFix.eventId }]);
  });

  it('ignores corrections whose target is not among the events', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const update = c.update('2025-03-17', '2025-03-14');
    h.corrected('2025-03-18', update, { periodEnding: '2025-03-16' }, 'Wrong week');
    expect(effectiveEvents(h.events.slice(1))).toEqual([]);
  });
});
