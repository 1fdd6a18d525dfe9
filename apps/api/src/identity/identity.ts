import type { DomainActor } from '@caretrail/domain';

/** The signed-in person as every request carries them. */
export interface Identity extends DomainActor {
  displayName: string;
  organisationName: string;
}
