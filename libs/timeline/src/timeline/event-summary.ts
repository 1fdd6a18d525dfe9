import type { CareTrailEvent } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { formatDate } from '../calendar/local-date';
import { concernIdOf } from '../events/typed-event';
import { cadenceWord, clip, ESCALATION_LEVELS, entryNoun, fieldWords, humanise, NOTIFY_METHODS, plural, VISIT_LABELS } from './event-labels';
import type { SummaryContext } from './summary-context';
import { meetingKindWords } from '../words/meeting-words';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const CHALLENGE_OUTCOME_WORDS: Record<string, string> = { upheld: 'upheld', partly_upheld: 'partly upheld', not_upheld: 'not upheld' };
const level = (n: number) => `level ${n} (${ESCALATION_LEVELS[n] ?? 'unknown'})`;
const dash = (text: string | null | undefined) => (text ? ` — ${clip(text)}` : '');
const CONSEQUENCES: Record<string, string> = { red: 'red, no new placements', amber: 'amber, cautious admissions', none: 'placements unaffected' };
/** The decision log in a few words (the post that decided, the consequence, the review): never the lead officer's name. */
const decisionWords = (decision: unknown): string => {
  if (typeof decision !== 'object' || decision === null) return '';
  const d = decision as Record<string, unknown>;
  const parts = [
    typeof d['decidedByRole'] === 'string' ? `decided by ${clip(d['decidedByRole'], 60)}` : null,
    typeof d['consequence'] === 'string' ? (CONSEQUENCES[d['consequence']] ?? humanise(d['consequence'])) : null,
    typeof d['reviewOn'] === 'string' ? `review ${formatDate(d['reviewOn'])}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
};

/**
 * The one-line summary a council officer would write for an entry. `data` is passed apart from the
 * event so the same wording serves the entry as recorded and as corrected.
 */
export function summariseEvent(event: RecordedEvent, data: Record<string, unknown>, context: SummaryContext): string {
  const typed = { type: event.type, data } as CareTrailEvent;
  const concernId = concernIdOf(event);
  const action = (actionId: string) => `"${clip(context.actionDescription(concernId, actionId) ?? actionId, 80)}"`;
  switch (typed.type) {
    case 'OrganisationRegistered':
      return `${capitalise(typed.data.kind)} registered: ${clip(typed.data.name)}`;
    case 'CouncilClocksSet':
      return `Council clocks set: acknowledge within ${plural(typed.data.clocks.acknowledgeWithinWorkingDays, 'working day')}, reopen window ${plural(typed.data.clocks.reopenWindowMonths, 'month')}${dash(typed.data.reason)}`;
    case 'ServiceRegistered':
      return `Service registered: ${clip(typed.data.name)} (${humanise(typed.data.serviceType)}, ${typed.data.regulator})`;
    case 'ContractAwarded':
      return `Contract ${typed.data.reference} awarded for ${plural(typed.data.serviceIds.length, 'service')}, ${formatDate(typed.data.startsOn)} to ${formatDate(typed.data.endsOn)}`;
    case 'ContractConfirmed':
      return typed.data.confirmedBy === 'provider'
        ? `Contract confirmed by the provider${typed.data.signedContract ? ` (signed copy: ${clip(typed.data.signedContract.name)})` : ''}`
        : `Contract confirmed by an administrator from the signed copy${typed.data.signedContract ? `: ${clip(typed.data.signedContract.name)}` : ''}`;
    case 'ContractExtended':
      return `Contract extended to ${formatDate(typed.data.endsOn)}${dash(typed.data.reason)}`;
    case 'ContractEnded':
      return `Contract ${typed.data.how === 'expired' ? 'expired' : 'terminated'} on ${formatDate(typed.data.endedOn)}${dash(typed.data.reason)}`;
    case 'DefaultNoticeIssued':
      return `Default notice issued${dash(typed.data.reason)}${typed.data.remedyBy ? `; remedy by ${formatDate(typed.data.remedyBy)}` : ''}`;
    case 'ManagerLeft':
      return `Manager left on ${formatDate(typed.data.leftOn)}${dash(typed.data.reason)}`;
    case 'ManagerAppointed':
      return `${typed.data.basis === 'interim' ? 'Interim' : 'Permanent'} manager appointed, starting ${formatDate(typed.data.startedOn)}`;
    case 'ManagerRegistered':
      return `Manager registered with the regulator from ${formatDate(typed.data.registeredOn)}`;
    case 'ManagerAbsenceNotified':
      return `${typed.data.emergency ? 'Emergency' : 'Planned'} manager absence from ${formatDate(typed.data.absenceStartedOn)}, notified ${formatDate(typed.data.notifiedOn)}`;
    case 'ManagerReturnedFromAbsence':
      return `Registered manager returned from absence on ${formatDate(typed.data.returnedOn)} (absent from ${formatDate(typed.data.absenceStartedOn)})`;
    case 'ConcernRaised':
      return `Concern raised: ${humanise(typed.data.category)} (${typed.data.severity})${dash(typed.data.summary)}`;
    case 'ConcernNotifiedToProvider':
      return `Concern notified to provider ${NOTIFY_METHODS[typed.data.method] ?? `by ${typed.data.method}`}`;
    case 'ConcernAcknowledged':
      return 'Concern acknowledged by provider';
    case 'ConcernEscalated':
      return `Escalated from ${level(typed.data.fromLevel)} to ${level(typed.data.toLevel)}${decisionWords(typed.data.decision)}${dash(typed.data.reason)}`;
    case 'ConcernDeescalated':
      return `De-escalated from ${level(typed.data.fromLevel)} to ${level(typed.data.toLevel)}${dash(typed.data.reason)}`;
    case 'PlacementsSuspended':
      return `Placements suspended${decisionWords(typed.data.decision)}${dash(typed.data.reason)}`;
    case 'PlacementsResumed':
      return `Placements resumed${dash(typed.data.reason)}`;
    case 'ConcernClosed': {
      const unverified = typed.data.unverifiedActionIds?.length ?? 0;
      const override = unverified > 0 ? ` (closed with ${plural(unverified, 'action')} unverified: ${clip(typed.data.overrideReason ?? '', 80)})` : '';
      return `Concern closed${dash(typed.data.outcome)}${override}`;
    }
    case 'ConcernReopened':
      return `Concern reopened${dash(typed.data.reason)}`;
    case 'ActionPlanRequested':
      return `Action plan requested, due ${formatDate(typed.data.dueOn)}; ${cadenceWord(typed.data.updateCadenceDays)!.toLowerCase()} updates, ${plural(typed.data.graceDays, "day's", "days'")} grace`;
    case 'ActionPlanSubmitted':
      return `Action plan v${typed.data.version} submitted (${plural(typed.data.actions.length, 'action')})`;
    case 'ActionPlanReturned':
      return `Action plan v${typed.data.version} returned: ${clip(typed.data.reasons.join('; '))}`;
    case 'ActionPlanAccepted':
      return `Action plan v${typed.data.version} accepted`;
    case 'PlanUpdateSubmitted':
      return `${cadenceWord(context.cadenceBefore(event)) ?? 'Plan'} update for period ending ${formatDate(typed.data.periodEnding)}`;
    case 'ActionDueDateRevised':
      return `Due date of ${action(typed.data.actionId)} moved from ${formatDate(typed.data.previousDueOn)} to ${formatDate(typed.data.dueOn)} (${typed.data.basis})`;
    case 'ActionCompletionClaimed':
      return `Completion claimed: ${action(typed.data.actionId)}`;
    case 'ActionVerified':
      return `Action verified: ${action(typed.data.actionId)}`;
    case 'ActionVerificationRejected':
      return `Verification refused: ${action(typed.data.actionId)}${dash(typed.data.reason)}`;
    case 'ActionPlanCompleted':
      return `Action plan v${typed.data.version} completed: every action verified`;
    case 'VisitConducted':
      return `${VISIT_LABELS[typed.data.visitType] ?? humanise(typed.data.visitType)} on ${formatDate(typed.data.visitedOn)} (${typed.data.announced ? 'announced' : 'unannounced'}) by ${clip(typed.data.visitorRole, 60)}`;
    case 'ReviewMeetingHeld': {
      // A version-1 meeting has no kind and no actions: a review meeting, as it always read.
      const actions = (typed.data.actions ?? []).length;
      return `${meetingKindWords(typed.data.meetingKind)} held on ${formatDate(typed.data.heldOn)}: ${plural(typed.data.decisions.length, 'decision')}${actions > 0 ? `, ${plural(actions, 'action')} to track` : ''}`;
    }
    case 'MeetingScheduled': {
      const provider = typed.data.invitations.find((i) => i.organisationKind === 'provider');
      const part = provider ? (provider.providerAttendance === 'part' ? ' (the provider for part)' : ' (the provider for all)') : ' (without the provider)';
      return `${meetingKindWords(typed.data.meetingKind)} called for ${formatDate(typed.data.meetingOn)}: ${plural(typed.data.invitations.length, 'invitation')}${part}`;
    }
    case 'MeetingAgendaShared':
      return `Meeting agenda shared on ${formatDate(typed.data.sharedOn)}: ${plural(typed.data.items.length, 'item')}`;
    case 'MeetingActionCompleted':
      return `Meeting action completed on ${formatDate(typed.data.completedOn)}${dash(typed.data.note)}`;
    case 'RatingPublished':
      return `${typed.data.regulator} rating published: ${humanise(typed.data.overall)}`;
    case 'EnforcementActionRecorded':
      return `Enforcement action: ${humanise(typed.data.action)}${dash(typed.data.summary)}`;
    case 'CommentRecorded':
      return `Comment (${humanise(typed.data.topic)}) by ${typed.data.party}`;
    case 'EntryCorrected': {
      const fields = Object.keys(typed.data.changes ?? {})
        .map(fieldWords)
        .join(', ');
      return `Correction to ${targetWords(typed.data.targetEventId, typed.data.targetType, context)}${fields ? ` (${fields})` : ''}${dash(typed.data.reason)}`;
    }
    case 'RestrictedEntryRecorded':
      // The same words for every reader: the content is never in a timeline (docs/restricted-entries.md).
      return `Restricted ${humanise(typed.data.kind)} by ${typed.data.party}: its content is shown only to the organisations it is restricted to`;
    case 'EntryRestrictionLifted':
      return `Restriction lifted on ${targetWords(typed.data.targetEventId, 'RestrictedEntryRecorded', context)} for ${plural(typed.data.disclosedTo.length, 'more organisation')}${dash(typed.data.reason)}`;
    case 'EntryRetracted':
      return `Retraction of ${targetWords(typed.data.targetEventId, typed.data.targetType, context)}${dash(typed.data.reason)}`;
    case 'VisitReportDrafted':
      return `${VISIT_LABELS[typed.data.visitType] ?? humanise(typed.data.visitType)} on ${formatDate(typed.data.visitedOn)} drafted for the provider to check: ${plural(typed.data.findings.length, 'finding')}; challenges close ${formatDate(typed.data.challengeClosesOn)} (${plural(typed.data.challengeWindowWorkingDays, 'working day')})`;
    case 'VisitFindingChallenged':
      return `Provider challenged finding ${typed.data.findingNo} of a draft report${dash(typed.data.whatIsWrong)}${typed.data.evidence.length > 0 ? ` (${plural(typed.data.evidence.length, 'evidence document')})` : ''}`;
    case 'FindingChallengeDecided':
      return `Challenge to finding ${typed.data.findingNo} ${CHALLENGE_OUTCOME_WORDS[typed.data.outcome] ?? humanise(typed.data.outcome)} by ${clip(typed.data.reviewerRole, 60)}${typed.data.amendedFinding ? ' (finding amended)' : ''}${dash(typed.data.reasons)}`;
    case 'VisitReportPublished': {
      // Each challenged finding as published, with the challenge and the decision beside it.
      const beside = typed.data.findings
        .filter((f) => f.challenge !== null)
        .map(
          (f) =>
            ` Finding ${f.findingNo}${f.text !== f.draftText ? ' (amended)' : ''}: "${clip(f.text, 80)}" — challenged by the provider: "${clip(f.challenge?.whatIsWrong ?? '', 80)}"; ${f.decision ? `${CHALLENGE_OUTCOME_WORDS[f.decision.outcome] ?? humanise(f.decision.outcome)} by ${clip(f.decision.reviewerRole, 60)}: "${clip(f.decision.reasons, 80)}"` : 'not decided'}.`,
        )
        .join('');
      return `${VISIT_LABELS[typed.data.visitType] ?? humanise(typed.data.visitType)} on ${formatDate(typed.data.visitedOn)} published: ${plural(typed.data.findings.length, 'finding')}, ${plural(typed.data.findings.filter((f) => f.challenge !== null).length, 'challenged', 'challenged')}.${beside}`;
    }
    default:
      return fieldWords(event.type).replace(/^./, (c) => c.toUpperCase());
  }
}

function targetWords(targetEventId: string, targetType: string, context: SummaryContext): string {
  const target = context.target(targetEventId);
  return target ? `${entryNoun(target.type)} of ${formatDate(target.occurredOn)}` : entryNoun(targetType);
}
