import { contactMayRead } from '@caretrail/notifications';
import { isReadableConcern, readableConcernsOf } from '@caretrail/projections';
import { readableConcerns } from '../../apps/api/src/access/read-access.policy';
import type { Identity } from '../../apps/api/src/identity/identity';

/*
 * The e-mail sender runs in the API and in the projector process; the projector cannot import the API,
 * so it applies the read rule through @caretrail/projections' readableConcernsOf. This holds that rule
 * to the API's read policy for every kind of organisation, and contactMayRead to both.
 */
const concerns = [
  { concernId: 'c1', councilId: 'council-a', providerId: 'provider-a' },
  { concernId: 'c2', councilId: 'council-b', providerId: 'provider-a' },
  { concernId: 'c3', councilId: 'council-a', providerId: 'provider-b' },
];

describe.each([
  ['council', 'council-a'],
  ['council', 'council-z'],
  ['provider', 'provider-a'],
  ['provider', 'provider-z'],
  ['regulator', 'regulator-1'],
  ['admin', 'admin-1'],
  ['auditor', 'auditor-1'],
  ['somebody', 'other-1'],
])('a %s contact (%s)', (organisationKind, organisationId) => {
  const who = { userId: 'u', organisationId, organisationKind, role: 'contact' } as unknown as Identity;

  it("reads the same concerns under the sender's rule as under the API's read policy", () => {
    expect(readableConcernsOf({ organisationKind, organisationId })).toEqual(readableConcerns(who));
    for (const concern of concerns) {
      const byPolicy = isReadableConcern(readableConcerns(who), concern);
      expect([concern.concernId, contactMayRead({ contactId: 'k', organisationId, organisationKind }, concern)]).toEqual([concern.concernId, byPolicy]);
    }
  });
});
