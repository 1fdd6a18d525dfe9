import { isWithheld, sealedPartOf, withholdSealed, type RecordedEvent } from '@caretrail/event-store';

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The organisations each restricted entry (RestrictedEntryRecorded) is readable by among `events`:
 * those it was restricted to and those its restriction was lifted for since (EntryRestrictionLifted
 * of the same stream). docs/restricted-entries.md.
 */
export function restrictedEntryReaders(events: readonly RecordedEvent[]): Map<string, Set<string>> {
  const readers = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type === 'RestrictedEntryRecorded') readers.set(e.eventId, new Set(ids(e.data['restrictedTo'])));
  }
  for (const e of events) {
    if (e.type !== 'EntryRestrictionLifted') continue;
    const target = readers.get(String(e.data['targetEventId']));
    for (const id of ids(e.data['disclosedTo'])) target?.add(id);
  }
  return readers;
}

/**
 * The events as `organisationId` may be given them: a restricted entry it cannot read keeps its place,
 * dates, kind and hash, and its sealed content is withheld (the digest stays, so its chain still checks
 * offline). Every other event is returned as it is.
 */
export function withholdRestricted(events: readonly RecordedEvent[], organisationId: string): RecordedEvent[] {
  const readers = restrictedEntryReaders(events);
  return events.map((e) => {
    const may = readers.get(e.eventId);
    if (!may || may.has(organisationId) || !sealedPartOf(e.data)) return e;
    return { ...e, data: withholdSealed(e.data) };
  });
}

/** The events whose sealed content is withheld. */
export const withheldEventIds = (events: readonly RecordedEvent[]): string[] => events.filter((e) => isWithheld(e.data)).map((e) => e.eventId);
