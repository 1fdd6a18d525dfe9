import { ReasonDto } from '../../resources/concerns/concerns.dto';
import { decisionLogOf, SuspendPlacementsDto } from '../../resources/concerns/decision-log.dto';
import { commandFields } from '../../resources/shared/command.dto';
import type { ConcernRecord } from '../read/concern-record.reader';
import { backToConcern } from './concern-lifecycle.forms';
import { consequenceOptions, DECISION_DATE_FIELDS, DECISION_INPUTS, DECISION_LABELS, DECISION_RULES, decisionFrom } from './decision-log.fields';
import { text } from './form-values';
import type { WebForm } from './web-form';

type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

/**
 * The council suspends new placements at the service while the concern is looked into, with its
 * decision log (the risk assessment's reference among it), and resumes them; the domain refuses a
 * second suspension and a resumption of placements not suspended.
 */
export const suspendPlacementsForm: ConcernForm<SuspendPlacementsDto> = {
  slug: 'suspend-placements',
  view: 'forms/placements.njk',
  title: () => 'Suspend placements',
  dto: SuspendPlacementsDto,
  labels: { reason: 'why placements are suspended', ...DECISION_LABELS },
  inputOf: DECISION_INPUTS,
  dateFields: DECISION_DATE_FIELDS,
  fieldOfRule: { 'placements-already-suspended': 'reason', 'placements-reason-required': 'reason', ...DECISION_RULES },
  viewData: () => ({ suspend: true, submitText: 'Suspend placements', consequences: consequenceOptions(true) }),
  toDto: (values) => ({ reason: text(values, 'reason'), decision: decisionFrom(values) }),
  command: (dto, scope) => {
    const { decision, ...rest } = dto;
    return { kind: 'SuspendPlacements', concernId: scope.record.id, ...commandFields(rest), decision: decisionLogOf(decision) };
  },
  done: (scope) => backToConcern(scope, 'placements-suspended'),
};

export const resumePlacementsForm: ConcernForm<ReasonDto> = {
  slug: 'resume-placements',
  view: 'forms/placements.njk',
  title: () => 'Resume placements',
  dto: ReasonDto,
  labels: { reason: 'why placements can resume' },
  fieldOfRule: { 'placements-not-suspended': 'reason', 'placements-reason-required': 'reason' },
  viewData: () => ({ suspend: false, submitText: 'Resume placements' }),
  toDto: (values) => ({ reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: 'ResumePlacements', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'placements-resumed'),
};

export const placementsForms = [suspendPlacementsForm, resumePlacementsForm];
