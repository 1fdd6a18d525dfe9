/**
 * @caretrail/projections: read models kept from the event store's global feed, framework-free.
 *
 * - ProjectionRunner / ProjectionHost: catch up page by page (rows and checkpoint in one
 *   transaction), follow live (poke() after an append, a short poll for other processes), status and
 *   lag, waitFor(position) bounded by a timeout (ProjectionNotCaughtUpError: answer 503 + Retry-After).
 * - rebuild(name): a new generation is built beside the serving one and made active by flipping one
 *   checkpoint row; readers resolve the active generation inside each statement (activeGeneration).
 * - Read models: scope_events (replay input), timeline_entries (timeline library entries),
 *   concern_summaries / concern_actions / service_managers (dashboards), with their queries.
 */
export * from './projection';
export * from './projection.errors';
export * from './projection-checkpoints';
export * from './projection-faults';
export * from './projection-status';
export * from './apply-page';
export * from './projection-rebuild';
export * from './projection-runner';
export * from './projection-host';
export * from './record-scope';
export * from './readable-concerns';
export * from './scope-directory';
export * from './stream-histories';
export * from './scope-events.projection';
export * from './scope-events.queries';
export * from './timeline.projection';
export * from './timeline.queries';
export * from './concern-summary.fold';
export * from './service-manager.fold';
export * from './dashboard.projection';
export * from './dashboard.queries';
export * from './notification-intents.projection';
export * from './due-items.projection';
export * from './measures-reader';
