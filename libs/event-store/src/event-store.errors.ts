/** The stream was not at the version the writer expected (maps to HTTP 409). */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, not ${expected}`);
  }
}

/** The store cannot be reached now; the same call may succeed later (maps to HTTP 503). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly retryable = true;
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/** An append that can never succeed as sent (an empty batch, a mismatched idempotent repeat, ...). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/** A stored event does not match its hash, or the chain of a stream is broken. */
export class EventIntegrityError extends Error {
  override readonly name = 'EventIntegrityError';
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly eventId: string,
    readonly problem: string,
  ) {
    super(`Stream ${streamId} version ${streamVersion} (event ${eventId}): ${problem}`);
  }
}
