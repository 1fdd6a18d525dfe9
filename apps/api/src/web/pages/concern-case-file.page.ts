import type { ConcernState, EvidenceReference, PlanAction, ServiceState } from '@caretrail/domain';
import { computeMeasures } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import { cadenceChart, type CadenceChart } from '../charts/cadence-chart.svg';
import type { ConcernPageRecord, ConcernRecord } from '../read/concern-record.reader';
import { correctionMarks, retractionMarks } from '../read/corrected-record';
import { londonToday } from '../rendering/date-format';
import { humanise } from '../rendering/nunjucks-environment';
import type { ActionLink, PlanActionLink } from './concern-parties.view';
import { offeredConcernActions, offeredPlanActions } from './offered-actions';
import { meetingsOnCaseFile, type MeetingView, type MeetingActionView } from './meeting-case-file';
import { compareVersions, type ComparedVersion } from './plan-version-diff';
import { entryName, fieldName, valueWords, visitTypeWords } from './record-words';
import { actionBadge, concernBadge, LEVEL_NAMES, levelBadge, severityBadge, versionBadge, type Badge } from './status-badges';

/** How many of each growing list the case file shows, newest first; the timeline pages through all of them. */
export const CASE_FILE_SHOWS = { updates: 8, comments: 10, visits: 20, meetings: 10 } as const;

/** The newest `n` of a list kept oldest first, newest first, and how many there are in all. */
const newest = <T>(list: readonly T[], n: number): { shown: T[]; total: number } => ({
  shown: list.slice(Math.max(0, list.length - n)).reverse(),
  total: list.length,
});

export interface ConcernNames {
  service: string;
  council: string;
  provider: string;
}

export interface LifecycleStep {
  at: string;
  text: string;
}

/** How an item that a correction or a withdrawal touched is marked where it shows. */
export interface EntryMarks {
  corrected: boolean;
  /** The reason it was withdrawn, or null. */
  retracted: string | null;
}

export interface PlanUpdateView extends EntryMarks {
  eventId: string;
  planVersion: number;
  periodEnding: string;
  submittedAt: string;
  summary: string;
  actions: { description: string; status: string; note: string }[];
  evidence: EvidenceReference[];
}

export interface CorrectionView {
  eventId: string;
  entry: string;
  at: string;
  fields: { name: string; before: string; after: string }[];
  reasons: string[];
  correctedAt: string;
}

/** Everything the case file template shows, worked out from the folded record (as it reads now). */
export interface ConcernCaseFile {
  title: string;
  exists: boolean;
  /** The concern as it reads now (corrections applied). */
  state: ConcernState;
  names: ConcernNames;
  badges: { status: Badge; severity: Badge; level: Badge };
  /** Whether the concern as raised was corrected (its summary, category, severity or source). */
  raisedCorrected: boolean;
  lifecycle: LifecycleStep[];
  escalations: { at: string; direction: string; from: string; to: string; reason: string; corrected: boolean }[];
  plans: {
    request: ConcernState['plan']['requested'];
    versions: (ComparedVersion & { badge: Badge })[];
    completedAt: string | null;
    /** Its newest updates, newest first, each with every action's status and progress note and the evidence. */
    updates: PlanUpdateView[];
    /** How many updates the plan has in all (the timeline shows every one). */
    updateCount: number;
  }[];
  /** Each action of the accepted plan, with the forms the reader may use on it (none in a replay). */
  actions: (PlanAction & { badge: Badge; overdue: boolean; links: PlanActionLink[] })[];
  /** Whether any action offers the reader a form (the table then has a column for them). */
  actionFormsOffered: boolean;
  cadence: CadenceChart[];
  /** How many visits, meetings and comments there are in all (each list shows the newest). */
  counts: { visits: number; meetings: number; comments: number };
  visits: { visitedOn: string; type: string; announced: boolean; visitorRole: string; findings: string; marks: EntryMarks }[];
  meetings: { eventId: string; heldOn: string; attendees: string[]; decisions: string[]; marks: EntryMarks }[];
  /** Meetings called with invitations and their actions (issue 16 item 1). */
  procedureMeetings: { meetings: MeetingView[]; actions: MeetingActionView[] };
  comments: { party: string; topic: string; at: string; text: string; marks: EntryMarks }[];
  /** The service's published ratings and enforcement actions, newest first (the regulator's view of the service). */
  service: { ratings: ServiceState['ratings']; enforcement: (ServiceState['enforcement'][number] & { actionWords: string })[] } | null;
  corrections: CorrectionView[];
  retractions: { eventId: string; entry: string; at: string; reason: string; retractedAt: string }[];
  actionLinks: ActionLink[];
}

/**
 * The case file. `record.corrected` is what it shows (every entry as it reads now); offers are judged
 * on the record as recorded, as the commands will be. Each corrected item carries a mark, and the
 * corrections section lists each changed field before and after.
 */
export function concernCaseFile(
  record: ConcernPageRecord,
  who: Identity,
  names: ConcernNames,
  service: ServiceState | null = null,
  today = londonToday(),
): ConcernCaseFile {
  const state = record.corrected;
  const log = record.state.log;
  const on = record.replay?.asOf ?? today;
  const measures = computeMeasures(record.measureEvents, { on });
  const runs = measures.cadenceAdherence.byConcern.find((c) => c.concernId === record.id)?.runs ?? [];
  const plans = [...state.earlierPlans, state.plan].filter((p) => p.requested !== null);
  // The offers (helper C's) read the record as recorded: the forms act on it.
  const offerScope: ConcernRecord = { id: record.id, version: record.version, events: [], state: record.state, live: record.live, replay: record.replay };
  const marks = correctionMarks(log);
  const retractions = retractionMarks(log);
  const corrected = new Set(marks.map((m) => m.eventId));
  const withdrawn = new Map(retractions.map((r) => [r.eventId, r.reason]));
  const markOf = (eventId: string | undefined): EntryMarks => ({
    corrected: eventId ? corrected.has(eventId) : false,
    retracted: eventId ? (withdrawn.get(eventId) ?? null) : null,
  });
  // Items the state keeps without their event id are matched to a mark by their entry's type and instant.
  const correctedAt = (type: string, at: string) => marks.some((m) => m.entryType === type && m.occurredAt === at);
  const describe = (actionId: string) => {
    for (const p of plans) {
      const found = p.actions[actionId] ?? p.versions.flatMap((v) => v.actions).find((a) => a.actionId === actionId);
      if (found) return found.description;
    }
    return 'An action no longer in the plan';
  };
  // A meeting called with invitations is shown once, in the meetings section; "Review meetings" keeps those recorded without being called.
  const called = new Set((state.meetingPlans ?? []).map((p) => p.meetingId));
  const reviewMeetings = state.meetings.filter((m) => !called.has(m.meetingId));
  const actions = Object.values(state.plan.actions)
    .filter((a) => a.inAcceptedPlan)
    .map((a) => ({
      ...a,
      badge: actionBadge(a.status),
      overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueOn < on,
      links: offeredPlanActions(offerScope, who, record.state.plan.actions[a.actionId] ?? a),
    }));
  return {
    title: state.exists ? `${humanise(state.category)} concern at ${names.service}` : 'Concern not yet raised',
    exists: state.exists,
    state,
    names,
    badges: { status: concernBadge(state.status), severity: severityBadge(state.severity), level: levelBadge(state.escalationLevel) },
    raisedCorrected: marks.some((m) => m.entryType === 'ConcernRaised'),
    lifecycle: lifecycleOf(state),
    escalations: state.escalations.map((e) => ({
      at: e.at,
      direction: e.direction === 'up' ? 'Escalated' : 'De-escalated',
      from: `${e.fromLevel}: ${LEVEL_NAMES[e.fromLevel]}`,
      to: `${e.toLevel}: ${LEVEL_NAMES[e.toLevel]}`,
      reason: e.reason,
      corrected: correctedAt(e.direction === 'up' ? 'ConcernEscalated' : 'ConcernDeescalated', e.at),
    })),
    plans: plans.map((p) => ({
      request: p.requested,
      versions: compareVersions(p.versions).map((v) => ({ ...v, badge: versionBadge(v.version.status) })),
      completedAt: p.completedAt,
      updateCount: p.updates.length,
      updates: newest(p.updates, CASE_FILE_SHOWS.updates).shown.map((u) => ({
        eventId: u.eventId,
        planVersion: u.planVersion,
        periodEnding: u.periodEnding,
        submittedAt: u.submittedAt,
        summary: u.summary,
        actions: u.actions.map((a) => ({ description: describe(a.actionId), status: a.status === 'open' ? 'Not started' : 'In progress', note: a.note })),
        evidence: u.evidence,
        ...markOf(u.eventId),
      })),
    })),
    actions,
    actionFormsOffered: actions.some((a) => a.links.length > 0),
    cadence: runs.map((run, i) => cadenceChart(run, `cadence-${i + 1}`)),
    counts: { visits: state.visits.length, meetings: reviewMeetings.length, comments: state.log.comments.length },
    visits: newest(state.visits, CASE_FILE_SHOWS.visits).shown.map((v) => ({
      visitedOn: v.visitedOn,
      type: visitTypeWords(v.visitType),
      announced: v.announced,
      visitorRole: v.visitorRole,
      findings: v.findings,
      marks: markOf(v.eventId),
    })),
    meetings: newest(reviewMeetings, CASE_FILE_SHOWS.meetings).shown.map((m) => ({
      eventId: m.eventId,
      heldOn: m.heldOn,
      attendees: m.attendees,
      decisions: m.decisions,
      marks: markOf(m.eventId),
    })),
    procedureMeetings: meetingsOnCaseFile(record, state, who, on, markOf),
    comments: newest(state.log.comments, CASE_FILE_SHOWS.comments).shown.map((c) => ({
      party: humanise(c.party),
      topic: humanise(c.topic).toLowerCase(),
      at: c.at,
      text: c.text,
      marks: markOf(c.eventId),
    })),
    service: service
      ? {
          ratings: [...service.ratings].reverse(),
          enforcement: [...service.enforcement].reverse().map((e) => ({ ...e, actionWords: humanise(e.action) })),
        }
      : null,
    corrections: marks.map((m) => ({
      eventId: m.eventId,
      entry: entryName(m.entryType),
      at: m.occurredAt,
      fields: m.fields.map((f) => ({ name: fieldName(f.field), before: valueWords(f.before, describe), after: valueWords(f.after, describe) })),
      reasons: m.reasons,
      correctedAt: m.correctedAt,
    })),
    retractions: retractions.map((r) => ({
      eventId: r.eventId,
      entry: entryName(r.entryType),
      at: r.occurredAt,
      reason: r.reason,
      retractedAt: r.retractedAt,
    })),
    actionLinks: offeredConcernActions(offerScope, who),
  };
}

/** The concern's own steps, oldest first: raised, notified, acknowledged, placements, closures and reopenings. */
function lifecycleOf(state: ConcernState): LifecycleStep[] {
  const steps: LifecycleStep[] = [];
  if (state.raisedAt) steps.push({ at: state.raisedAt, text: `Raised (source: ${humanise(state.source)})` });
  if (state.notifiedAt) steps.push({ at: state.notifiedAt, text: `Notified to the provider by ${state.notificationMethod ?? 'an unknown method'}` });
  if (state.acknowledgedAt)
    steps.push({ at: state.acknowledgedAt, text: `Acknowledged by the provider${state.acknowledgementNote ? `: ${state.acknowledgementNote}` : ''}` });
  for (const p of state.placementChanges) steps.push({ at: p.at, text: `${p.suspended ? 'Placements suspended' : 'Placements resumed'}: ${p.reason}` });
  for (const c of state.closures)
    steps.push({ at: c.at, text: `Closed: ${c.outcome}${c.overrideReason ? ` (closed with actions unverified: ${c.overrideReason})` : ''}` });
  for (const r of state.reopenings) steps.push({ at: r.at, text: `Reopened: ${r.reason}` });
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
