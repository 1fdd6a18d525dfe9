/**
 * How a response that has a deadline stands: answered in time, answered late, still waiting inside
 * the deadline, or still waiting past it. Waiting items past their deadline count against the
 * responder in on-time ratios (they are already late); waiting items inside it are not judged yet.
 */
export type ResponseStatus = 'on_time' | 'late' | 'waiting' | 'overdue';

export const responseStatus = (answered: boolean, withinDeadline: boolean): ResponseStatus =>
  answered ? (withinDeadline ? 'on_time' : 'late') : withinDeadline ? 'waiting' : 'overdue';

/** Judged items: on time over on time, late and overdue. */
export const isJudged = (status: ResponseStatus): boolean => status !== 'waiting';
