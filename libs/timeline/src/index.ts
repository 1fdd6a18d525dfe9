/**
 * @caretrail/timeline: the pure functions behind timelines, responsiveness measures and replay.
 * No framework: the API, the projector, the CLI and the bundle verifier all compute with these, so a
 * live view, a replay and an offline check give the same output.
 */
export * from './clocks';

export * from './calendar/local-date';
export * from './calendar/london-time';
export * from './calendar/bank-holidays';
export * from './calendar/working-days';

export * from './events/effective-events';
export * from './events/event-order';
export * from './events/unreadable-events';
export { isEvent, eventsOf, concernIdOf, serviceIdOf, type EventOf } from './events/typed-event';

export * from './measures/council-clocks';
export * from './measures/measure-context';
export * from './measures/measure-result';
export * from './measures/service-measure';
export * from './measures/response-status';
export * from './measures/update-periods';
export * from './measures/action-register';
export * from './measures/manager-tenure';
export * from './measures/manager-notices';
export * from './measures/time-to-acknowledge.measure';
export * from './measures/plan-lag.measure';
export * from './measures/council-review-lag.measure';
export * from './measures/cadence-adherence.measure';
export * from './measures/on-time-action-rate.measure';
export * from './measures/overdue-action-days.measure';
export * from './measures/time-to-closure.measure';
export * from './measures/reopen-rate.measure';
export * from './measures/registered-manager.measure';
export * from './measures/turnover-concerns.measure';
export * from './measures/compute-measures';

export * from './timeline/timeline-entry';
export * from './timeline/party';
export * from './timeline/timeline-entry.builder';
export * from './timeline/timeline-cursor';
export * from './timeline/timeline-query';
export * from './timeline/quality-tags';
export * from './timeline/timeline-csv';

export * from './replay/as-of';
export * from './replay/replay';

export * from './words/govuk-dates';
export * from './words/record-words';
export * from './words/meeting-words';
export { plural } from './timeline/event-labels';
export * from './words/measure-words';
export * from './replay/read-point';
