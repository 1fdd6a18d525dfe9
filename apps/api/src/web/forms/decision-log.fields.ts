import { PLACEMENT_CONSEQUENCES } from '@caretrail/domain';
import { dateFromParts } from './date-parts';
import { integer, lines, text } from './form-values';
import type { FormValues } from './web-form';

/**
 * The decision log of a placement suspension or an escalation (docs/procedure.md), typed on the same
 * form: the post that decided, the lead officer, the review date, the consequence, the risk
 * assessment's reference, the criteria for lifting, residents' reviews (counts only) and the notice
 * to brokerage. Flat inputs; errors on `decision.*` land on them.
 */
const INPUTS = [
  'decidedByRole',
  'leadOfficer',
  'consequence',
  'riskAssessmentReference',
  'liftingCriteria',
  'currentResidents',
  'reviewsDone',
  'brokerageReference',
] as const;
const DATES = ['reviewOn', 'brokerageNotifiedOn'] as const;

export const DECISION_LABELS: Record<string, string> = {
  decision: 'the decision log',
  'decision.decidedByRole': 'the post that took the decision',
  'decision.leadOfficer': 'the lead officer',
  'decision.reviewOn': 'the date the decision is next reviewed',
  'decision.consequence': 'what the decision means for placements',
  'decision.riskAssessmentReference': 'the risk assessment reference',
  'decision.liftingCriteria': 'the criteria for lifting the decision',
  'decision.liftingCriteria.*': 'each criterion for lifting',
  'decision.residentReviews.currentResidents': 'the number of current residents',
  'decision.residentReviews.reviewsDone': 'the number of reviews done',
  'decision.brokerageNotice.notifiedOn': 'the day brokerage was told',
  'decision.brokerageNotice.reference': "the brokerage notice's reference",
};

export const DECISION_INPUTS: Record<string, string> = {
  decision: 'decidedByRole',
  'decision.decidedByRole': 'decidedByRole',
  'decision.leadOfficer': 'leadOfficer',
  'decision.reviewOn': 'reviewOn',
  'decision.consequence': 'consequence',
  'decision.riskAssessmentReference': 'riskAssessmentReference',
  'decision.liftingCriteria': 'liftingCriteria',
  'decision.liftingCriteria.*': 'liftingCriteria',
  'decision.residentReviews': 'currentResidents',
  'decision.residentReviews.currentResidents': 'currentResidents',
  'decision.residentReviews.reviewsDone': 'reviewsDone',
  'decision.brokerageNotice': 'brokerageNotifiedOn',
  'decision.brokerageNotice.notifiedOn': 'brokerageNotifiedOn',
  'decision.brokerageNotice.reference': 'brokerageReference',
};

export const DECISION_DATE_FIELDS = ['reviewOn', 'brokerageNotifiedOn', 'decision.reviewOn', 'decision.brokerageNotice.notifiedOn'];

export const DECISION_RULES: Record<string, string> = {
  'decision-log-complete': 'decidedByRole',
  'decision-review-after-decision': 'reviewOn',
  'suspension-restricts-placements': 'consequence',
  'red-consequence-needs-suspension-level': 'consequence',
  'resident-reviews-within-residents': 'reviewsDone',
  'brokerage-notice-after-decision': 'brokerageNotifiedOn',
};

export const consequenceOptions = (suspension: boolean) =>
  PLACEMENT_CONSEQUENCES.filter((c) => !suspension || c !== 'none').map((value) => ({
    value,
    text:
      value === 'red'
        ? 'Red: no new placements'
        : value === 'amber'
          ? 'Amber: cautious admissions, each placement agreed case by case'
          : 'None: placements carry on (enhanced monitoring only)',
  }));

/** The decision log as the DTO wants it, or undefined when nothing of it was typed (it is optional). */
export function decisionFrom(values: FormValues): Record<string, unknown> | undefined {
  const typed = INPUTS.some((k) => (text(values, k) ?? '') !== '') || DATES.some((d) => dateFromParts(values, d) !== '');
  if (!typed) return undefined;
  const residents = integer(values, 'currentResidents');
  const reviews = integer(values, 'reviewsDone');
  const notifiedOn = dateFromParts(values, 'brokerageNotifiedOn');
  return {
    decidedByRole: text(values, 'decidedByRole'),
    leadOfficer: text(values, 'leadOfficer'),
    reviewOn: dateFromParts(values, 'reviewOn'),
    consequence: text(values, 'consequence'),
    riskAssessmentReference: text(values, 'riskAssessmentReference'),
    liftingCriteria: lines(values, 'liftingCriteria'),
    ...(residents !== undefined || reviews !== undefined ? { residentReviews: { currentResidents: residents, reviewsDone: reviews } } : {}),
    ...(notifiedOn !== '' || (text(values, 'brokerageReference') ?? '') !== ''
      ? { brokerageNotice: { notifiedOn, reference: text(values, 'brokerageReference') || undefined } }
      : {}),
  };
}
