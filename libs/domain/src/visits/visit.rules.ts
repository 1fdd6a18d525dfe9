import { assertQualityTags } from '../reference/quality-tags.rules';
import type { VisitConducted, VisitType } from '../events/visit.events';
import type { DomainActor, Occurred, Recorded } from '../shared/decider';
import { WrongPartyError } from '../shared/domain-error';
import { assertDateNotInFuture } from '../shared/date-rules';
import type { Instant, LocalDate, Party } from '../shared/primitives';
import { requireText } from '../shared/text-rules';

/** Which side conducts each kind of visit; only that side records it. */
export const VISIT_PARTIES: Record<VisitType, Party> = {
  council_monitoring: 'council',
  pamms_audit: 'council',
  provider_senior_visit: 'provider',
  independent_person_visit: 'provider',
  regulator_inspection: 'regulator',
};

/** The fields every visit command carries; the stream supplies the service and the concern. */
export interface VisitFields {
  visitId: string;
  visitType: VisitType;
  announced: boolean;
  visitedOn: LocalDate;
  visitorRole: string;
  findings: string;
  /** PAMMS standards and CQC quality statements the findings concern. */
  tags?: string[];
  occurredAt: string;
}

/** A visit as a service or concern shows it. */
export interface RecordedVisit {
  eventId: string;
  visitId: string;
  concernId: string | null;
  visitType: VisitType;
  announced: boolean;
  visitedOn: LocalDate;
  visitorRole: string;
  findings: string;
  /** PAMMS standards and CQC quality statements the findings concern ([] when none; set by every fold). */
  tags?: string[];
  organisationId: string;
  at: Instant;
}

/** The side a visit type belongs to, refusing anyone else; the stream then checks which council or provider. */
export function assertVisitParty(actor: DomainActor, visitType: VisitType): Party {
  const party = VISIT_PARTIES[visitType];
  if (actor.organisationKind !== party) {
    throw new WrongPartyError('visit-type-party', `A ${visitType} visit is recorded by the ${party}`);
  }
  return party;
}

export function decideVisit(command: VisitFields, serviceId: string, concernId: string | null, now: Instant): Occurred[] {
  assertDateNotInFuture(command.visitedOn, now, 'visitedOn');
  requireText(command.visitorRole, 'visit-details-required', "A visit names the visitor's post");
  requireText(command.findings, 'visit-details-required', 'A visit records its findings');
  assertQualityTags(command.tags, 'tags');
  const { visitId, visitType, announced, visitedOn, visitorRole, findings } = command;
  const tags = command.tags ?? [];
  return [
    {
      type: 'VisitConducted',
      occurredAt: command.occurredAt,
      data: { visitId, serviceId, concernId, visitType, announced, visitedOn, visitorRole, findings, tags },
    },
  ];
}

export const toRecordedVisit = (event: Recorded<VisitConducted>): RecordedVisit => ({
  eventId: event.eventId,
  visitId: event.data.visitId,
  concernId: event.data.concernId,
  visitType: event.data.visitType,
  announced: event.data.announced,
  visitedOn: event.data.visitedOn,
  visitorRole: event.data.visitorRole,
  findings: event.data.findings,
  tags: event.data.tags ?? [],
  organisationId: event.actor.organisationId,
  at: event.occurredAt,
});
