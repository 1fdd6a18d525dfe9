import { contractRef } from '../contract/contract.ref';
import type { ContractState } from '../contract/contract.state';
import { serviceRef } from '../service/service.ref';
import type { ServiceState } from '../service/service.state';
import type { CommandSpec } from '../shared/command-spec';
import { RecordNotFoundError } from '../shared/domain-error';
import { concernStream } from '../shared/stream-names';
import type { ConcernCommand, RaiseConcern } from './concern.commands';
import { concernDecider } from './concern.decider';
import type { ConcernState } from './concern.state';

type LaterCommand = Exclude<ConcernCommand, RaiseConcern>;
type Of<K extends LaterCommand['kind']> = Extract<LaterCommand, { kind: K }>;

export const raiseConcernSpec: CommandSpec<RaiseConcern, ConcernState, { service: ServiceState; contract: ContractState }> = {
  kind: 'RaiseConcern',
  recordType: 'concern',
  recordId: (c) => c.concernId,
  stream: (c) => concernStream(c.concernId),
  target: 'new',
  decider: concernDecider,
  refs: (c) => ({ service: serviceRef(c.serviceId), contract: contractRef(c.contractId) }),
};

/** Every later command loads the concern's contract, named in its own record, to check the council still holds it. */
function concernSpec<C extends LaterCommand>(kind: C['kind']): CommandSpec<C, ConcernState, { contract: ContractState }> {
  return {
    kind,
    recordType: 'concern',
    recordId: (c) => c.concernId,
    stream: (c) => concernStream(c.concernId),
    target: 'existing',
    decider: concernDecider,
    refs: (c: { concernId: string }, state) => {
      if (state.contractId === null) throw new RecordNotFoundError('concern', c.concernId);
      return { contract: contractRef(state.contractId) };
    },
  };
}

export const notifyConcernToProviderSpec = concernSpec<Of<'NotifyConcernToProvider'>>('NotifyConcernToProvider');
export const acknowledgeConcernSpec = concernSpec<Of<'AcknowledgeConcern'>>('AcknowledgeConcern');
export const escalateConcernSpec = concernSpec<Of<'EscalateConcern'>>('EscalateConcern');
export const deescalateConcernSpec = concernSpec<Of<'DeescalateConcern'>>('DeescalateConcern');
export const suspendPlacementsSpec = concernSpec<Of<'SuspendPlacements'>>('SuspendPlacements');
export const resumePlacementsSpec = concernSpec<Of<'ResumePlacements'>>('ResumePlacements');
export const closeConcernSpec = concernSpec<Of<'CloseConcern'>>('CloseConcern');
export const reopenConcernSpec = concernSpec<Of<'ReopenConcern'>>('ReopenConcern');
export const requestActionPlanSpec = concernSpec<Of<'RequestActionPlan'>>('RequestActionPlan');
export const submitActionPlanSpec = concernSpec<Of<'SubmitActionPlan'>>('SubmitActionPlan');
export const returnActionPlanSpec = concernSpec<Of<'ReturnActionPlan'>>('ReturnActionPlan');
export const acceptActionPlanSpec = concernSpec<Of<'AcceptActionPlan'>>('AcceptActionPlan');
export const submitPlanUpdateSpec = concernSpec<Of<'SubmitPlanUpdate'>>('SubmitPlanUpdate');
export const reviseActionDueDateSpec = concernSpec<Of<'ReviseActionDueDate'>>('ReviseActionDueDate');
export const claimActionCompletionSpec = concernSpec<Of<'ClaimActionCompletion'>>('ClaimActionCompletion');
export const verifyActionSpec = concernSpec<Of<'VerifyAction'>>('VerifyAction');
export const rejectActionVerificationSpec = concernSpec<Of<'RejectActionVerification'>>('RejectActionVerification');
export const recordConcernVisitSpec = concernSpec<Of<'RecordConcernVisit'>>('RecordConcernVisit');
export const recordReviewMeetingSpec = concernSpec<Of<'RecordReviewMeeting'>>('RecordReviewMeeting');
export const scheduleMeetingSpec = concernSpec<Of<'ScheduleMeeting'>>('ScheduleMeeting');
export const shareMeetingAgendaSpec = concernSpec<Of<'ShareMeetingAgenda'>>('ShareMeetingAgenda');
export const completeMeetingActionSpec = concernSpec<Of<'CompleteMeetingAction'>>('CompleteMeetingAction');
export const recordConcernCommentSpec = concernSpec<Of<'RecordConcernComment'>>('RecordConcernComment');
export const correctConcernEntrySpec = concernSpec<Of<'CorrectConcernEntry'>>('CorrectConcernEntry');
export const retractConcernEntrySpec = concernSpec<Of<'RetractConcernEntry'>>('RetractConcernEntry');
export const liftConcernEntryRestrictionSpec = concernSpec<Of<'LiftConcernEntryRestriction'>>('LiftConcernEntryRestriction');
export const draftVisitReportSpec = concernSpec<Of<'DraftVisitReport'>>('DraftVisitReport');
export const challengeVisitFindingSpec = concernSpec<Of<'ChallengeVisitFinding'>>('ChallengeVisitFinding');
export const decideFindingChallengeSpec = concernSpec<Of<'DecideFindingChallenge'>>('DecideFindingChallenge');
export const publishVisitReportSpec = concernSpec<Of<'PublishVisitReport'>>('PublishVisitReport');
