import type { ContractState } from '../contract/contract.state';
import { decideComment } from '../records/record.rules';
import { decideRestrictedComment } from '../records/restriction.rules';
import type { DomainActor, Occurred } from '../shared/decider';
import { WrongPartyError } from '../shared/domain-error';
import type { Instant, Party } from '../shared/primitives';
import { assertVisitParty, decideVisit } from '../visits/visit.rules';
import type { RecordConcernComment, RecordConcernVisit } from './concern.commands';
import { assertConcernCouncil, assertConcernProvider, isConcernCouncil, isConcernProvider } from './concern-parties';
import type { ConcernState } from './concern.state';

/** Council visits need the live contract; provider visits the concern's provider; inspections the regulator. */
export function decideConcernVisit(
  command: RecordConcernVisit,
  state: ConcernState,
  actor: DomainActor,
  contract: ContractState | undefined,
  now: Instant,
): Occurred[] {
  const party = assertVisitParty(actor, command.visitType);
  if (party === 'council') assertConcernCouncil(actor, state, contract, command.occurredAt, now);
  if (party === 'provider') assertConcernProvider(actor, state);
  return decideVisit(command, state.serviceId as string, command.concernId, now);
}

/** The concern's own council and provider, and the regulator, comment on it (a closed one too). */
export function decideConcernComment(command: RecordConcernComment, state: ConcernState, actor: DomainActor): Occurred[] {
  // A comment naming organisations is restricted to them (docs/restricted-entries.md).
  const comment = (party: Party) =>
    command.restrictedTo && command.restrictedTo.length > 0
      ? decideRestrictedComment(command, command.restrictedTo, party, actor)
      : decideComment(command, party);
  if (isConcernCouncil(actor, state)) return comment('council');
  if (isConcernProvider(actor, state)) return comment('provider');
  if (actor.organisationKind === 'regulator') return comment('regulator');
  throw new WrongPartyError('comment-party', "Only the concern's council and provider, or a regulator, comment on it");
}
