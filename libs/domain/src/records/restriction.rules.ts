import type { DomainActor, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import type { Party } from '../shared/primitives';
import { isBlank, requireText } from '../shared/text-rules';
import type { CommentFields } from './record.commands';
import { isRetracted, type RecordLog } from './record-log';

/** How many organisations one restriction or disclosure may name. */
export const MAX_RESTRICTED_TO = 20;

/** Lifts a restriction for more organisations (the disclosure log). */
export interface LiftRestrictionFields {
  targetEventId: string;
  disclosedTo: string[];
  reason: string;
  occurredAt: string;
}

function organisationList(ids: unknown, field: string): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || isBlank(id))) {
    throw new DomainRuleError('restriction-organisations', `${field} names organisations by their ids`);
  }
  const unique = [...new Set(ids as string[])];
  if (unique.length > MAX_RESTRICTED_TO) {
    throw new DomainRuleError('restriction-organisations', `${field} names at most ${MAX_RESTRICTED_TO} organisations`);
  }
  return unique;
}

/**
 * A comment restricted to named organisations when it is recorded. The recording organisation is
 * always one of them (it can read what it wrote); naming only itself is allowed (a whistleblower's
 * account kept by the council alone).
 */
export function decideRestrictedComment(command: CommentFields, restrictedTo: readonly string[], party: Party, actor: DomainActor): Occurred[] {
  requireText(command.text, 'comment-text-required', 'A comment needs some text');
  const named = organisationList(restrictedTo, 'restrictedTo');
  const to = [actor.organisationId, ...named.filter((id) => id !== actor.organisationId)];
  return [
    {
      type: 'RestrictedEntryRecorded',
      occurredAt: command.occurredAt,
      data: { entryId: command.commentId, kind: 'comment', party, restrictedTo: to, sealed: { content: { topic: command.topic, text: command.text } } },
    },
  ];
}

/** The organisations an entry is readable by now: those it was restricted to and every disclosure since. */
export function restrictedReaders(log: RecordLog, eventId: string): string[] {
  const entry = log.entries[eventId];
  if (!entry || entry.type !== 'RestrictedEntryRecorded') return [];
  const readers = new Set(entry.data['restrictedTo'] as string[]);
  for (const e of Object.values(log.entries)) {
    if (e.type === 'EntryRestrictionLifted' && e.data['targetEventId'] === eventId) for (const id of e.data['disclosedTo'] as string[]) readers.add(id);
  }
  return [...readers];
}

/**
 * Only the organisation that recorded a restricted entry lifts its restriction (it answers to the
 * source), for organisations that cannot read it yet, with a reason; the lift is the disclosure log.
 */
export function decideLiftRestriction(command: LiftRestrictionFields, log: RecordLog, actor: DomainActor): Occurred[] {
  const target = log.entries[command.targetEventId];
  if (!target || target.type !== 'RestrictedEntryRecorded') {
    // Someone who recorded nothing here learns nothing, not even whether an entry id exists.
    if (!Object.values(log.entries).some((e) => e.organisationId === actor.organisationId)) {
      throw new WrongPartyError('only-recorder-lifts-restriction', 'Only the organisation that recorded a restricted entry may lift its restriction');
    }
    throw new DomainRuleError('restriction-target', `No restricted entry ${command.targetEventId} in this record`);
  }
  if (target.organisationId !== actor.organisationId) {
    throw new WrongPartyError('only-recorder-lifts-restriction', 'Only the organisation that recorded a restricted entry may lift its restriction');
  }
  if (isRetracted(log, target.eventId)) {
    throw new DomainRuleError('entry-already-retracted', `Entry ${target.eventId} has been retracted`);
  }
  requireText(command.reason, 'restriction-lift-reason-required', 'Lifting a restriction needs a reason');
  const named = organisationList(command.disclosedTo, 'disclosedTo');
  const readers = new Set(restrictedReaders(log, target.eventId));
  const disclosedTo = named.filter((id) => !readers.has(id));
  if (disclosedTo.length === 0) {
    throw new DomainRuleError('restriction-lift-new-readers', 'disclosedTo names no organisation that cannot already read the entry');
  }
  return [{ type: 'EntryRestrictionLifted', occurredAt: command.occurredAt, data: { targetEventId: target.eventId, disclosedTo, reason: command.reason } }];
}
