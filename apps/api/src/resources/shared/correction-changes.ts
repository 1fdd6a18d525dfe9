import { BadRequestException } from '@nestjs/common';
import { correctableFieldsOf, correctionFieldProblems, type RecordLog } from '@caretrail/domain';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import {
  PlanUpdateDto,
  CompletionClaimDto,
  DueDateRevisionDto,
  RequestActionPlanDto,
  ReturnActionPlanDto,
  SubmitActionPlanDto,
  VerificationDto,
  VerificationRejectionDto,
} from '../action-plans/action-plans.dto';
import {
  AcknowledgeConcernDto,
  CloseConcernDto,
  EscalationDto,
  NotifyConcernDto,
  RaiseConcernDto,
  ReasonDto,
  ReviewMeetingDto,
} from '../concerns/concerns.dto';
import { EscalateDto, SuspendPlacementsDto } from '../concerns/decision-log.dto';
import { AwardContractDto, DefaultNoticeDto, EndContractDto, ExtendContractDto } from '../contracts/contracts.dto';
import { EnforcementActionDto, PublishRatingDto } from '../ratings/ratings.dto';
import {
  AppointManagerDto,
  ManagerAbsenceDto,
  ManagerLeftDto,
  ManagerRegisteredDto,
  ManagerReturnDto,
  RegisterServiceDto,
  ServiceIdentifiersDto,
} from '../services/services.dto';
import { CommentDto, CorrectionDto } from './record-entries.dto';
import { VisitDto } from './visit.dto';

/**
 * The request each kind of entry was recorded with: a correction's changed fields are validated by
 * the same class-validator rules (which fields may change at all is the domain's table,
 * CORRECTABLE_FIELDS; docs/corrections.md lists both).
 */
export const ORIGINAL_REQUEST: Readonly<Record<string, new () => object>> = {
  ServiceRegistered: RegisterServiceDto,
  ServiceIdentifiersRecorded: ServiceIdentifiersDto,
  ManagerAppointed: AppointManagerDto,
  ManagerLeft: ManagerLeftDto,
  ManagerRegistered: ManagerRegisteredDto,
  ManagerAbsenceNotified: ManagerAbsenceDto,
  ManagerReturnedFromAbsence: ManagerReturnDto,
  RatingPublished: PublishRatingDto,
  EnforcementActionRecorded: EnforcementActionDto,
  ContractAwarded: AwardContractDto,
  ContractExtended: ExtendContractDto,
  ContractEnded: EndContractDto,
  DefaultNoticeIssued: DefaultNoticeDto,
  ConcernRaised: RaiseConcernDto,
  ConcernNotifiedToProvider: NotifyConcernDto,
  ConcernAcknowledged: AcknowledgeConcernDto,
  ConcernEscalated: EscalateDto,
  ConcernDeescalated: EscalationDto,
  PlacementsSuspended: SuspendPlacementsDto,
  PlacementsResumed: ReasonDto,
  ConcernClosed: CloseConcernDto,
  ConcernReopened: ReasonDto,
  ActionPlanRequested: RequestActionPlanDto,
  ActionPlanSubmitted: SubmitActionPlanDto,
  ActionPlanReturned: ReturnActionPlanDto,
  PlanUpdateSubmitted: PlanUpdateDto,
  ActionDueDateRevised: DueDateRevisionDto,
  ActionCompletionClaimed: CompletionClaimDto,
  ActionVerified: VerificationDto,
  ActionVerificationRejected: VerificationRejectionDto,
  VisitConducted: VisitDto,
  ReviewMeetingHeld: ReviewMeetingDto,
  CommentRecorded: CommentDto,
  EntryCorrected: CorrectionDto,
};

export interface FieldErrors {
  field: string;
  messages: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function flatten(errors: ValidationError[], prefix: string): FieldErrors[] {
  return errors.flatMap((e) => {
    const field = `${prefix}.${e.property}`;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Every problem with a correction's changes to an entry of this type, field by field: fields a
 * correction may not change, then each changed field against the original request's rules and the
 * domain's shape for it. A correction of a correction has its new changes checked against the entry
 * that correction was of.
 */
export async function correctionChangeErrors(
  target: { type: string; data: Record<string, unknown> },
  changes: unknown,
  entryOf: (eventId: string) => { type: string; data: Record<string, unknown> } | undefined,
  prefix = 'changes',
): Promise<FieldErrors[]> {
  if (!isObject(changes)) return [];
  const correctable = correctableFieldsOf(target.type);
  const changed = Object.keys(changes).filter((f) => correctable.includes(f));
  const request = ORIGINAL_REQUEST[target.type];
  const byRequest = request
    ? flatten(
        (await validate(plainToInstance(request, changes), { whitelist: true, forbidNonWhitelisted: true })).filter((e) => changed.includes(e.property)),
        prefix,
      )
    : [];
  const named = (field: string) => byRequest.some((e) => e.field === `${prefix}.${field}` || e.field.startsWith(`${prefix}.${field}.`));
  const byDomain = correctionFieldProblems(target.type, changes)
    .filter((p) => !named(p.field))
    .map((p) => ({ field: `${prefix}.${p.field}`, messages: [`${p.field} ${p.problem}`] }));
  const errors = [...byRequest, ...byDomain];
  if (errors.length > 0 || target.type !== 'EntryCorrected' || !('changes' in changes)) return errors;
  const original = entryOf(String(target.data.targetEventId));
  return original ? correctionChangeErrors(original, changes.changes, entryOf, `${prefix}.changes`) : [];
}

/**
 * The changes of a correction its recorder asks for, checked against the entry it targets (found in
 * the record's log, which keeps each entry's data). Anyone else is left to the domain's refusal, so
 * nobody learns about an entry they did not record.
 */
export async function correctionRequestErrors(
  log: RecordLog,
  dto: Pick<CorrectionDto, 'targetEventId' | 'changes'>,
  organisationId: string,
): Promise<FieldErrors[]> {
  const target = log.entries[dto.targetEventId];
  if (!target || target.organisationId !== organisationId) return [];
  return correctionChangeErrors(target, dto.changes, (eventId) => log.entries[eventId]);
}

/** The 400 a correction request gets when its changes break the rules of the entry's own request. */
export function assertNoCorrectionErrors(errors: FieldErrors[]): void {
  if (errors.length === 0) return;
  throw new BadRequestException({
    message: `Invalid request: ${errors.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`,
    fields: errors,
  });
}
