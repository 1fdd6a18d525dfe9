import { ReasonDto } from '../../resources/concerns/concerns.dto';
import { commandFields } from '../../resources/shared/command.dto';
import type { ConcernRecord } from '../read/concern-record.reader';
import { backToConcern } from './concern-lifecycle.forms';
import { text } from './form-values';
import type { WebForm } from './web-form';

type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

/**
 * The council suspends new placements at the service while the concern is looked into, and resumes
 * them; the domain refuses a second suspension and a resumption of placements not suspended.
 */
const placementForm = (suspend: boolean): ConcernForm<ReasonDto> => ({
  slug: suspend ? 'suspend-placements' : 'resume-placements',
  view: 'forms/placements.njk',
  title: () => (suspend ? 'Suspend placements' : 'Resume placements'),
  dto: ReasonDto,
  labels: { reason: suspend ? 'why placements are suspended' : 'why placements can resume' },
  fieldOfRule: { 'placements-already-suspended': 'reason', 'placements-not-suspended': 'reason', 'placements-reason-required': 'reason' },
  viewData: () => ({ suspend, submitText: suspend ? 'Suspend placements' : 'Resume placements' }),
  toDto: (values) => ({ reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: suspend ? 'SuspendPlacements' : 'ResumePlacements', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, suspend ? 'placements-suspended' : 'placements-resumed'),
});

export const suspendPlacementsForm = placementForm(true);
export const resumePlacementsForm = placementForm(false);
export const placementsForms = [suspendPlacementsForm, resumePlacementsForm];
