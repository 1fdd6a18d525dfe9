import * as concern from '../concern/concern.command-specs';
import type { ConcernCommand } from '../concern/concern.commands';
import * as contract from '../contract/contract.command-specs';
import type { ContractCommand } from '../contract/contract.commands';
import { recordProviderIdentifiersSpec, registerOrganisationSpec, setCouncilClocksSpec } from '../organisation/organisation.command-specs';
import type { OrganisationCommand } from '../organisation/organisation.commands';
import * as service from '../service/service.command-specs';
import type { ServiceCommand } from '../service/service.commands';
import type { AnyCommandSpec } from '../shared/command-spec';

/** Every command CareTrail accepts, as a discriminated union on `kind`. */
export type CareTrailCommand = OrganisationCommand | ServiceCommand | ContractCommand | ConcernCommand;
export type CareTrailCommandKind = CareTrailCommand['kind'];
export type CommandOfKind<K extends CareTrailCommandKind> = Extract<CareTrailCommand, { kind: K }>;

/** How to run each command, by kind; the compiler checks that every kind has its spec under its own name. */
export const COMMAND_SPECS = {
  RegisterOrganisation: registerOrganisationSpec,
  SetCouncilClocks: setCouncilClocksSpec,
  RecordProviderIdentifiers: recordProviderIdentifiersSpec,

  RegisterService: service.registerServiceSpec,
  RecordServiceIdentifiers: service.recordServiceIdentifiersSpec,
  AppointManager: service.appointManagerSpec,
  RecordManagerLeft: service.recordManagerLeftSpec,
  RecordManagerRegistered: service.recordManagerRegisteredSpec,
  NotifyManagerAbsence: service.notifyManagerAbsenceSpec,
  RecordManagerReturn: service.recordManagerReturnSpec,
  PublishRating: service.publishRatingSpec,
  RecordEnforcementAction: service.recordEnforcementActionSpec,
  RecordServiceVisit: service.recordServiceVisitSpec,
  RecordServiceComment: service.recordServiceCommentSpec,
  CorrectServiceEntry: service.correctServiceEntrySpec,
  RetractServiceEntry: service.retractServiceEntrySpec,

  AwardContract: contract.awardContractSpec,
  RecordSignedContract: contract.recordSignedContractSpec,
  ConfirmContract: contract.confirmContractSpec,
  ExtendContract: contract.extendContractSpec,
  EndContract: contract.endContractSpec,
  IssueDefaultNotice: contract.issueDefaultNoticeSpec,
  RecordContractComment: contract.recordContractCommentSpec,
  CorrectContractEntry: contract.correctContractEntrySpec,
  RetractContractEntry: contract.retractContractEntrySpec,

  RaiseConcern: concern.raiseConcernSpec,
  NotifyConcernToProvider: concern.notifyConcernToProviderSpec,
  AcknowledgeConcern: concern.acknowledgeConcernSpec,
  EscalateConcern: concern.escalateConcernSpec,
  DeescalateConcern: concern.deescalateConcernSpec,
  SuspendPlacements: concern.suspendPlacementsSpec,
  ResumePlacements: concern.resumePlacementsSpec,
  CloseConcern: concern.closeConcernSpec,
  ReopenConcern: concern.reopenConcernSpec,
  RequestActionPlan: concern.requestActionPlanSpec,
  SubmitActionPlan: concern.submitActionPlanSpec,
  ReturnActionPlan: concern.returnActionPlanSpec,
  AcceptActionPlan: concern.acceptActionPlanSpec,
  SubmitPlanUpdate: concern.submitPlanUpdateSpec,
  ReviseActionDueDate: concern.reviseActionDueDateSpec,
  ClaimActionCompletion: concern.claimActionCompletionSpec,
  VerifyAction: concern.verifyActionSpec,
  RejectActionVerification: concern.rejectActionVerificationSpec,
  RecordConcernVisit: concern.recordConcernVisitSpec,
  RecordReviewMeeting: concern.recordReviewMeetingSpec,
  ScheduleMeeting: concern.scheduleMeetingSpec,
  ShareMeetingAgenda: concern.shareMeetingAgendaSpec,
  CompleteMeetingAction: concern.completeMeetingActionSpec,
  RecordConcernComment: concern.recordConcernCommentSpec,
  CorrectConcernEntry: concern.correctConcernEntrySpec,
  RetractConcernEntry: concern.retractConcernEntrySpec,
  LiftConcernEntryRestriction: concern.liftConcernEntryRestrictionSpec,
  DraftVisitReport: concern.draftVisitReportSpec,
  ChallengeVisitFinding: concern.challengeVisitFindingSpec,
  DecideFindingChallenge: concern.decideFindingChallengeSpec,
  PublishVisitReport: concern.publishVisitReportSpec,
} as const satisfies { [K in CareTrailCommandKind]: { kind: K } };

export const COMMAND_KINDS = Object.keys(COMMAND_SPECS) as CareTrailCommandKind[];

export const isCareTrailCommandKind = (kind: string): kind is CareTrailCommandKind => Object.prototype.hasOwnProperty.call(COMMAND_SPECS, kind);

/**
 * The spec for a kind, typed loosely for the API's single generic handler (which works on any command).
 * The precise types live in COMMAND_SPECS; this is the one place they are widened.
 */
export function commandSpecFor(kind: string): AnyCommandSpec | undefined {
  return isCareTrailCommandKind(kind) ? (COMMAND_SPECS[kind] as unknown as AnyCommandSpec) : undefined;
}
