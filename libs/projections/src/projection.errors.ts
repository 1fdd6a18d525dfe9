/**
 * A read asked to see at least a position the projection had not reached in time. The API answers
 * 503 with Retry-After: `retryAfterSeconds` (it never serves a read older than the caller asked for).
 */
export class ProjectionNotCaughtUpError extends Error {
  override readonly name = 'ProjectionNotCaughtUpError';

  constructor(
    readonly projection: string,
    readonly wanted: number,
    readonly reached: number,
    readonly waitedMs: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`Projection ${projection} reached position ${reached}, not ${wanted}, within ${waitedMs} ms`);
  }
}

export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';

  constructor(readonly projection: string) {
    super(`No projection is named ${projection}`);
  }
}

/** Another writer moved the checkpoint between our read and our transaction: the page is retried, never applied twice. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
}

/** A rebuild stopped between pages (its runner was stopped); the next rebuild resumes its generation. */
export class RebuildStoppedError extends Error {
  override readonly name = 'RebuildStoppedError';

  constructor(
    readonly projection: string,
    readonly generation: number,
    readonly position: number,
  ) {
    super(`Rebuild of ${projection} (generation ${generation}) stopped at position ${position}`);
  }
}
