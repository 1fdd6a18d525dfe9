import type { DomainActor, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import type { Party } from '../shared/primitives';
import { requireText } from '../shared/text-rules';
import type { CommentFields, CorrectionFields, RetractionFields } from './record.commands';
import { correctableFieldsOf, correctionFieldProblems } from './correctable-fields';
import { assertCorrectedEntry, type CorrectedEntry, type StreamCorrectionRules } from './correction-entry.rules';
import { effectiveData, isRetracted, type LoggedEntry, type RecordLog } from './record-log';

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

export function decideCorrection(command: CorrectionFields, log: RecordLog, actor: DomainActor, streamRules?: StreamCorrectionRules): Occurred[] {
  const target = correctableTarget(command.targetEventId, log, actor, 'correct');
  requireText(command.reason, 'correction-reason-required', 'A correction needs a reason');
  assertChanges({ target, changes: command.changes, prefix: 'changes', correctedAt: command.occurredAt, log, actor, streamRules });
  return [
    {
      type: 'EntryCorrected',
      occurredAt: command.occurredAt,
      data: { targetEventId: target.eventId, targetType: target.type, reason: command.reason, changes: command.changes },
    },
  ];
}

interface ChangesToCheck {
  target: LoggedEntry;
  changes: unknown;
  /** How the refusal names the fields: `changes`, or `changes.changes` for a corrected correction. */
  prefix: string;
  correctedAt: string;
  log: RecordLog;
  actor: DomainActor;
  streamRules?: StreamCorrectionRules;
  /** A correction whose changes these replace, left out of what the entry reads now. */
  replacing?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A correction is held to the rules of the command that recorded its target: only fields that a
 * correction may change on that type, each in the shape the command asks for, and the entry as it would
 * then read must keep the command's domain rules.
 */
function assertChanges({ target, changes, prefix, correctedAt, log, actor, streamRules, replacing }: ChangesToCheck): void {
  const fields = isObject(changes) ? Object.keys(changes) : [];
  if (!isObject(changes) || fields.length === 0) {
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
  const problems = correctionFieldProblems(target.type, changes);
  const said = (list: typeof problems) => list.map((p) => `${prefix}.${p.field} ${p.problem}`).join('; ');
  const fixed = problems.filter((p) => !correctableFieldsOf(target.type).includes(p.field));
  if (fixed.length > 0) throw new DomainRuleError('correction-field-correctable', said(fixed));
  if (problems.length > 0) throw new DomainRuleError('correction-field-valid', said(problems));

  if (target.type === 'EntryCorrected' && 'changes' in changes) {
    // New changes for a correction replace its old ones: checked as a correction of the original entry.
    const original = log.entries[target.data.targetEventId as string];
    if (!original) throw new DomainRuleError('correction-target-in-stream', `No entry ${String(target.data.targetEventId)} in this record to correct`);
    assertChanges({ target: original, changes: changes.changes, prefix: `${prefix}.changes`, correctedAt, log, actor, streamRules, replacing: target.eventId });
    return;
  }
  const before = effectiveData(log, target.eventId, replacing) ?? target.data;
  const entry: CorrectedEntry = {
    eventId: target.eventId,
    type: target.type,
    occurredAt: target.occurredAt,
    correctedAt,
    before,
    after: { ...before, ...changes },
    changed: fields,
    actor,
    log,
  };
  assertCorrectedEntry(entry);
  streamRules?.(entry);
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
