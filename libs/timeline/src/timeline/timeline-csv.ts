import type { TimelineEntry } from './timeline-entry';

/** The CSV columns, in order: both dates, the party, the kind, the summary, links and flags; then the PAMMS/CQC tags (space-separated). */
export const TIMELINE_CSV_COLUMNS = [
  'occurredAt',
  'recordedAt',
  'occurredOn',
  'recordedOn',
  'party',
  'kind',
  'summary',
  'category',
  'concernId',
  'serviceId',
  'recordedLate',
  'correctedBy',
  'summaryAfterCorrection',
  'retractedBy',
  'supersededBy',
  'eventId',
  'streamId',
  'globalPosition',
  'tags',
] as const;

/**
 * RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, quotes doubled; lines end
 * with CRLF. A field a spreadsheet would run as a formula (= + - @ or a tab/CR first) is prefixed
 * with an apostrophe, since officers open these files in Excel.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(entry: TimelineEntry): unknown[] {
  const { flags, links } = entry;
  return [
    entry.occurredAt,
    entry.recordedAt,
    entry.occurredOn,
    entry.recordedOn,
    entry.party,
    entry.kind,
    entry.summary,
    entry.category,
    links.concernId,
    links.serviceId,
    flags.recordedLate ? 'yes' : 'no',
    flags.corrected?.byEventIds.join(' '),
    flags.corrected?.summaryAfterCorrection,
    flags.retracted?.byEventId,
    flags.superseded?.byEventId,
    entry.eventId,
    entry.streamId,
    entry.globalPosition,
    entry.tags?.join(' '),
  ];
}

export function timelineToCsv(entries: readonly TimelineEntry[]): string {
  return [TIMELINE_CSV_COLUMNS, ...entries.map(row)].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
