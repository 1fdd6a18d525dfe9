import type { LoggedEntry, RecordLog } from '@caretrail/domain';
import { restrictedEntriesFor } from './restricted-entries.view';
import { timelineItem } from './timeline-items';

const COUNCIL = 'council-1';
const PROVIDER = 'provider-1';
const REGULATOR = 'regulator-1';
const NAMES: Record<string, string> = { [COUNCIL]: 'Northshire County Council', [PROVIDER]: 'Hollybank Support Trust', [REGULATOR]: 'Care Quality Commission' };
const nameOf = (id: string) => NAMES[id] ?? `Organisation ${id}`;

const entry = (eventId: string, type: string, organisationId: string, occurredAt: string, data: Record<string, unknown>): LoggedEntry => ({
  eventId,
  type,
  organisationId,
  occurredAt,
  fields: Object.keys(data),
  data,
});
const restricted = entry('evt-r', 'RestrictedEntryRecorded', COUNCIL, '2026-02-07T10:00:00.000Z', {
  entryId: 'c-1',
  kind: 'comment',
  party: 'council',
  restrictedTo: [COUNCIL, REGULATOR],
  sealed: { digest: 'a'.repeat(64), content: { topic: 'context', text: 'Police are investigating; do not alert the service' } },
});
const lifted = entry('evt-l', 'EntryRestrictionLifted', COUNCIL, '2026-03-01T10:00:00.000Z', {
  targetEventId: 'evt-r',
  disclosedTo: [PROVIDER],
  reason: 'Police have closed the investigation',
});
const logOf = (...entries: LoggedEntry[]): RecordLog => ({
  entries: Object.fromEntries(entries.map((e) => [e.eventId, e])),
  comments: [],
  corrections: {},
  retractions: {},
});

describe('restricted entries as each reader sees them (docs/restricted-entries.md)', () => {
  const before = logOf(restricted);
  const after = logOf(restricted, lifted);
  const lift = (id: string) => `/lift?target=${id}`;

  it('the organisations it is restricted to read its content; the provider sees only that it exists, when and to whom', () => {
    const [council] = restrictedEntriesFor(before, before, COUNCIL, nameOf, lift);
    expect(council).toMatchObject({
      readable: true,
      content: { topic: 'context', text: 'Police are investigating; do not alert the service' },
      restrictedTo: ['Northshire County Council', 'Care Quality Commission'],
      liftHref: '/lift?target=evt-r',
      disclosures: [],
    });
    expect(restrictedEntriesFor(before, before, REGULATOR, nameOf, lift)[0]).toMatchObject({ readable: true, liftHref: null });
    const [provider] = restrictedEntriesFor(before, before, PROVIDER, nameOf, lift);
    expect(provider).toMatchObject({ readable: false, content: null, kind: 'Comment', party: 'Council', at: '2026-02-07T10:00:00.000Z', liftHref: null });
    expect(JSON.stringify(provider)).not.toContain('Police are');
  });

  it('after a lift the provider reads it, and every reader sees the disclosure log: when, who, to whom, why', () => {
    const [provider] = restrictedEntriesFor(after, after, PROVIDER, nameOf, lift);
    expect(provider.readable).toBe(true);
    expect(provider.disclosures).toEqual([
      {
        eventId: 'evt-l',
        at: '2026-03-01T10:00:00.000Z',
        by: 'Northshire County Council',
        to: ['Hollybank Support Trust'],
        reason: 'Police have closed the investigation',
      },
    ]);
    // A replay to before the lift shows the record as it was, read by whom the live record allows.
    expect(restrictedEntriesFor(before, after, PROVIDER, nameOf, null)[0]).toMatchObject({ readable: true, disclosures: [], liftHref: null });
    expect(restrictedEntriesFor(after, after, 'council-2', nameOf, lift)[0]).toMatchObject({ readable: false, content: null });
  });

  it('on the timeline: the comment to its readers only; the lift names who lifted it and for whom', () => {
    const timelineEntry = (e: LoggedEntry, summary: string) =>
      ({
        eventId: e.eventId,
        kind: e.type,
        summary,
        party: 'council',
        occurredAt: e.occurredAt,
        recordedAt: e.occurredAt,
        occurredOn: e.occurredAt.slice(0, 10),
        recordedOn: e.occurredAt.slice(0, 10),
        links: [],
        flags: {},
      }) as unknown as Parameters<typeof timelineItem>[0];
    const shown = (who: string, e: LoggedEntry) =>
      timelineItem(timelineEntry(e, 'line'), { log: after, restricted: { organisationId: who, live: after, nameOf } }).html;
    expect(shown(REGULATOR, restricted)).toContain('Police are investigating');
    expect(shown(PROVIDER, restricted)).toContain('Police are investigating');
    expect(shown('council-2', restricted)).not.toContain('Police are');
    expect(shown('council-2', restricted)).toContain('Your organisation cannot read its content.');
    expect(shown('council-2', restricted)).toContain('<strong>Restricted to:</strong> Northshire County Council, Care Quality Commission');
    expect(shown('council-2', lifted)).toContain('<strong>Lifted by:</strong> Northshire County Council');
    expect(shown('council-2', lifted)).toContain('<strong>Disclosed to:</strong> Hollybank Support Trust');
    // Without a reader, nobody's content is shown.
    expect(timelineItem(timelineEntry(restricted, 'line'), { log: after }).html).not.toContain('Police are');
  });
});
