import type { CareTrailEvent } from '../events/event-catalogue';
import type { Decider, DecisionContext, Occurred, Recorded } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';

let sequence = 0;

/** For thenMatch: any part of an event, nested fields included. */
type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Gives plain occurred events the envelope facts evolve may read. */
export function recorded(event: Occurred, actor = { userId: 'u-test', organisationId: 'org-test', role: 'admin' }): Recorded {
  sequence += 1;
  return { ...event, eventId: `evt-${sequence}`, recordedAt: event.occurredAt, streamVersion: sequence, actor } as Recorded;
}

/**
 * Domain tests read as: given these events, when this command, then these events (or this rule broken).
 */
export function given<S, C, R>(decider: Decider<S, C, R>, history: readonly (Occurred | Recorded)[]) {
  const state = history.map((e) => ('eventId' in e ? (e as Recorded) : recorded(e))).reduce(decider.evolve, decider.initialState());
  return {
    state,
    when(command: C, context: DecisionContext & { refs?: R }) {
      const run = () => decider.decide(command, state, { ...context, refs: context.refs as R });
      return {
        then(expected: (Occurred<CareTrailEvent> | Partial<Occurred>)[]) {
          expect(run()).toEqual(expected);
        },
        thenMatch(expected: DeepPartial<Occurred>[]) {
          expect(run()).toMatchObject(expected);
        },
        /** Fails with a DomainRuleError (422) naming this rule. */
        thenFails(rule: string) {
          expect(caught(run)).toMatchObject({ name: DomainRuleError.name, rule });
        },
        /** Fails with a WrongPartyError (403) naming this rule. */
        thenForbidden(rule: string) {
          expect(caught(run)).toMatchObject({ name: WrongPartyError.name, rule });
        },
      };
    },
  };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('Expected the command to be refused, but it was accepted');
}
