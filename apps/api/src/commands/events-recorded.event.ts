import type { CommandResult } from '@caretrail/application';

/** Published in-process after an append commits: a wake-up signal for projections, never the source of truth. */
export class EventsRecorded {
  constructor(readonly result: CommandResult) {}
}
