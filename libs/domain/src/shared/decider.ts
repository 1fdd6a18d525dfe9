import type { CareTrailEvent } from '../events/event-catalogue';
import type { Instant, OrganisationKind, Role } from './primitives';

/** Who is acting, as the domain sees them: the organisation's kind decides which side they speak for. */
export interface DomainActor {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind | 'admin';
  role: Role;
}

/** A domain event with the moment it happened in the world; what deciders emit and evolve folds. */
export type Occurred<E extends CareTrailEvent = CareTrailEvent> = E & { occurredAt: Instant };

/** A stored event as evolve sees it: the domain event plus the envelope facts folds may need. */
export type Recorded<E extends CareTrailEvent = CareTrailEvent> = Occurred<E> & {
  eventId: string;
  recordedAt: Instant;
  streamVersion: number;
  actor: { userId: string; organisationId: string; role: string };
};

export interface DecisionContext {
  actor: DomainActor;
  /** The clock, injected so rules about "the future" are testable. */
  now: Instant;
}

/**
 * decide and evolve for one kind of stream. decide is pure: the same state, command and context
 * always give the same events or the same error.
 */
export interface Decider<State, Command, Refs = unknown> {
  initialState: () => State;
  evolve: (state: State, event: Recorded) => State;
  decide: (command: Command, state: State, context: DecisionContext & { refs: Refs }) => Occurred[];
}

export const fold = <S>(decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>, events: readonly Recorded[]): S =>
  events.reduce(decider.evolve, decider.initialState());
