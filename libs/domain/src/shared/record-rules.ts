import { RecordNotFoundError } from './domain-error';

/** The handler 404s a missing target stream first; deciders check again so they stand alone. */
export function assertRecordExists(exists: boolean, recordType: string, recordId: string): void {
  if (!exists) throw new RecordNotFoundError(recordType, recordId);
}

/** A loaded ref the decider needs; missing means the spec and the decider disagree, or the record is unknown. */
export function requireRef<T>(ref: T | undefined, recordType: string, recordId: string): T {
  if (ref === undefined) throw new RecordNotFoundError(recordType, recordId);
  return ref;
}
