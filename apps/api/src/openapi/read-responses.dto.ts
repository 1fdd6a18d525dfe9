import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ACTION_STATUSES, CONCERN_CATEGORIES, CONCERN_SOURCES, RAG_SEVERITIES, type ConcernStatus, type PlanVersionStatus } from '@caretrail/domain';
import { EvidenceReferenceDto } from '../resources/shared/evidence-reference.dto';

/**
 * The OpenAPI schemas of what the reads answer. Top-level members are named and typed; the rich parts
 * folded from a record (plan versions, actions, measures by concern) are open objects described in
 * words: their shape follows the domain's state (libs/domain) and grows with it.
 */
const Id = (description: string, nullable = false) => ApiProperty({ type: 'string', format: 'uuid', nullable, description });
const Text = (description: string, nullable = false, extra: { enum?: string[] } = {}) => ApiProperty({ type: 'string', nullable, description, ...extra });
const Instant = (description: string, nullable = false) => ApiProperty({ type: 'string', format: 'date-time', nullable, description });
const Day = (description: string, nullable = false) => ApiProperty({ type: 'string', format: 'date', nullable, description });
const Int = (description: string, nullable = false) => ApiProperty({ type: 'integer', nullable, description });
const Bool = (description: string) => ApiProperty({ type: 'boolean', description });
const Open = (description: string, nullable = false) => ApiProperty({ type: 'object', additionalProperties: true, nullable, description });
const OpenList = (description: string) => ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description });

/** Every value of a union the domain has as a type only; tsc refuses the list once the union gains or loses one. */
const allOf =
  <T extends string>() =>
  <L extends readonly T[]>(values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): string[] => [...values];
const CONCERN_STATUSES = allOf<ConcernStatus>()(['raised', 'notified', 'acknowledged', 'closed'] as const);
const PLAN_VERSION_STATUSES = allOf<PlanVersionStatus>()(['submitted', 'returned', 'accepted', 'superseded'] as const);

/** Every record read: the record, its version (also the ETag) and the replay it shows, if any. */
class RecordViewDto {
  @Id('The record.')
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The record version shown (the ETag; send it as If-Match on a command).' })
  version!: number;

  @Day('The day asked for with asOf (the record as it stood at its end), or null for the live record.', true)
  asOf!: string | null;

  @Text('With asOf: recorded (what the record held by then) or occurred (what had happened by then); else null.', true, { enum: ['recorded', 'occurred'] })
  basis!: 'recorded' | 'occurred' | null;

  @Bool('Always true in an answer: a record that does not exist is 404.')
  exists!: boolean;

  @Instant('When the first entry of the record was recorded.', true)
  recordBeganAt!: string | null;
}

class PlanRequestViewDto {
  @Day('When the plan is due.') dueOn!: string;
  @Int('Days between expected updates once accepted.') updateCadenceDays!: number;
  @Int('Days after a period ends in which its update still counts as on time.') graceDays!: number;
  @Instant('When it was requested.') requestedAt!: string;
}

class PlannedActionViewDto {
  @Id('The action (kept across versions when revised).') actionId!: string;
  @Text('What will be done.') description!: string;
  @Text('Who owns it.') owner!: string;
  @Day('When it is due in this version.') dueOn!: string;
  @Text('How its success is measured.') measure!: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string' },
    description: 'PAMMS standards and CQC quality statements it addresses (docs/procedure.md); absent on actions recorded before tagging.',
  })
  tags?: string[];
}

class PlanVersionViewDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version number.' }) version!: number;
  @Text('The plan in a few lines.') summary!: string;
  @ApiProperty({ type: [PlannedActionViewDto], description: 'Its actions, in plan order.' }) actions!: PlannedActionViewDto[];
  @Instant('When it was submitted.') submittedAt!: string;
  @Text('Where it stands.', false, { enum: PLAN_VERSION_STATUSES }) status!: string;
  @ApiProperty({ type: [String], description: "The council's reasons when it was returned ([] otherwise)." }) returnedReasons!: string[];
  @Instant('When it was returned or accepted.', true) decidedAt!: string | null;
  @Instant('When a later accepted version superseded it.', true) supersededAt!: string | null;
}

class PlanActionViewDto {
  @Id('The action.') actionId!: string;
  @Text('What will be done.') description!: string;
  @Text('Who owns it.') owner!: string;
  @Text('How its success is measured.') measure!: string;
  @Day('The due date in force.') dueOn!: string;
  @Day('The due date first accepted (for the on-time rate).') originalDueOn!: string;
  @OpenList('Each revision of its due date: from, to, basis (agreed or unilateral), reason, when.') revisions!: object[];
  @Text('Where it stands.', false, { enum: [...ACTION_STATUSES] }) status!: string;
  @Bool('False once a later accepted version dropped it.') inAcceptedPlan!: boolean;
  @Instant('When completion was last claimed.', true) claimedAt!: string | null;
  @OpenList("The provider's completion claims: note, evidence, when.") claims!: object[];
  @Instant('When the council verified it.', true) verifiedAt!: string | null;
  @Text("The council's verification note.", true) verificationNote!: string | null;
  @OpenList('Claims the council rejected: reason, when.') rejections!: object[];
}

class PlanUpdateViewDto {
  @Id('The event that recorded it.') eventId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The plan version it reports on.' }) planVersion!: number;
  @Day('The last day of the period it covers.') periodEnding!: string;
  @Instant('When it was sent.') submittedAt!: string;
  @OpenList("Each action's progress: actionId, status (open or in_progress), note.") actions!: object[];
  @ApiProperty({ type: [EvidenceReferenceDto], description: 'Evidence referenced (names and SHA-256 digests).' }) evidence!: EvidenceReferenceDto[];
  @Text('The update in a few lines.') summary!: string;
}

@ApiExtraModels(PlanActionViewDto)
class ActionPlanViewDto {
  @ApiProperty({ type: PlanRequestViewDto, nullable: true, description: "The council's request, or null before one." }) requested!: PlanRequestViewDto | null;
  @ApiProperty({ type: [PlanVersionViewDto], description: 'Every version submitted, oldest first.' }) versions!: PlanVersionViewDto[];
  @Int('The version in force, or null before one is accepted.', true) acceptedVersion!: number | null;
  @Instant('The first acceptance under this request: updates fall due from it.', true) firstAcceptedAt!: string | null;
  @Open('The update schedule: accepted on, cadence and grace days.', true) schedule!: object | null;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(PlanActionViewDto) }, description: 'The actions in force, by action id.' })
  actions!: Record<string, PlanActionViewDto>;
  @ApiProperty({ type: [PlanUpdateViewDto], description: "The provider's updates, oldest first." }) updates!: PlanUpdateViewDto[];
  @Instant('When every action was verified, or null.', true) completedAt!: string | null;
  @Bool('The concern was reopened after this plan was requested: the council may request a fresh one.') reopenedSinceRequest!: boolean;
}

export class ConcernViewDto extends RecordViewDto {
  @Id('The concern.') concernId!: string;
  @Id('The service the concern is about.') serviceId!: string;
  @Id('The provider running the service.') providerId!: string;
  @Id('The council that raised it.') councilId!: string;
  @Id('The contract it was raised under.', true) contractId!: string | null;
  @Text('The category of concern (DESIGN.md).', false, { enum: [...CONCERN_CATEGORIES] }) category!: string;
  @Text('RAG severity.', false, { enum: [...RAG_SEVERITIES] }) severity!: string;
  @Text('Where the concern came from.', false, { enum: [...CONCERN_SOURCES] }) source!: string;
  @Text('What the concern is.') summary!: string;
  @Text('Where the concern is in its lifecycle.', false, { enum: CONCERN_STATUSES }) status!: string;
  @Text('The status it had before it was last closed (restored on reopening).', true, { enum: CONCERN_STATUSES }) statusBeforeClosure!: string | null;
  @Instant('When it was raised.') raisedAt!: string;
  @Instant('When the provider was notified.', true) notifiedAt!: string | null;
  @Text('How the provider was notified.', true) notificationMethod!: string | null;
  @Instant('When the provider acknowledged it.', true) acknowledgedAt!: string | null;
  @Text("The provider's acknowledgement note.", true) acknowledgementNote!: string | null;
  @Instant('When it was last closed; null while open.', true) closedAt!: string | null;
  @OpenList('Each closure: outcome, override reason, actions unverified at the time, when.') closures!: object[];
  @OpenList('Each reopening: reason and when.') reopenings!: object[];
  @ApiProperty({
    type: 'integer',
    enum: [0, 1, 2, 3],
    description: '0 routine, 1 enhanced monitoring, 2 placements suspended, 3 contract default or regulator referral.',
  })
  escalationLevel!: number;
  @OpenList('Each escalation and de-escalation: direction, from and to level, reason, decision, when.') escalations!: object[];
  @Bool('Whether new placements are suspended now.') placementsSuspended!: boolean;
  @OpenList('Each suspension and resumption of placements.') placementChanges!: object[];
  @ApiProperty({ type: ActionPlanViewDto, description: 'The action plan in force (or the latest).' }) plan!: ActionPlanViewDto;
  @ApiProperty({ type: [ActionPlanViewDto], description: 'Plans requested before the current one, oldest first.' }) earlierPlans!: ActionPlanViewDto[];
  @OpenList('Visits recorded on the concern.') visits!: object[];
  @OpenList(
    'Meetings held (minutes): kind, when, attendees, attendance per invitee, decisions, decision actions. Version-1 review meetings read as review_meeting with no attendance or actions.',
  )
  meetings!: object[];
  @OpenList(
    'Multi-agency meetings called (issue 16 item 1): kind, day, invitations (inviteeId, organisation kind and name, post, the provider for all or part), the agenda once shared, heldEventId once minuted.',
  )
  meetingPlans!: object[];
  @OpenList(
    'Actions decided at meetings, with owner, the party that owns it (ownerParty: council or provider), due date and status (open, completed with its date and note).',
  )
  meetingActions!: object[];
  @OpenList(
    'Visit reports drafted for the provider to challenge: findings, window (challengeClosesOn), challenges with their decisions, and once published the findings as published (docs/procedure.md).',
  )
  reports!: object[];
}

export class ServiceViewDto extends RecordViewDto {
  @Id('The service.') serviceId!: string;
  @Id('The provider running it.') providerId!: string;
  @Text('Its name.') name!: string;
  @Text('What kind of service it is.') serviceType!: string;
  @Text('Its regulator.') regulator!: string;
  @Text("The regulator's location id: a CQC location id, or an Ofsted URN (docs/procedure.md).", true) locationId!: string | null;
  @Text('Its NHS ODS (site) code, upper case.', true) odsCode!: string | null;
  @Open('The manager in post now: id, name, basis, started, registered, left.', true) manager!: object | null;
  @OpenList('Every manager tenure, oldest first.') managerTenures!: object[];
  @OpenList("Managers' absences.") absences!: object[];
  @Open(
    'Statutory manager notices read on the day asked (asOf, or today): each absence judged against its notice deadline (noticeWords, notice on-time/late/not-required, days absent, ongoing), days without a registered manager (null while one is in post), and each change of manager.',
  )
  managerNotices!: object;
  @OpenList("The regulator's published ratings.") ratings!: object[];
  @OpenList("The regulator's enforcement actions.") enforcement!: object[];
  @OpenList('Visits to the service.') visits!: object[];
}

export class ContractViewDto extends RecordViewDto {
  @Id('The contract.') contractId!: string;
  @Text('awaiting_confirmation, active or ended.') status!: string;
  @Id('The council that awarded it.') councilId!: string;
  @Id('The provider it was awarded to.') providerId!: string;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' }, description: 'The services it covers.' }) serviceIds!: string[];
  @Text("The council's reference.") reference!: string;
  @Day('First day of the term.') startsOn!: string;
  @Day('Last day of the term now (after extensions).') endsOn!: string;
  @Day('Last day of the term as awarded.') originalEndsOn!: string;
  @OpenList('Each extension of the term.') extensions!: object[];
  @Open('How and when it ended, or null.', true) ended!: object | null;
  @Open("The provider's (or an administrator's) confirmation, or null while it awaits it.", true) confirmation!: object | null;
  @OpenList('Default notices served under it.') defaultNotices!: object[];
}

export class OrganisationViewDto {
  @Id('The organisation.') id!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The record version (the ETag).' }) version!: number;
  @Bool('Always true in an answer.') exists!: boolean;
  @Id('The organisation.') organisationId!: string;
  @Text('council, provider, regulator or admin.') kind!: string;
  @Text('Its name.') name!: string;
  @Text("A provider's CQC provider id (docs/procedure.md); null for others.", true) cqcProviderId!: string | null;
  @Instant('When its record began.', true) recordBeganAt!: string | null;
  @Open("A council's own clocks, when it has set them.", true) clocks!: object | null;
}

export class CouncilClocksViewDto {
  @Day('The day asked for with asOf, or null.', true) asOf!: string | null;
  @Text('With asOf: recorded or occurred; else null.', true, { enum: ['recorded', 'occurred'] }) basis!: string | null;
  @Day('The day the clocks shown are in force on.') on!: string;
  @Id('The council.') councilId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      'Each limit: acknowledgeWithinWorkingDays, absenceNoticeWithinWorkingDays, reopenWindowMonths, lateRecordAfterWorkingDays, managerLookbackDays, afterManagerChangeMonths.',
  })
  clocks!: Record<string, number>;
  @Bool('Whether the council set these (false: the defaults).') councilSet!: boolean;
  @Id('The event that set them, or null for the defaults.', true) eventId!: string | null;
  @Day('The day they came into force, or null for the defaults.', true) inForceFrom!: string | null;
  @Bool('Whether these are the defaults.') defaults!: boolean;
}

class TimelineEntryDto {
  @Id('The event.') eventId!: string;
  @Text("The record's stream.") streamId!: string;
  @Int('Its feed position.') globalPosition!: number;
  @Instant('When it happened.') occurredAt!: string;
  @Instant('When it was recorded.') recordedAt!: string;
  @Day('The London day it happened.') occurredOn!: string;
  @Day('The London day it was recorded.') recordedOn!: string;
  @Text('Who recorded it: council, provider, regulator or admin.') party!: string;
  @Text('What kind of entry it is.') kind!: string;
  @Text('One line saying what happened.') summary!: string;
  @Text('The category of the concern it belongs to, if any.', true) category!: string | null;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string' },
    description: 'Its PAMMS and CQC tags (a visit’s findings, a plan version’s actions), as corrected; present only on entries that carry tags.',
  })
  tags?: string[];
  @Open('Ids of the records it concerns.') links!: object;
  @Open('Marks: late, corrected, retracted, backdated.') flags!: object;
}

export class TimelinePageDto {
  @Day('The day asked for with asOf, or null.', true) asOf!: string | null;
  @Text('With asOf: recorded or occurred; else null.', true, { enum: ['recorded', 'occurred'] }) basis!: string | null;
  @ApiProperty({ type: [TimelineEntryDto], description: 'This page of entries.' }) entries!: TimelineEntryDto[];
  @Text('Pass as `after` for the next page; null on the last.', true) nextCursor!: string | null;
}

export class MeasuresDto {
  @Day('The day asked for with asOf, or null.', true) asOf!: string | null;
  @Text('With asOf: recorded or occurred; else null.', true, { enum: ['recorded', 'occurred'] }) basis!: string | null;
  @Day('The day the measures are taken on.') on!: string;
  @Open('The clocks the measures use.') clocks!: object;
  @OpenList("Councils' own clocks in force over the scope.") councilClocks!: object[];
  @Open('Time to acknowledge: by concern, by service and overall, each figure with the events it counts (DESIGN.md measures).') timeToAcknowledge!: object;
  @Open('Plans submitted on time.') planLag!: object;
  @Open("The council's time to decide on plans.") councilReviewLag!: object;
  @Open('Plan updates on time, late and missed.') cadenceAdherence!: object;
  @Open('Actions completed by their due dates.') onTimeActionRate!: object;
}

export class DashboardDto {
  @Day('The day it is taken on.') on!: string;
  @OpenList('Open concerns by escalation level.') openConcernsByLevel!: object[];
  @OpenList('Plans submitted and awaiting the council.') plansAwaitingReview!: object[];
  @OpenList('Accepted plans with an update overdue.') overduePlanUpdates!: object[];
  @OpenList('Actions past their due date.') overdueActions!: object[];
  @OpenList('Services without a registered manager, and for how long.') servicesWithoutRegisteredManager!: object[];
}

class ReadAuditEntryDto {
  @Instant('When.') readAt!: string;
  @Open('Who: userId, organisationId, organisationKind, role.') who!: object;
  @Text('What they did (read, export).') action!: string;
  @Open('What they read: kind and id.') scope!: object;
  @Text('The correlation id of the request.') correlationId!: string;
}

export class ReadAuditDto {
  @Id('The provider.') providerId!: string;
  @ApiProperty({ type: [ReadAuditEntryDto], description: 'The latest reads, newest first.' }) reads!: ReadAuditEntryDto[];
}

export class ProjectionsStatusDto {
  @OpenList('Each read model: name, version, position, head, lag, faults, rebuild in progress.') projections!: object[];
}

export class RebuildStartedDto {
  @Text('The projection being rebuilt.') projection!: string;
  @ApiProperty({ type: 'boolean', enum: [true], description: 'Always true.' }) started!: true;
}

class ProjectionHealthDto {
  @Text('The read model.') name!: string;
  @Text('ok or degraded.', false, { enum: ['ok', 'degraded'] }) status!: string;
  @Int('Its feed position.') position!: number;
  @Int('How many positions behind the head.') lagPositions!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'How many seconds behind.' }) lagSeconds!: number | null;
  @Bool('Whether it is following the feed now.') following!: boolean;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Administrators only: the last error.' }) lastError?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Administrators only: its recorded faults.' })
  faults?: object[];
}

export class HealthDto {
  @Text('ok, or degraded while a projection has faults or is failing.', false, { enum: ['ok', 'degraded'] }) status!: string;
  @Int("The feed's head position.") headPosition!: number;
  @ApiProperty({ type: [ProjectionHealthDto] }) projections!: ProjectionHealthDto[];
}
