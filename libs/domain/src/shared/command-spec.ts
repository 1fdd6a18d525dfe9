import type { Decider, Occurred, DecisionContext } from './decider';

/** Another record a decision needs, loaded and folded by the handler before deciding. */
export interface RefRequest<S = unknown> {
  stream: string;
  decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>;
  /** Shown in the 404 when the record does not exist, e.g. "service". */
  recordType: string;
  recordId: string;
}

/**
 * How the application layer runs one command: which stream it writes, whether that stream must be new
 * or must exist, what else to load, and the decision itself. The API's single generic handler reads
 * these; no handler has rules of its own.
 */
export interface CommandSpec<C extends { kind: string }, S, Refs extends Record<string, unknown> = Record<string, never>> {
  kind: C['kind'];
  /** Kind of record the target stream holds, for 404 messages ("concern"). */
  recordType: string;
  recordId(command: C): string;
  stream(command: C): string;
  /** 'new': the stream must not exist yet. 'existing': 404 when it does not. */
  target: 'new' | 'existing';
  decider: Decider<S, C, Refs>;
  /** Other records to load, by the name the decider reads them under. Each must exist (else 404). */
  refs?(command: C, state: S): { [K in keyof Refs]: RefRequest<Refs[K]> };
}

export type AnyCommandSpec = CommandSpec<{ kind: string }, unknown, Record<string, unknown>>;

/** Convenience for deciders: run decide with the loaded refs. */
export const decideWith = <S, C extends { kind: string }, Refs extends Record<string, unknown>>(
  spec: CommandSpec<C, S, Refs>,
  command: C,
  state: S,
  context: DecisionContext,
  refs: Refs,
): Occurred[] => spec.decider.decide(command, state, { ...context, refs });
