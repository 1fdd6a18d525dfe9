import { EXPECT_ANY } from '../append-batch';
import { ANY, NO_STREAM, revisionAtVersion, revisionOfVersion, toExpectedRevision, versionOfEvent, versionOfRevision } from './esdb-revisions';

describe('expected versions to ESDB revisions', () => {
  it('maps any, no stream (0) and an exact version n to ANY, NO_STREAM and revision n - 1', () => {
    expect(toExpectedRevision(EXPECT_ANY)).toBe(ANY);
    expect(toExpectedRevision(0)).toBe(NO_STREAM);
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(42)).toBe(41n);
  });

  it('appends after a stream at version v at exactly revision v - 1 (no stream at 0)', () => {
    expect(revisionAtVersion(0)).toBe(NO_STREAM);
    expect(revisionAtVersion(1)).toBe(0n);
    expect(revisionAtVersion(10)).toBe(9n);
  });

  it('reads versions from current revisions, however the server says "no stream"', () => {
    expect(versionOfRevision(NO_STREAM)).toBe(0);
    expect(versionOfRevision(undefined)).toBe(0);
    expect(versionOfRevision(-1n)).toBe(0);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(6n)).toBe(7);
  });

  it('numbers events from version 1 at revision 0', () => {
    expect(versionOfEvent(0n)).toBe(1);
    expect(revisionOfVersion(1)).toBe(0n);
    expect(versionOfEvent(revisionOfVersion(99))).toBe(99);
  });
});
