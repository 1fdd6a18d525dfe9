import type { CommentTopic } from '../events/record.events';

/** The fields every stream's comment command carries; each stream adds its kind and record id. */
export interface CommentFields {
  commentId: string;
  topic: CommentTopic;
  text: string;
  occurredAt: string;
}

/** Corrects an earlier event of the same stream; `changes` holds only the corrected fields of its data. */
export interface CorrectionFields {
  targetEventId: string;
  reason: string;
  changes: Record<string, unknown>;
  occurredAt: string;
}

/** Withdraws an earlier event of the same stream that was recorded in error. */
export interface RetractionFields {
  targetEventId: string;
  reason: string;
  occurredAt: string;
}
