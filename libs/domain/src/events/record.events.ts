import type { Party } from '../shared/primitives';

export const COMMENT_TOPICS = ['general', 'proportionality', 'progress', 'disagreement', 'context'] as const;
export type CommentTopic = (typeof COMMENT_TOPICS)[number];

/** A party's comment on a record (a concern or a service), kept beside it on the timeline. */
export interface CommentRecorded {
  type: 'CommentRecorded';
  data: { commentId: string; party: Party; topic: CommentTopic; text: string };
}

/**
 * Corrects an earlier event of the same stream. The original stays; readers show both.
 * `changes` holds the corrected fields of the target's data only.
 */
export interface EntryCorrected {
  type: 'EntryCorrected';
  data: { targetEventId: string; targetType: string; reason: string; changes: Record<string, unknown> };
}

/** Withdraws an earlier event of the same stream (it was recorded in error). The original stays. */
export interface EntryRetracted {
  type: 'EntryRetracted';
  data: { targetEventId: string; targetType: string; reason: string };
}
