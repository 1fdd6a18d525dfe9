import fc from 'fast-check';
import type { Recorded } from '../shared/decider';
import { evolveRecordLog, initialRecordLog, isRetracted, effectiveData, type RecordLog } from './record-log';

/*
 * evolveRecordLog shares storage between successive logs (issue 12: it used to copy every earlier
 * entry per event). These tests hold it to the old semantics: each log reads exactly as a log built
 * by copying would, and no log changes when a later event is folded, onto it or onto another.
 */

const actor = { userId: 'u-1', organisationId: 'org-1', role: 'qa_officer' } as const;
let sequence = 0;
const event = (type: string, data: Record<string, unknown>, eventId = `evt-${(sequence += 1)}`): Recorded =>
  ({
    type,
    data,
    eventId,
    occurredAt: '2026-01-05T10:00:00.000Z',
    recordedAt: '2026-01-05T10:00:00.000Z',
    streamVersion: sequence,
    actor,
  }) as unknown as Recorded;
const comment = (text: string, eventId?: string) => event('CommentRecorded', { commentId: `c-${text}`, party: 'council', topic: 'general', text }, eventId);
const correction = (targetEventId: string, changes: Record<string, unknown>, eventId?: string) =>
  event('EntryCorrected', { targetEventId, targetType: 'CommentRecorded', reason: 'typo', changes }, eventId);
const retraction = (targetEventId: string, eventId?: string) =>
  event('EntryRetracted', { targetEventId, targetType: 'CommentRecorded', reason: 'in error' }, eventId);

/** The evolve as it was before issue 12 (copying): the reference every log must read as. */
function copyingEvolve(log: RecordLog, e: Recorded): RecordLog {
  const entry = {
    eventId: e.eventId,
    type: e.type,
    organisationId: e.actor.organisationId,
    occurredAt: e.occurredAt,
    fields: Object.keys(e.data),
    data: e.data as Record<string, unknown>,
  };
  const next: RecordLog = { ...log, entries: { ...log.entries, [e.eventId]: entry } };
  const by = { eventId: e.eventId, organisationId: e.actor.organisationId, at: e.occurredAt };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const data = e.data as any;
  switch (e.type) {
    case 'CommentRecorded':
      return { ...next, comments: [...log.comments, { ...by, ...data }] };
    case 'EntryCorrected':
      return {
        ...next,
        corrections: {
          ...log.corrections,
          [data.targetEventId]: [...(log.corrections[data.targetEventId] ?? []), { ...by, reason: data.reason, changes: data.changes }],
        },
      };
    case 'EntryRetracted':
      return { ...next, retractions: { ...log.retractions, [data.targetEventId]: { ...by, reason: data.reason } } };
    default:
      return next;
  }
}
const plainInitial = (): RecordLog => ({ entries: {}, comments: [], corrections: {}, retractions: {} });
/** What a reader, JSON and a snapshot see of a log. */
const seen = (log: RecordLog): unknown => JSON.parse(JSON.stringify(log));

describe('record log: O(1) evolve keeps every earlier log as it was', () => {
  it('reads as the copying fold: entries in order, comments, corrections oldest first, retractions', () => {
    const events = [
      comment('a', 'e1'),
      comment('b', 'e2'),
      correction('e1', { text: 'A' }, 'e3'),
      correction('e1', { text: 'AA' }, 'e4'),
      retraction('e2', 'e5'),
    ];
    const log = events.reduce(evolveRecordLog, initialRecordLog());
    expect(log).toEqual(events.reduce(copyingEvolve, plainInitial()));
    expect(Object.keys(log.entries)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(log.comments.map((c) => c.text)).toEqual(['a', 'b']);
    expect(log.corrections.e1.map((c) => c.changes)).toEqual([{ text: 'A' }, { text: 'AA' }]);
    expect(isRetracted(log, 'e2')).toBe(true);
    expect(isRetracted(log, 'e1')).toBe(false);
    expect(effectiveData(log, 'e1')).toMatchObject({ text: 'AA' });
    expect(log.entries.missing).toBeUndefined();
    expect('e3' in log.entries).toBe(true);
  });

  it('leaves every earlier log exactly as it read when made, however many events follow', () => {
    const events = [comment('a', 'k1'), comment('b', 'k2'), correction('k1', { text: 'x' }), retraction('k2'), correction('k1', { text: 'y' }), comment('c')];
    const logs: RecordLog[] = [initialRecordLog()];
    const readThen: unknown[] = [seen(logs[0])];
    for (const e of events) {
      logs.push(evolveRecordLog(logs[logs.length - 1], e));
      readThen.push(seen(logs[logs.length - 1]));
    }
    expect(logs.map(seen)).toEqual(readThen);
    expect(logs[2].corrections).toEqual({});
    expect(logs[3].corrections.k1.map((c) => c.changes)).toEqual([{ text: 'x' }]);
    expect(isRetracted(logs[3], 'k2')).toBe(false);
    expect(logs[2].comments.map((c) => c.text)).toEqual(['a', 'b']);
  });

  it('folds one log twice with different events (a fork) without either seeing the other', () => {
    const base = [comment('a', 'f1'), comment('b', 'f2')].reduce(evolveRecordLog, initialRecordLog());
    const before = seen(base);
    const left = evolveRecordLog(evolveRecordLog(base, comment('left', 'f3')), correction('f1', { text: 'L' }, 'f4'));
    const right = evolveRecordLog(evolveRecordLog(base, retraction('f1', 'f3')), comment('right', 'f5'));
    const leftMore = evolveRecordLog(left, comment('left again', 'f6'));
    expect(seen(base)).toEqual(before);
    expect(left.comments.map((c) => c.text)).toEqual(['a', 'b', 'left']);
    expect(leftMore.comments.map((c) => c.text)).toEqual(['a', 'b', 'left', 'left again']);
    expect(right.comments.map((c) => c.text)).toEqual(['a', 'b', 'right']);
    expect(right.entries.f3.type).toBe('EntryRetracted');
    expect(left.entries.f3.type).toBe('CommentRecorded');
    expect(Object.keys(right.entries)).toEqual(['f1', 'f2', 'f3', 'f5']);
    expect(isRetracted(left, 'f1')).toBe(false);
    expect(right.corrections).toEqual({});
  });

  it('takes in a plain log (a snapshot read back from JSON) and folds on from it', () => {
    const events = [comment('a', 'p1'), correction('p1', { text: 'A' }, 'p2'), retraction('p1', 'p3')];
    const fromJson = JSON.parse(JSON.stringify(events.slice(0, 2).reduce(evolveRecordLog, initialRecordLog()))) as RecordLog;
    expect(evolveRecordLog(fromJson, events[2])).toEqual(events.reduce(copyingEvolve, plainInitial()));
    expect(fromJson).toEqual(events.slice(0, 2).reduce(copyingEvolve, plainInitial()));
  });

  it('refuses writes to a log: a log is a value', () => {
    const log = evolveRecordLog(initialRecordLog(), comment('a', 'w1'));
    expect(() => {
      (log.entries as Record<string, unknown>).w2 = {};
    }).toThrow(TypeError);
    expect(() => delete (log.entries as Record<string, unknown>).w1).toThrow(TypeError);
    expect(Object.keys(log.entries)).toEqual(['w1']);
  });

  it('property: random histories with forks read as the copying fold, and no earlier log ever changes', () => {
    type Step =
      { kind: 'comment' } | { kind: 'correct'; target: number } | { kind: 'retract'; target: number } | { kind: 'other' } | { kind: 'fork'; back: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.constant<Step>({ kind: 'comment' }),
      fc.constant<Step>({ kind: 'other' }),
      fc.nat(40).map<Step>((target) => ({ kind: 'correct', target })),
      fc.nat(40).map<Step>((target) => ({ kind: 'retract', target })),
      fc.nat(20).map<Step>((back) => ({ kind: 'fork', back })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        // Each line: the logs (fast and copying) after each event, and what each read when made.
        const fast: RecordLog[] = [initialRecordLog()];
        const slow: RecordLog[] = [plainInitial()];
        const ids: string[] = [];
        const made: unknown[] = [seen(fast[0])];
        let at = 0;
        for (const s of steps) {
          if (s.kind === 'fork') {
            at = Math.max(0, at - s.back);
            continue;
          }
          const target = ids.length > 0 ? ids[('target' in s ? s.target : 0) % ids.length] : 'nothing';
          const e =
            s.kind === 'comment'
              ? comment(`t${sequence}`)
              : s.kind === 'correct'
                ? correction(target, { text: `fix ${sequence}` })
                : s.kind === 'retract'
                  ? retraction(target)
                  : event('VisitConducted', { n: sequence });
          ids.push(e.eventId);
          fast.push(evolveRecordLog(fast[at], e));
          slow.push(copyingEvolve(slow[at], e));
          made.push(seen(fast[fast.length - 1]));
          at = fast.length - 1;
        }
        expect(fast.map(seen)).toEqual(made);
        expect(fast.map(seen)).toEqual(slow.map(seen));
        fast.forEach((log, i) => expect(Object.keys(log.entries)).toEqual(Object.keys(slow[i].entries)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('record log: a correction or retraction naming no event id', () => {
  it('is kept as an entry and indexes nothing, so the log still reads (found by the projection-faults property)', () => {
    const first = comment('first');
    let log = evolveRecordLog(initialRecordLog(), first);
    for (const target of [{ toString: 1 }, 7, null, ['evt']]) {
      log = evolveRecordLog(log, correction(target as never, { text: 'x' }));
      log = evolveRecordLog(log, retraction(target as never));
    }
    expect(Object.keys(log.entries)).toHaveLength(9);
    expect(Object.values(log.corrections)).toEqual([]);
    expect(Object.keys(log.retractions)).toEqual([]);
    expect(effectiveData(log, first.eventId)).toEqual(first.data);
  });
});
