import type { DomainActor, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import type { Party } from '../shared/primitives';
import { requireText } from '../shared/text-rules';
import type { CommentFields, CorrectionFields, RetractionFields } from './record.commands';
import { isRetracted, type LoggedEntry, type RecordLog } from './record-log';

/**
 * Comments, corrections and retractions, the same on every stream. Each stream decides who may
 * comment (its parties differ); who may correct is the same everywhere: whoever recorded the entry.
 */
export function decideComment(command: CommentFields, party: Party): Occurred[] {
  requireText(command.text, 'comment-text-required', 'A comment needs some text');
  return [
    {
      type: 'CommentRecorded',
      occurredAt: command.occurredAt,
      data: { commentId: command.commentId, party, topic: command.topic, text: command.text },
    },
  ];
}

export function decideCorrection(command: CorrectionFields, log: RecordLog, actor: DomainActor): Occurred[] {
  const target = correctableTarget(command.targetEventId, log, actor, 'correct');
  requireText(command.reason, 'correction-reason-required', 'A correction needs a reason');
  const fields = Object.keys(command.changes ?? {});
  if (fields.length === 0) {
    throw new DomainRuleError('correction-changes-required', 'A correction names at least one corrected field');
  }
  const unknown = fields.filter((f) => !target.fields.includes(f));
  if (unknown.length > 0) {
    throw new DomainRuleError(
      'correction-changes-known-fields',
      `A ${target.type} has no field ${unknown.join(', ')}; a correction changes only fields of the entry`,
    );
  }
  // Ids tie records together; a wrong id is a wrong entry, to retract and record again.
  const ids = fields.filter((f) => /Ids?$/.test(f));
  if (ids.length > 0) {
    throw new DomainRuleError('correction-cannot-change-ids', `${ids.join(', ')} cannot be corrected; retract the entry instead`);
  }
  return [
    {
      type: 'EntryCorrected',
      occurredAt: command.occurredAt,
      data: { targetEventId: target.eventId, targetType: target.type, reason: command.reason, changes: command.changes },
    },
  ];
}

export function decideRetraction(command: RetractionFields, log: RecordLog, actor: DomainActor): Occurred[] {
  const target = correctableTarget(command.targetEventId, log, actor, 'retract');
  requireText(command.reason, 'correction-reason-required', 'A retraction needs a reason');
  return [
    {
      type: 'EntryRetracted',
      occurredAt: command.occurredAt,
      data: { targetEventId: target.eventId, targetType: target.type, reason: command.reason },
    },
  ];
}

function correctableTarget(targetEventId: string, log: RecordLog, actor: DomainActor, verb: string): LoggedEntry {
  const target = log.entries[targetEventId];
  // Someone who never recorded here learns nothing, not even whether an entry id exists.
  if (!Object.values(log.entries).some((e) => e.organisationId === actor.organisationId)) {
    throw new WrongPartyError('only-recorder-corrects', `Only the organisation that recorded an entry may ${verb} it`);
  }
  if (!target) {
    throw new DomainRuleError('correction-target-in-stream', `No entry ${targetEventId} in this record to ${verb}`);
  }
  if (target.organisationId !== actor.organisationId) {
    throw new WrongPartyError('only-recorder-corrects', `Only the organisation that recorded an entry may ${verb} it`);
  }
  if (target.type === 'EntryRetracted') {
    throw new DomainRuleError('cannot-target-retraction', 'A retraction stands; it cannot be corrected or retracted');
  }
  if (isRetracted(log, targetEventId)) {
    throw new DomainRuleError('entry-already-retracted', `Entry ${targetEventId} has already been retracted`);
  }
  return target;
}
