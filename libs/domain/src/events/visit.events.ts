import type { LocalDate } from '../shared/primitives';

export const VISIT_TYPES = [
  'council_monitoring',
  'pamms_audit',
  'provider_senior_visit',
  'regulator_inspection',
  'independent_person_visit',
] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

/** Recorded on the concern's stream when it concerns one, else on the service's. */
export interface VisitConducted {
  type: 'VisitConducted';
  data: {
    visitId: string;
    serviceId: string;
    concernId: string | null;
    visitType: VisitType;
    announced: boolean;
    visitedOn: LocalDate;
    /** The visitor's post, e.g. "Chief executive" (not a name). */
    visitorRole: string;
    findings: string;
    /** PAMMS standards and CQC quality statements the findings concern (reference/quality-frameworks.ts); schema 2, [] when upcast. */
    tags?: string[];
  };
}

export interface ReviewMeetingHeld {
  type: 'ReviewMeetingHeld';
  data: { meetingId: string; concernId: string; heldOn: LocalDate; attendees: string[]; decisions: string[] };
}
