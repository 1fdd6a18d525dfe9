import { isRetracted, restrictedReaders, type RecordLog } from '@caretrail/domain';
import { humanise } from '../rendering/nunjucks-environment';

/** One lift of a restriction: the disclosure log (who, when, to whom, why). */
export interface DisclosureView {
  eventId: string;
  at: string;
  by: string;
  to: string[];
  reason: string;
}

/** A restricted entry as a case file shows it to one reader (docs/restricted-entries.md). */
export interface RestrictedEntryView {
  eventId: string;
  kind: string;
  party: string;
  at: string;
  restrictedTo: string[];
  /** Whether the reader's organisation may read the content (restricted to it, or disclosed to it since). */
  readable: boolean;
  /** The content, only when readable. */
  content: { topic: string; text: string } | null;
  retracted: string | null;
  disclosures: DisclosureView[];
  /** The form lifting its restriction, for the organisation that recorded it (none in a replay or once withdrawn). */
  liftHref: string | null;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Whether `organisationId` may read the restricted entry's content: judged on the live record's log. */
export const mayReadRestricted = (live: RecordLog, eventId: string, organisationId: string): boolean =>
  restrictedReaders(live, eventId).includes(organisationId);

/** The sealed content of a restricted entry as recorded (only ever shown to its readers). */
export function sealedContentOf(data: Record<string, unknown>): { topic: string; text: string } | null {
  const sealed = data['sealed'] as { content?: { topic?: unknown; text?: unknown } } | undefined;
  const content = sealed && typeof sealed === 'object' ? sealed.content : undefined;
  return content && typeof content === 'object' ? { topic: str(content.topic), text: str(content.text) } : null;
}

/**
 * The record's restricted entries, oldest first, as `organisationId` may see them: every reader sees
 * that each exists, when, its kind, party and to whom it is restricted, and its disclosure log; only its
 * readers see its content. `log` is the record as shown (a replay's), `live` judges who reads.
 */
export function restrictedEntriesFor(
  log: RecordLog,
  live: RecordLog,
  organisationId: string,
  nameOf: (id: string) => string,
  liftHref: ((eventId: string) => string) | null,
): RestrictedEntryView[] {
  const entries = Object.values(log.entries);
  return entries
    .filter((e) => e.type === 'RestrictedEntryRecorded')
    .map((e) => {
      const readable = mayReadRestricted(live, e.eventId, organisationId);
      const content = readable ? sealedContentOf(e.data) : null;
      const retracted = log.retractions[e.eventId]?.reason ?? null;
      return {
        eventId: e.eventId,
        kind: humanise(str(e.data['kind'])),
        party: humanise(str(e.data['party'])),
        at: e.occurredAt,
        restrictedTo: ids(e.data['restrictedTo']).map(nameOf),
        readable,
        content: content && { topic: humanise(content.topic).toLowerCase(), text: content.text },
        retracted,
        disclosures: entries
          .filter((d) => d.type === 'EntryRestrictionLifted' && d.data['targetEventId'] === e.eventId)
          .map((d) => ({
            eventId: d.eventId,
            at: d.occurredAt,
            by: nameOf(d.organisationId),
            to: ids(d.data['disclosedTo']).map(nameOf),
            reason: str(d.data['reason']),
          })),
        liftHref: liftHref && e.organisationId === organisationId && !isRetracted(live, e.eventId) ? liftHref(e.eventId) : null,
      };
    });
}
