import type { ConcernCategory, Instant, LocalDate, Party } from '@caretrail/domain';

/** The side an entry speaks for; administrators act on no side. */
export type TimelineParty = Party | 'admin';

export interface TimelineLinks {
  concernId?: string;
  serviceId?: string;
  providerId?: string;
  councilId?: string;
  contractId?: string;
  organisationId?: string;
  actionId?: string;
  planVersion?: number;
  /** For a correction or retraction: the entry it acts on. */
  targetEventId?: string;
}

export interface CorrectedFlag {
  /** The standing corrections, oldest first; each is also an entry of its own. */
  byEventIds: string[];
  reasons: string[];
  /** The corrected fields as they now stand (later corrections win). */
  changes: Record<string, unknown>;
  /** The one-line summary with the corrections applied, to show beside the original. */
  summaryAfterCorrection: string;
}

export interface TimelineFlags {
  /** Recorded more than the late-record threshold (default 2 working days) after it happened. */
  recordedLate: boolean;
  /** Working days from the London date it happened to the London date it was recorded. */
  recordedWorkingDaysAfter: number;
  corrected: CorrectedFlag | null;
  retracted: { byEventId: string; reason: string } | null;
  /** A plan version (its submission or acceptance) replaced by a later accepted version. */
  superseded: { byEventId: string; byVersion: number } | null;
  /**
   * Present (true) only on the entry of an event the timeline could not read: the other entries are
   * built without it (a correction that cannot be read is not applied). Absent on every other entry.
   */
  unreadable?: true;
}

export interface TimelineEntry {
  eventId: string;
  streamId: string;
  globalPosition: number;
  occurredAt: Instant;
  recordedAt: Instant;
  occurredOn: LocalDate;
  recordedOn: LocalDate;
  party: TimelineParty;
  /** The event type. */
  kind: string;
  summary: string;
  /** The concern's category (as corrected), for entries of a concern. */
  category: ConcernCategory | null;
  /**
   * PAMMS standards and CQC quality statements the entry is tagged with (a visit's findings, a plan
   * version's actions), as corrected. Present only on entries that carry tags.
   */
  tags?: string[];
  links: TimelineLinks;
  flags: TimelineFlags;
}
