import { assertCommissioningCouncil } from '../contract/contract-liveness';
import type { ContractState } from '../contract/contract.state';
import { decideCorrection, decideRetraction } from '../records/record.rules';
import { decideLiftRestriction } from '../records/restriction.rules';
import type { ServiceState } from '../service/service.state';
import type { Decider } from '../shared/decider';
import { DomainRuleError } from '../shared/domain-error';
import { assertRecordExists, requireRef } from '../shared/record-rules';
import { assertOccurredAt } from '../shared/time-rules';
import { decideChallenge, decideChallengeDecision, decideDraftReport, decidePublication } from '../visits/visit-report.rules';
import { decideAcceptPlan, decideRequestPlan, decideReturnPlan, decideSubmitPlan } from './action-plan.rules';
import type { ConcernCommand } from './concern.commands';
import { decideConcernComment, decideConcernVisit } from './concern-activity.rules';
import { decideCompleteMeetingAction, decideMeetingMinutes, decideScheduleMeeting, decideShareAgenda } from '../meetings/meeting.rules';
import { concernCorrectionRules } from './concern-correction.rules';
import { decideEscalation, decidePlacements } from './concern-escalation.rules';
import { decideAcknowledge, decideClose, decideNotify, decideRaise, decideReopen } from './concern-lifecycle.rules';
import { assertConcernCouncil, assertConcernProvider } from './concern-parties';
import { evolveConcern, initialConcernState, type ConcernState } from './concern.state';
import { decideClaim, decideDueDateRevision, decidePlanUpdate, decideRejectVerification, decideVerify } from './plan-actions.rules';

/** RaiseConcern loads the service and the contract it names; every later command loads the concern's contract. */
export type ConcernRefs = { service?: ServiceState; contract?: ContractState };

type Kind = ConcernCommand['kind'];

/** Only the council holding a live contract for the service does these. */
const COUNCIL_COMMANDS: ReadonlySet<Kind> = new Set<Kind>([
  'NotifyConcernToProvider',
  'EscalateConcern',
  'DeescalateConcern',
  'SuspendPlacements',
  'ResumePlacements',
  'CloseConcern',
  'ReopenConcern',
  'RequestActionPlan',
  'ReturnActionPlan',
  'AcceptActionPlan',
  'VerifyAction',
  'RejectActionVerification',
  'RecordReviewMeeting',
  'ScheduleMeeting',
  'ShareMeetingAgenda',
  'DraftVisitReport',
  'DecideFindingChallenge',
  'PublishVisitReport',
]);

/** Only the provider of the concern's service does these. */
const PROVIDER_COMMANDS: ReadonlySet<Kind> = new Set<Kind>([
  'AcknowledgeConcern',
  'SubmitActionPlan',
  'SubmitPlanUpdate',
  'ClaimActionCompletion',
  'ChallengeVisitFinding',
]);

/** A closed concern is history: it can be reopened, commented on and corrected, nothing else. */
const ALLOWED_WHEN_CLOSED: ReadonlySet<Kind> = new Set<Kind>([
  'ReopenConcern',
  'RecordConcernComment',
  'CorrectConcernEntry',
  'RetractConcernEntry',
  'LiftConcernEntryRestriction',
]);

export const concernDecider: Decider<ConcernState, ConcernCommand, ConcernRefs> = {
  initialState: initialConcernState,
  evolve: evolveConcern,
  decide(command, state, { actor, now, refs }) {
    if (command.kind === 'RaiseConcern') {
      const service = requireRef(refs.service, 'service', command.serviceId);
      const contract = requireRef(refs.contract, 'contract', command.contractId);
      assertCommissioningCouncil(actor, contract, command.serviceId, command.occurredAt, now);
      return decideRaise(command, service, contract, now);
    }

    assertRecordExists(state.exists, 'concern', command.concernId);
    if (COUNCIL_COMMANDS.has(command.kind)) assertConcernCouncil(actor, state, refs.contract, command.occurredAt, now);
    if (PROVIDER_COMMANDS.has(command.kind)) assertConcernProvider(actor, state);
    // A meeting's action: the council completes any; the provider those it owns (meeting-action-owner-party).
    if (command.kind === 'ReviseActionDueDate' || command.kind === 'CompleteMeetingAction') {
      if (actor.organisationKind === 'council') assertConcernCouncil(actor, state, refs.contract, command.occurredAt, now);
      else assertConcernProvider(actor, state);
    }
    assertOccurredAt(command.occurredAt, now, state.recordBeganAt);
    if (state.status === 'closed' && !ALLOWED_WHEN_CLOSED.has(command.kind)) {
      throw new DomainRuleError('concern-closed', 'The concern is closed; reopen it first');
    }

    switch (command.kind) {
      case 'NotifyConcernToProvider':
        return decideNotify(command, state);
      case 'AcknowledgeConcern':
        return decideAcknowledge(command, state);
      case 'EscalateConcern':
      case 'DeescalateConcern':
        return decideEscalation(command, state, now);
      case 'SuspendPlacements':
      case 'ResumePlacements':
        return decidePlacements(command, state, now);
      case 'CloseConcern':
        return decideClose(command, state);
      case 'ReopenConcern':
        return decideReopen(command, state);
      case 'RequestActionPlan':
        return decideRequestPlan(command, state);
      case 'SubmitActionPlan':
        return decideSubmitPlan(command, state);
      case 'ReturnActionPlan':
        return decideReturnPlan(command, state);
      case 'AcceptActionPlan':
        return decideAcceptPlan(command, state);
      case 'SubmitPlanUpdate':
        return decidePlanUpdate(command, state);
      case 'ReviseActionDueDate':
        return decideDueDateRevision(command, state, actor);
      case 'ClaimActionCompletion':
        return decideClaim(command, state);
      case 'VerifyAction':
        return decideVerify(command, state);
      case 'RejectActionVerification':
        return decideRejectVerification(command, state);
      case 'RecordConcernVisit':
        return decideConcernVisit(command, state, actor, refs.contract, now);
      case 'RecordReviewMeeting':
        return decideMeetingMinutes(command, { plans: state.meetingPlans, actions: state.meetingActions }, now);
      case 'ScheduleMeeting':
        return decideScheduleMeeting(command, { plans: state.meetingPlans, actions: state.meetingActions });
      case 'ShareMeetingAgenda':
        return decideShareAgenda(command, { plans: state.meetingPlans, actions: state.meetingActions }, now);
      case 'CompleteMeetingAction':
        return decideCompleteMeetingAction(command, { plans: state.meetingPlans, actions: state.meetingActions }, now, actor);
      case 'RecordConcernComment':
        return decideConcernComment(command, state, actor);
      case 'CorrectConcernEntry':
        return decideCorrection(command, state.log, actor, concernCorrectionRules(state));
      case 'RetractConcernEntry':
        return decideRetraction(command, state.log, actor);
      case 'LiftConcernEntryRestriction':
        return decideLiftRestriction(command, state.log, actor);
      case 'DraftVisitReport':
        return decideDraftReport(command, state.reports, state.serviceId as string, now);
      case 'ChallengeVisitFinding':
        return decideChallenge(command, state.reports, now);
      case 'DecideFindingChallenge':
        return decideChallengeDecision(command, state.reports, actor);
      case 'PublishVisitReport':
        return decidePublication(command, state.reports, state.serviceId as string, now);
    }
  },
};
