/**
 * A business rule said no. `rule` is a stable kebab-case name (e.g. `plan-must-be-accepted`) that
 * clients and tests match on; the message says it in words. Maps to HTTP 422.
 */
export class DomainRuleError extends Error {
  override readonly name = 'DomainRuleError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The actor's party may not do this to this record (another provider, a council without a contract). Maps to 403. */
export class WrongPartyError extends Error {
  override readonly name = 'WrongPartyError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** A record the command refers to does not exist. Maps to 404. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
  constructor(
    readonly recordType: string,
    readonly recordId: string,
  ) {
    super(`No ${recordType} with id ${recordId}`);
  }
}
