import type { PlanAction } from '@caretrail/domain';
import type { Identity } from '../../identity/identity';
import type { ConcernRecord } from '../read/concern-record.reader';
import { concernActionLinks, planActionLinks, sideOf, type ActionLink, type PlanActionLink } from './concern-parties.view';

/**
 * "What you can record" on a case file: the forms offered to this reader on this concern, none in a
 * replay (forms act on the live record only).
 */
export function offeredConcernActions(record: ConcernRecord, who: Identity): ActionLink[] {
  if (record.replay) return [];
  return concernActionLinks(record.id, record.live, sideOf(who, record.live));
}

/** The forms offered on one action of the running plan (none in a replay). */
export function offeredPlanActions(record: ConcernRecord, who: Identity, action: PlanAction): PlanActionLink[] {
  if (record.replay) return [];
  return planActionLinks(record.id, record.state, sideOf(who, record.live), action);
}
