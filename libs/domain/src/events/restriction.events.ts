import type { Party } from '../shared/primitives';
import type { CommentTopic } from './record.events';

/** The kinds of entry that may be restricted when recorded (docs/restricted-entries.md). */
export const RESTRICTABLE_KINDS = ['comment'] as const;
export type RestrictableKind = (typeof RESTRICTABLE_KINDS)[number];

/** A restricted comment's content: what only the named organisations read. */
export interface RestrictedCommentContent {
  topic: CommentTopic;
  text: string;
}

/**
 * An entry recorded for named organisations only (police material, a whistleblower's account). Its
 * content is sealed: the event's hash covers the content's digest, so a reader outside `restrictedTo`
 * is given the event with the content withheld and can still check the chain. `restrictedTo` always
 * holds the recording organisation. The digest is added on the way to the store (the domain hashes
 * nothing); recorded events carry it.
 */
export interface RestrictedEntryRecorded {
  type: 'RestrictedEntryRecorded';
  data: {
    entryId: string;
    kind: RestrictableKind;
    party: Party;
    restrictedTo: string[];
    sealed: { digest?: string; content?: RestrictedCommentContent };
  };
}

/**
 * A restriction lifted for more organisations: the disclosure log. Who lifted it is the actor, when
 * is occurredAt (and recordedAt), to whom is `disclosedTo`. The restricted entry itself never changes.
 */
export interface EntryRestrictionLifted {
  type: 'EntryRestrictionLifted';
  data: { targetEventId: string; disclosedTo: string[]; reason: string };
}
